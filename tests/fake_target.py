"""Stand-in output targets for the orchestration tests: each is a module and a registry line."""

from __future__ import annotations

from dataclasses import dataclass

from quizgen.errors import TargetError
from quizgen.targets import FileRole


@dataclass(frozen=True)
class NoOptions:
    """The fake target has none."""


class FakeTarget:
    """Writes one text file per bank, listed on the site as its "deck"."""

    name = "fake"
    options = NoOptions
    labels = ("deck",)

    def build(self, banks, out, context) -> None:
        for bank in banks:
            if bank.title == "explode":
                raise TargetError(f"{bank.location}: error: this bank cannot be built")
            out.write(
                f"{bank.id}/{bank.id}.txt",
                f"{bank.title} {len(bank.questions)}",
                FileRole("deck", bank.id),
            )


TARGET = FakeTarget()


@dataclass(frozen=True)
class VariantOptions:
    """Reads the same --variants as the PDF target."""

    variants: int = 1


class VariantTarget:
    """Writes one file per variant, like the PDF target's worksheets."""

    name = "variants"
    options = VariantOptions
    labels = ("worksheet",)

    def build(self, banks, out, context) -> None:
        options = context.options(VariantOptions)
        for bank in banks:
            for variant in range(1, options.variants + 1):
                out.write(
                    f"{bank.id}/{bank.id}-v{variant}.txt",
                    str(variant),
                    FileRole("worksheet", bank.id, variant=chr(64 + variant)),
                )


VARIANT_TARGET = VariantTarget()
