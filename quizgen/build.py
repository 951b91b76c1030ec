"""Orchestrate a build: load and check banks, run each target, commit files atomically."""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from quizgen.errors import QuizgenError, UsageError
from quizgen.project import LoadResult, load_project
from quizgen.targets import BuildOptions, load_target, target_names

log = logging.getLogger(__name__)


class StagedOutput:
    """Files a build has produced, held until every target has succeeded."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self._files: dict[str, bytes] = {}

    def write(self, relative: str, data: bytes | str) -> None:
        """Stage a file; text is written as UTF-8."""
        path = Path(relative)
        if path.is_absolute() or ".." in path.parts:
            raise ValueError(f"output path escapes the output folder: {relative}")
        self._files[path.as_posix()] = data.encode("utf-8") if isinstance(data, str) else data

    def exists(self, relative: str) -> bool:
        """Return whether a file is staged or already present in the output folder."""
        return relative in self._files or (self.out_dir / relative).is_file()

    def staged(self) -> list[str]:
        """Return the staged paths, sorted."""
        return sorted(self._files)

    def commit(self) -> list[Path]:
        """Write every staged file, each atomically (temporary file, then rename)."""
        try:
            return self._write_all()
        except OSError as exc:
            where = exc.filename or self.out_dir
            raise QuizgenError(f"cannot write the output: {where}: {exc.strerror}") from exc

    def _write_all(self) -> list[Path]:
        # Make every folder first, so that a path that cannot be a folder fails before any file.
        for relative in self.staged():
            (self.out_dir / relative).parent.mkdir(parents=True, exist_ok=True)
        written = []
        for relative in self.staged():
            target = self.out_dir / relative
            if target.is_dir():
                raise IsADirectoryError(21, "a folder stands where the file goes", str(target))
            fd, temporary = tempfile.mkstemp(
                dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
            )
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(self._files[relative])
                os.chmod(temporary, 0o644)
                os.replace(temporary, target)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
            written.append(target)
        return written


@dataclass(frozen=True)
class BuildReport:
    """What a build found and wrote."""

    load: LoadResult
    written: list[Path]


def resolve_targets(only: Sequence[str]) -> list[str]:
    """Return the targets to build in registry order; unknown names are a usage error."""
    names = target_names()
    wanted = [n.strip() for item in only for n in item.split(",") if n.strip()]
    unknown = [n for n in wanted if n not in names]
    if unknown:
        raise UsageError(
            f"unknown target '{unknown[0]}'; expected one of: {', '.join(names) or '(none yet)'}"
        )
    return [n for n in names if not wanted or n in wanted]


def source_date_epoch() -> int | None:
    """Return SOURCE_DATE_EPOCH as an int, or None when unset."""
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value is None or value == "":
        return None
    if not value.isdigit():
        raise UsageError(f"SOURCE_DATE_EPOCH must be a whole number of seconds, got '{value}'")
    return int(value)


def build(
    options: BuildOptions,
    selected: tuple[str, ...] = (),
    only: Sequence[str] = (),
    strict: bool = False,
) -> BuildReport:
    """Build every valid bank into the output folder; invalid banks get no files."""
    targets = resolve_targets(only)
    result = load_project(options.project_root, selected, strict)
    options = replace(options, source_date_epoch=source_date_epoch())
    staged = StagedOutput(options.out_dir)
    if result.banks:
        for name in targets:
            log.info("building %s for %d bank(s)", name, len(result.banks))
            load_target(name).build(result.banks, staged, options)
    return BuildReport(load=result, written=staged.commit())
