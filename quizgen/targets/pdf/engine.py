"""Import WeasyPrint without cffi's library search, which starts about 90 processes.

`import weasyprint` asks cffi for each C library under several names (Windows, macOS, Linux);
every name that is not a file makes cffi call `ctypes.util.find_library`, which runs ldconfig,
gcc and ld: 0.15-0.3 s of the import. On Linux WeasyPrint's list also holds each library's
soname, which the dynamic loader finds without a search, and which is the library the search
would have named; so while it imports, `load` answers "not found" without searching. Should that
fail on some system, it imports once more the ordinary way. `load` also makes pyphen read its
hyphenation dictionaries faster (hyphenation.py).
"""

from __future__ import annotations

import ctypes.util
import sys
import threading


def load() -> None:
    """Import WeasyPrint (on Linux without cffi's library search) and its faster hyphenation."""
    _import()
    from quizgen.targets.pdf import hyphenation

    hyphenation.install()


def _import() -> None:
    # the search is switched off for the whole process: not while another thread might search
    if (
        "weasyprint" in sys.modules
        or not sys.platform.startswith("linux")
        or threading.active_count() > 1
    ):
        import weasyprint

        return
    search = ctypes.util.find_library
    ctypes.util.find_library = _not_searched
    try:
        import weasyprint
    except OSError:  # a library known by another name only: forget the half import, search
        for name in [module for module in sys.modules if module.partition(".")[0] == "weasyprint"]:
            del sys.modules[name]
        ctypes.util.find_library = search
        import weasyprint  # noqa: F401
    finally:
        ctypes.util.find_library = search


def _not_searched(name: str) -> None:
    return None
