"""A PDF build killed outright leaves no render process behind."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from contextlib import suppress
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PROC = Path("/proc")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (PROC / "self" / "stat").exists(), reason="reads processes from /proc"),
]


def process_table() -> dict[int, tuple[int, int, str, str]]:
    """Return every live process: pid -> (parent pid, process group, start time, state)."""
    table = {}
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # ended while we looked
            continue
        fields = stat.rsplit(")", 1)[1].split()  # the command name may hold spaces and ")"
        state, ppid, pgid, started = fields[0], int(fields[1]), int(fields[2]), fields[19]
        if state not in ("Z", "X"):  # a zombie has ended; only its parent's wait is missing
            table[int(entry.name)] = (ppid, pgid, started, state)
    return table


def descendants(pid: int, table: dict[int, tuple[int, int, str, str]]) -> dict[int, int]:
    """Return pid -> depth below `pid` for each of its descendants."""
    found: dict[int, int] = {}
    parents = [(pid, 0)]
    while parents:
        parent, depth = parents.pop()
        for child, (ppid, *_) in table.items():
            if ppid == parent and child not in found:
                found[child] = depth + 1
                parents.append((child, depth + 1))
    return found


def survivors(group: int, tracked: dict[int, str]) -> list[str]:
    """Return the processes still alive that were tracked or are in the build's group."""
    table = process_table()
    left = {pid for pid, started in tracked.items() if pid in table and table[pid][2] == started}
    left |= {pid for pid, (_, pgid, _, _) in table.items() if pgid == group}
    return [f"{pid}: {_command(pid)}" for pid in sorted(left)]


def _command(pid: int) -> str:
    try:
        return (PROC / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode()[:120]
    except OSError:
        return "?"


def test_sigkilled_build_leaves_no_render_process(tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(REPO / "questions", root / "questions")
    shutil.copytree(REPO / "seeds", root / "seeds")
    command = [sys.executable, "-m", "quizgen", "--project", str(root), "build"]
    # three jobs: the build renders one itself, two render processes the others
    command += ["--only", "pdf", "--variants", "4", "--jobs", "3"]
    log = tmp_path / "build.log"
    with log.open("wb") as output:
        # its own session, so that its process group holds the build and whatever it starts
        build = subprocess.Popen(
            command, cwd=REPO, start_new_session=True, stdout=output, stderr=output
        )
    tracked: dict[int, str] = {}  # pid -> start time, so that a reused pid is not mistaken
    try:
        workers = 0
        deadline = time.monotonic() + 120
        while workers < 2 and build.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
            table = process_table()
            below = descendants(build.pid, table)
            tracked |= {pid: table[pid][2] for pid in below}
            workers = sum(depth == 2 for depth in below.values())  # the forkserver's children
        assert workers >= 2, f"no render workers seen; build log:\n{log.read_text()}"
        os.kill(build.pid, signal.SIGKILL)
        build.wait()
        deadline = time.monotonic() + 10
        while survivors(build.pid, tracked) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert survivors(build.pid, tracked) == []
    finally:  # a failed run must not leave its processes behind
        build.kill()
        build.wait()
        with suppress(ProcessLookupError):
            os.killpg(build.pid, signal.SIGKILL)
        table = process_table()
        for pid, started in tracked.items():
            if pid in table and table[pid][2] == started:
                with suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
