"""A stand-in output target for the orchestration tests: one text file per bank."""

from __future__ import annotations

from quizgen.errors import TargetError


class FakeTarget:
    name = "fake"

    def build(self, banks, out, options) -> None:
        for bank in banks:
            if bank.title == "explode":
                raise TargetError(f"{bank.location}: error: this bank cannot be built")
            out.write(f"{bank.id}/{bank.id}.txt", f"{bank.title} {len(bank.questions)}")


TARGET = FakeTarget()
