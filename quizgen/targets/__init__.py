"""The registry of output targets and the interface each one implements.

A target is one module (or sub-package) with a TARGET object: it formats the answer layer's
solutions into files, declares what each file is for, and never knows another target. Adding a
format is its module and one line in TARGET_MODULES (see docs/architecture.md).
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Protocol

if TYPE_CHECKING:
    from quizgen.context import BuildContext
    from quizgen.model import Bank

# Build order, and the order in which the site lists each bank's files.
TARGET_MODULES: dict[str, str] = {
    "pdf": "quizgen.targets.pdf",
    "anki": "quizgen.targets.anki",
    "html": "quizgen.targets.html",
    "cards": "quizgen.targets.cards",
    "gift": "quizgen.targets.gift",
    "moodle": "quizgen.targets.moodle",
    "qti": "quizgen.targets.qti",
}

Audience = Literal["student", "teacher"]


@dataclass(frozen=True)
class FileRole:
    """What a written file is for: the site lists it from this, never from its name."""

    label: str  # the [html] UI string naming it on the site: "quiz", "worksheet", "key", "deck"
    bank: str = ""  # the bank's id; empty for a file of the whole project (a combined deck)
    # teacher material (answer keys, LMS files) goes to teacher/, never into site/ (for students)
    audience: Audience = "student"
    variant: str = ""  # a worksheet variant's letter
    featured: bool = False  # the bank's main link on the site (its quiz)


class OutputWriter(Protocol):
    """Where targets put their files; the build commits them all at once at the end."""

    def write(self, relative: str, data: bytes | str, role: FileRole | None = None) -> None:
        """Stage a file at `relative` (a POSIX path) in its role's audience's folder.

        `role` lists it on the site; the writer puts it in site/ or teacher/ by its audience.
        """

    def exists(self, relative: str) -> bool:
        """Return whether a file, by its placed path (site/…), is staged or already there."""

    def staged(self) -> list[str]:
        """Return the staged paths as placed (site/…, teacher/…), sorted."""


class Target(Protocol):
    """An output format: builds files for the given valid banks.

    Optional: `template_folders`, the folders of the template search path it reads (such as
    ("pdf",)); a change elsewhere then leaves its files as they are. Without it, any template
    change makes its files again. `own_processes`: True when it runs worker processes of its
    own (the PDF renders); the build then runs it alone, and the other targets, when there is much
    to make, at once in worker processes. `by_bank(context)`: True when making its banks in
    consecutive parts gives the same files and messages, in the same order, as making them all at
    once; the build may then make the parts in several worker processes. `template_filters`:
    the Jinja filters its templates use besides the shared ones, by name; `check` compiles a
    project's own templates in a target's folders with them.
    """

    name: str
    options: type  # a dataclass of its options; build settings of the same names fill it
    labels: tuple[str, ...]  # the labels of the files it writes, in the order the site lists them

    def build(self, banks: Sequence[Bank], out: OutputWriter, context: BuildContext) -> None:
        """Write this target's files for every bank into `out`; raise TargetError on bad input."""


def target_names() -> list[str]:
    """Return the registered target names in build order."""
    return list(TARGET_MODULES)


def load_target(name: str) -> Target:
    """Import a target module and return its TARGET object."""
    module = importlib.import_module(TARGET_MODULES[name])
    target: Target = module.TARGET
    return target


def target_options(name: str) -> type:
    """Return a target's options dataclass; a built-in one's without importing the target."""
    from quizgen.target_options import TARGET_OPTIONS

    return TARGET_OPTIONS[name] if name in TARGET_OPTIONS else load_target(name).options
