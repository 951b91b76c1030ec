"""CPU time of finding quotes in a long source text: folding it, N quotes (all found), 3 missing.

Usage: .venv/bin/python bench/bench_quotes.py [SOURCE_BYTES] [QUOTES]
The source is made of the ATACMS text's words and invented ones (Zipf-distributed, like prose).
"""

from __future__ import annotations

import random
import sys
import time
import tracemalloc
from pathlib import Path

from quizgen.bank.source_text import QuoteFinder, parse_source

REPO = Path(__file__).resolve().parent.parent


def _source(size: int, rng: random.Random) -> str:
    words = (REPO / "seeds" / "atacms.txt").read_text(encoding="utf-8").split()
    syllables = ["ver", "hand", "lung", "en", "ra", "ke", "ten", "ge", "spräch", "über", "aus", "ß"]
    words += ["".join(rng.choices(syllables, k=rng.randint(2, 4))) for _ in range(20_000)]
    weights = [1 / (rank + 1) for rank in range(len(words))]
    paragraphs, total = [], 0
    while total < size:
        sentences = []
        for _ in range(rng.randint(2, 6)):
            sentence = " ".join(rng.choices(words, weights, k=rng.randint(6, 20)))
            sentences.append(sentence[0].upper() + sentence[1:].rstrip(".,;:") + ".")
        paragraphs.append(" ".join(sentences))
        total += len(paragraphs[-1]) + 2
    return "\n\n".join(paragraphs)


def main() -> None:
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    rng = random.Random(1)
    text = _source(size, rng)
    source = parse_source(Path("long.txt"), "long.txt", text)
    quotes = []
    for _ in range(count):
        start = text.index(" ", rng.randrange(len(text) - 200)) + 1
        quotes.append(text[start : start + rng.randint(40, 160)].strip())
    start = time.process_time()
    finder = QuoteFinder(source)
    folded = time.process_time()
    assert all(finder.find(quote) for quote in quotes)
    found = time.process_time()
    assert all(finder.closest(quote + " nirgends") for quote in quotes[:3])
    closest = time.process_time()
    tracemalloc.start()  # again, traced (which slows it): the memory the finder holds at its peak
    finder = QuoteFinder(source)
    assert all(finder.find(quote) for quote in quotes)
    peak = tracemalloc.get_traced_memory()[1]
    print(
        f"source {len(text) / 1e6:.2f} MB, {count} quotes: fold {1000 * (folded - start):.0f} ms, "
        f"find all {1000 * (found - folded):.0f} ms, closest x3 {1000 * (closest - found):.0f} ms, "
        f"peak {peak / 1e6:.0f} MB"
    )


if __name__ == "__main__":
    main()
