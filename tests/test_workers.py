"""Worker processes end with the build that started them, however and whenever it ends."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# starts a worker and is killed at once, before the worker has heard of anything
KILLED_AT_ONCE = """
import os, signal, sys
from quizgen.workers import Workers
workers = Workers(1)
workers.submit(os.getpid)
print(*workers._pool._processes, flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


def alive(pid: int) -> bool:
    """Return whether a process runs (a zombie, ended and not yet reaped, does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_a_worker_started_just_before_the_build_is_killed_ends_too(tmp_path: Path) -> None:
    # it may start after the build is gone: then no signal tells it, and it must see for itself
    started = []
    for run in range(5):
        said = tmp_path / f"{run}.txt"  # (a file: a worker left behind would hold a pipe open)
        with said.open("w") as output:
            subprocess.run([sys.executable, "-c", KILLED_AT_ONCE], cwd=REPO, stdout=output)
        started += [int(pid) for pid in said.read_text().split()]
    assert len(started) == 5
    deadline = time.monotonic() + 10
    while any(map(alive, started)) and time.monotonic() < deadline:
        time.sleep(0.1)
    survivors = [pid for pid in started if alive(pid)]
    for pid in survivors:  # (a failed run must not leave them behind)
        subprocess.run(["kill", "-9", str(pid)], check=False)
    assert survivors == []
