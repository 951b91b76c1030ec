"""Run a command several times as a whole process: wall time, CPU time and peak memory of each run."""

from __future__ import annotations

import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

SAMPLE_SECONDS = 0.1  # often enough for a render's peak, rarely enough not to slow it


@dataclass
class Measurement:
    """The runs of one command: seconds, CPU seconds and peak resident memory (MB) of each."""

    label: str
    command: list[str]
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    peak_mb: list[float] = field(default_factory=list)
    returncode: int = 0
    output: str = ""  # the last run's stdout and stderr
    # the first label of the commands it was run in rounds with, one run of each in turn
    # (measure_in_rounds): its i-th run and theirs saw the same moment's load
    rounds: str = ""

    @property
    def ok(self) -> bool:
        """Return whether every run exited with status 0."""
        return self.returncode == 0 and bool(self.wall)

    @property
    def median(self) -> float:
        """Return the median wall time."""
        return statistics.median(self.wall)

    @property
    def cpu_median(self) -> float:
        """Return the median CPU time (user + system, the process and its waited-for children)."""
        return statistics.median(self.cpu)

    @property
    def peak(self) -> float:
        """Return the largest peak RSS of any run, in MB."""
        return max(self.peak_mb)

    def spread(self) -> str:
        """Return 'min–max' of the wall times, or '–' for a single run."""
        if len(self.wall) < 2:
            return "–"
        return f"{min(self.wall):.2f}–{max(self.wall):.2f}"


# Runs the command as its own child, forked from this small interpreter (python -S): Linux keeps a
# process's peak RSS across exec, so a command forked straight from the suite (tens of MB, after
# generating banks) would report the suite's size. Writes wall s, CPU s, peak KB, exit status to
# the file descriptor it is given.
LAUNCHER = """
import os, sys, time
fd, command = int(sys.argv[1]), sys.argv[2:]
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.close(fd)
        os.execvp(command[0], command)
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - start
figures = (wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, os.waitstatus_to_exitcode(status))
os.write(fd, " ".join(map(str, figures)).encode())
"""


def run_once(
    command: Sequence[str], cwd: Path | None = None
) -> tuple[float, float, float, int, str]:
    """Run a command; return wall seconds, CPU seconds, peak memory in MB, exit status and output."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as figures:
        process = subprocess.Popen(
            [sys.executable, "-S", "-c", LAUNCHER, str(figures.fileno()), *command],
            cwd=cwd,
            stdout=out,
            stderr=subprocess.STDOUT,
            pass_fds=(figures.fileno(),),
            start_new_session=True,  # its own process group, for the sampler
        )
        sampler = GroupSampler(process.pid)
        sampler.start()
        process.wait()
        sampler.stop()
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
        figures.seek(0)
        wall, cpu, peak_kb, code = figures.read().decode().split()
    peak = max(int(peak_kb) / 1024, sampler.peak_mb)
    return float(wall), float(cpu), peak, int(code), text


class GroupSampler(threading.Thread):
    """Samples the memory of a process group: forked workers (PDF renders, banks read, targets made
    at once) are not the build's children."""

    def __init__(self, group: int) -> None:
        super().__init__(daemon=True)
        self.group, self.peak_mb = group, 0.0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(SAMPLE_SECONDS):
            self.peak_mb = max(self.peak_mb, group_memory(self.group, but=self.group) / 2**20)

    def stop(self) -> None:
        """Stop sampling and wait for the thread."""
        self.done.set()
        self.join()


def group_memory(group: int, but: int) -> int:
    """Return the memory (bytes) of a process group's processes but one, each page counted once.

    Forked workers share the pages of the build they were forked from until they write to them:
    summed resident sizes would count those pages once per process; the proportional set size
    (Pss, from /proc/<pid>/smaps_rollup) shares each page among the processes that map it.
    """
    total = 0
    for name in os.listdir("/proc"):
        if not name.isdigit() or int(name) == but:
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
            if int(fields[2]) != group:  # fields from the state on: pgrp is the 3rd
                continue
            with open(f"/proc/{name}/smaps_rollup", "rb") as rollup:
                for line in rollup:
                    if line.startswith(b"Pss:"):
                        total += int(line.split()[1]) * 1024
                        break
        except (OSError, ValueError):  # the process ended meanwhile
            continue
    return total


def runs_for(first: float, most: int) -> int:
    """Return how many runs a command gets after a first one took `first` seconds."""
    if first < 2:
        return most
    if first < 15:
        return min(most, 3)
    return min(most, 2) if first < 60 else 1


