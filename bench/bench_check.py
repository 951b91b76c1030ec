"""Time `load_project` (parse + check) on the ATACMS bank and on a synthetic bank of N questions.

Usage: .venv/bin/python bench/bench_check.py [N]
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

from quizgen.project import load_project

REPO = Path(__file__).resolve().parent.parent


def _timed(root: Path, runs: int = 5) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        result = load_project(root)
        best = min(best, time.perf_counter() - start)
    assert result.banks, result.problems
    return best


def _synthetic(root: Path, count: int) -> None:
    shutil.copytree(REPO / "seeds", root / "seeds")
    (root / "questions").mkdir()
    body = (REPO / "questions" / "atacms.yaml").read_text(encoding="utf-8")
    head, _, questions = body.partition("questions:\n")
    blocks = [
        b for b in questions.split("\n  - id: ") if b.strip() and not b.lstrip().startswith("#")
    ]
    lines = [head + "questions:\n"]
    for i in range(count):
        block = blocks[i % len(blocks)]
        lines.append(
            "  - id: q"
            + str(i)
            + "-"
            + block.split("\n", 1)[0].strip()
            + "\n"
            + block.split("\n", 1)[1]
        )
    (root / "questions" / "big.yaml").write_text("\n".join(lines), encoding="utf-8")


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    print(f"atacms bank (45 questions): {_timed(REPO) * 1000:.1f} ms")
    with tempfile.TemporaryDirectory() as folder:
        _synthetic(Path(folder), count)
        print(f"synthetic bank ({count} questions): {_timed(Path(folder), runs=2) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
