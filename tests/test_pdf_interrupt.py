"""Ctrl-C during a PDF build with render processes stops it at once, with no traceback."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.harness import REPO, copy_project

pytestmark = pytest.mark.slow  # PDF builds in a subprocess


def in_session(session: int) -> list[tuple[int, str]]:
    """Return the processes (pid, command line) of a session."""
    found = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
            if int(fields[3]) != session:  # fields from the state on: the session is the 4th
                continue
            with open(f"/proc/{name}/cmdline", "rb") as cmdline:
                found.append((int(name), cmdline.read().replace(b"\0", b" ").decode()))
        except OSError:  # ended meanwhile
            continue
    return found


def fork_servers(session: int) -> int:
    """Return how many processes of the session are the fork server or its render processes."""
    return sum("forkserver" in command for _pid, command in in_session(session))


def interrupted_build(tmp_path: Path, when: int) -> subprocess.CompletedProcess[str]:
    """Build PDFs with 2 jobs; press Ctrl-C once `when` fork-server processes are up."""
    root = copy_project(tmp_path, "mini")
    command = [sys.executable, "-m", "quizgen", "--project", str(root), "build", "-q"]
    command += ["--only", "pdf", "--variants", "3", "--jobs", "2"]
    # its own session, as at a terminal; SIGINT as a terminal's (a shell's background job, as
    # the suite may be started, ignores it, and a Python started so keeps ignoring it)
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 60
    while fork_servers(process.pid) < when and process.poll() is None:
        assert time.monotonic() < deadline, "no render process started"
        time.sleep(0.005)
    time.sleep(0.15)  # the fork server loading WeasyPrint; a render process waiting for a job
    os.killpg(process.pid, signal.SIGINT)  # Ctrl-C reaches the whole process group
    out, err = process.communicate(timeout=30)
    deadline = time.monotonic() + 10
    while in_session(process.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert in_session(process.pid) == []  # no fork server or render process left behind
    return subprocess.CompletedProcess(command, process.returncode, out, err)


def test_ctrl_c_stops_a_build_with_render_processes_without_a_traceback(tmp_path: Path) -> None:
    result = interrupted_build(tmp_path, 2)  # a render process up, waiting for a job or rendering
    # 1, click's status for "Aborted!"; now and then the process then ends by the signal itself,
    # as a program stopped by Ctrl-C conventionally does (a shell shows the same either way)
    assert result.returncode in (1, -signal.SIGINT), result.stderr
    assert "Traceback" not in result.stderr
    assert "Exception ignored" not in result.stderr
    assert result.stderr.strip().endswith("Aborted!")
    assert not (tmp_path / "mini" / "output" / "site").exists()  # nothing half-written


def test_the_fork_server_is_deaf_to_ctrl_c_from_its_first_module_on() -> None:
    """It loads WeasyPrint for a second before ignoring SIGINT itself: a Ctrl-C then printed a traceback."""
    from quizgen.targets.pdf import render

    code = "import signal, quizgen.targets.pdf.preload; print(signal.getsignal(signal.SIGINT))"
    shown = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        check=True,
    )
    assert shown.stdout.strip() == str(int(signal.SIG_IGN))  # (printed as its number)
    preload = render.forkserver_preload()
    assert preload[0] == "quizgen.targets.pdf.preload"  # before any other module it loads