def measure(
    label: str,
    command: Sequence[str],
    *,
    runs: int = 5,
    warmup: bool = True,
    cwd: Path | None = None,
    before_each: Callable[[], None] | None = None,
) -> Measurement:
    """Run a command `runs` times (fewer when it is slow; after a warm-up run when asked)."""
    result = Measurement(label, list(command))
    if warmup:  # imports compiled, caches filled: what every later run of a user finds
        if before_each:
            before_each()
        run_once(command, cwd)
    planned = runs
    while len(result.wall) < planned:
        if before_each:
            before_each()
        wall, cpu, peak, code, text = run_once(command, cwd)
        result.wall.append(wall)
        result.cpu.append(cpu)
        result.peak_mb.append(peak)
        result.returncode, result.output = code or result.returncode, text
        if len(result.wall) == 1:
            planned = runs_for(wall, runs)
        if code:
            break
    line = f"{label}: {result.median:.3f} s ({result.spread()}, n={len(result.wall)}), "
    line += f"{result.peak:.0f} MB" + ("" if result.ok else f", EXIT {result.returncode}")
    print(line, file=sys.stderr, flush=True)
    return result


Timed = tuple[str, Sequence[str], Callable[[], None] | None]  # label, command, before each run


def measure_in_rounds(
    commands: Sequence[Timed], *, runs: int = 5, warmup: bool = True, fewer_if_slow: bool = True
) -> list[Measurement]:
    """Run commands one after the other, round after round (A B, B A, …), as `measure` runs one.

    A comparison of two commands measured minutes apart measures the machine's load as much as
    the commands (10–25 % on a shared 2-core guest); in rounds, each pair of runs sees about the
    same load, and `paired_ratio` compares them run by run. Slow commands get fewer rounds
    (`runs_for`) unless `fewer_if_slow` is False.
    """
    results = [
        Measurement(label, list(command), rounds=commands[0][0]) for label, command, _ in commands
    ]
    if warmup:
        for _label, command, before_each in commands:
            if before_each:
                before_each()
            run_once(command)
    planned = runs
    while len(results[0].wall) < planned:
        # A B, then B A: neither always runs just after the other (its page cache, its exit)
        order = list(zip(results, commands, strict=True))
        for result, (_label, command, before_each) in order[
            :: 1 if len(results[0].wall) % 2 == 0 else -1
        ]:
            if before_each:
                before_each()
            wall, cpu, peak, code, text = run_once(command)
            result.wall.append(wall)
            result.cpu.append(cpu)
            result.peak_mb.append(peak)
            result.returncode, result.output = code or result.returncode, text
        if len(results[0].wall) == 1 and fewer_if_slow:
            planned = runs_for(max(r.wall[0] for r in results), runs)
        if any(r.returncode for r in results):
            break
    for result in results:
        line = f"{result.label}: {result.median:.3f} s ({result.spread()}, n={len(result.wall)}, "
        line += f"in rounds), {result.peak:.0f} MB" + (
            "" if result.ok else f", EXIT {result.returncode}"
        )
        print(line, file=sys.stderr, flush=True)
    return results


def paired_ratio(a: Measurement, b: Measurement, cpu: bool = False) -> float:
    """Return a's time over b's: the median of the rounds' ratios if run in rounds, else of medians."""
    first, second = (a.cpu, b.cpu) if cpu else (a.wall, b.wall)
    if a.rounds and a.rounds == b.rounds and len(first) == len(second) and all(second):
        return statistics.median(x / y for x, y in zip(first, second, strict=True))
    return statistics.median(first) / statistics.median(second)


def machine() -> dict[str, str]:
    """Return the machine's description: CPU, cores, RAM, Python, OS, load."""
    cpu = platform.processor() or platform.machine()
    with open("/proc/cpuinfo", encoding="utf-8") as info:
        names = re.findall(r"^model name\s*:\s*(.+)$", info.read(), re.MULTILINE)
    if names:
        cpu = names[0].strip()
    with open("/proc/meminfo", encoding="utf-8") as info:
        total = re.search(r"MemTotal:\s*(\d+)", info.read())
    ram = f"{int(total.group(1)) / 1024 / 1024:.1f} GiB" if total else "?"
    try:
        with open("/etc/os-release", encoding="utf-8") as release:
            found = re.search(r'^PRETTY_NAME="?([^"\n]+)', release.read(), re.MULTILINE)
        system = found.group(1) if found else platform.platform()
    except OSError:
        system = platform.platform()
    return {
        "CPU": cpu,
        "cores": str(os.cpu_count()),
        "RAM": ram,
        "Python": platform.python_version(),
        "OS": f"{system} (kernel {platform.release()})",
    }


def load_average() -> float:
    """Return the one-minute load average (other work on the machine slows every figure)."""
    return os.getloadavg()[0]
