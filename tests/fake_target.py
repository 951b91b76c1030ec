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


class VariantTarget:
    """Writes one file per variant, like the PDF target's worksheets."""

    name = "variants"

    def build(self, banks, out, options) -> None:
        for bank in banks:
            for variant in range(1, options.variants + 1):
                out.write(f"{bank.id}/{bank.id}-v{variant}.txt", str(variant))
        out.write("site.txt", " ".join(b.id for b in banks if out.exists(f"{b.id}/{b.id}-v2.txt")))


VARIANT_TARGET = VariantTarget()
