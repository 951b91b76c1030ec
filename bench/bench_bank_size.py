"""Time and peak memory of `quizgen check` on one synthetic bank of N questions, whole process.

Usage: .venv/bin/python bench/bench_bank_size.py [N ...]   (default: 1000 5000 10000 20000)
Each bank is the ATACMS questions repeated (about 640 bytes a question); median of 3 runs.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_check import _synthetic

# the console script, then the process's CPU time (s) and peak resident memory (KiB) on
# stderr's last line: CPU time is steadier than wall time on a busy machine
RUN = """
import resource, sys
from quizgen.cli import main
try:
    main()
finally:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(usage.ru_utime + usage.ru_stime, usage.ru_maxrss, file=sys.stderr)
"""


def _check(root: Path) -> tuple[float, float, int]:
    """Run `quizgen check` once; return its wall and CPU time (s), peak resident memory (KiB)."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", RUN, "--project", str(root), "check"],
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - start
    *messages, last = done.stderr.strip().splitlines()
    assert done.returncode == 0, messages
    cpu, peak = last.split()
    return elapsed, float(cpu), int(peak)


def main() -> None:
    counts = [int(n) for n in sys.argv[1:]] or [1000, 5000, 10000, 20000]
    print("| questions | bank size | `check`, wall | CPU | peak memory |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    for count in counts:
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            _synthetic(root, count)
            size = (root / "questions" / "big.yaml").stat().st_size
            runs = [_check(root) for _ in range(3)]
            wall, cpu, peak = (statistics.median(run[i] for run in runs) for i in range(3))
            print(
                f"| {count:,} | {size / 2**20:.1f} MiB | {wall:.2f} s | {cpu:.2f} s "
                f"| {peak / 1024:.0f} MiB |"
            )


if __name__ == "__main__":
    main()
