"""WeasyPrint is imported without cffi's library search, loads the same libraries, and falls back."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux only")

# Counts the processes started while importing, and lists the system libraries loaded after.
PROBE = """
import subprocess, sys
started = []
real_init = subprocess.Popen.__init__
def counting_init(self, args, *rest, **options):
    started.append(args)
    real_init(self, args, *rest, **options)
subprocess.Popen.__init__ = counting_init
{setup}
{importing}
import ctypes.util
assert ctypes.util.find_library.__module__ == "ctypes.util", "the search stayed switched off"
assert "weasyprint.text.ffi" in sys.modules
paths = {{line.split()[-1] for line in open("/proc/self/maps")}}
libraries = sorted(path for path in paths if ".so" in path and sys.prefix not in path
                   and sys.base_prefix not in path)
print("started", len(started))
print("\\n".join(libraries))
"""

FAST = "from quizgen.targets.pdf import engine; engine.load()"


def probe(importing: str, setup: str = "") -> tuple[int, list[str]]:
    """Return how many processes the import started and which libraries it loaded."""
    code = PROBE.format(setup=setup, importing=importing)
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    # in the fallback WeasyPrint prints its troubleshooting page first
    _, _, report = result.stdout.rpartition("started ")
    count, *libraries = report.splitlines()
    return int(count), libraries


def test_load_starts_no_process_and_loads_the_same_libraries() -> None:
    searched, usual = probe("import weasyprint")
    started, loaded = probe(FAST)
    assert searched > 0  # the ordinary import does search (else this test proves nothing)
    assert started == 0
    assert loaded == usual and any("libpango-1.0" in path for path in loaded)


def test_a_library_found_only_by_searching_is_still_found() -> None:
    # a system whose loader does not know the sonames WeasyPrint lists: only the search finds them
    setup = """
import cffi, ctypes.util
real_dlopen = cffi.FFI.dlopen
def dlopen(self, name, flags=0):
    if ".so." in name and ctypes.util.find_library("c") is None:
        raise OSError("not known by this name here")
    return real_dlopen(self, name, flags)
cffi.FFI.dlopen = dlopen
"""
    started, _ = probe(FAST, setup)
    assert started > 0  # imported the second time, searching


def test_no_shortcut_while_another_thread_runs() -> None:
    setup = """
import threading
stop = threading.Event()
threading.Thread(target=stop.wait, daemon=True).start()
"""
    started, _ = probe(FAST, setup)
    assert started > 0
