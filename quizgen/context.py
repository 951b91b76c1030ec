"""What a build was asked for: the project, the output folder and every option by name."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from quizgen.progress import Progress

if TYPE_CHECKING:
    from quizgen.model import Bank

T = TypeVar("T")


@dataclass(frozen=True)
class BuildContext:
    """The build's inputs; each target reads its own options from `settings` with options()."""

    project_root: Path
    out_dir: Path
    template_dirs: tuple[Path, ...]
    settings: Mapping[str, object] = field(default_factory=dict)
    source_date_epoch: int | None = None
    # every valid bank of the project in file order, built or not: for site-wide pages (the index)
    project_banks: tuple[Bank, ...] = ()
    progress: Progress = field(default_factory=Progress)  # a target with long work reports it

    def options(self, kind: type[T]) -> T:
        """Return a target's options: its dataclass, filled from the settings it has fields for."""
        names = {f.name for f in dataclasses.fields(kind)}  # type: ignore[arg-type]
        values: dict[str, Any] = {k: v for k, v in self.settings.items() if k in names}
        return kind(**values)
