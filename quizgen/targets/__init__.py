"""The registry of output targets: name -> module path, imported only when built."""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from quizgen.model import Bank

# Order matters: later targets may link to what earlier ones wrote (the HTML index lists all).
TARGET_MODULES: dict[str, str] = {
    "anki": "quizgen.targets.anki",
    "pdf": "quizgen.targets.pdf",
    "html": "quizgen.targets.html",
}


@dataclass(frozen=True)
class BuildOptions:
    """What a build was asked for; targets read the fields that concern them."""

    project_root: Path
    out_dir: Path
    template_dirs: tuple[Path, ...]
    variants: int = 1
    seed: int = 0
    paper: str = "a4"
    jobs: int = 1
    combine: bool = False
    combine_deck: str = "quizgen"  # the parent deck of every bank in the combined package
    source_date_epoch: int | None = None
    # every valid bank of the project in file order, built or not: for site-wide pages (the index)
    project_banks: tuple[Bank, ...] = ()


class OutputWriter(Protocol):
    """Where targets put their files; the build commits them all at once at the end."""

    def write(self, relative: str, data: bytes | str) -> None:
        """Stage a file at `relative` (a POSIX path below the output folder)."""

    def exists(self, relative: str) -> bool:
        """Return whether a file is staged in this build or already in the output folder."""

    def staged(self) -> list[str]:
        """Return the staged paths, sorted."""


class Target(Protocol):
    """An output format: builds files for the given valid banks."""

    name: str

    def build(self, banks: Sequence[Bank], out: OutputWriter, options: BuildOptions) -> None:
        """Write this target's files for every bank into `out`; raise TargetError on bad input."""


def target_names() -> list[str]:
    """Return the registered target names in build order."""
    return list(TARGET_MODULES)


def load_target(name: str) -> Target:
    """Import a target module and return its TARGET object."""
    module = importlib.import_module(TARGET_MODULES[name])
    return module.TARGET
