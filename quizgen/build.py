"""Orchestrate a build: load and check banks, run each target, commit files atomically."""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from quizgen.errors import UsageError
from quizgen.output.staging import StagedOutput
from quizgen.project import LoadResult, load_project
from quizgen.targets import BuildOptions, load_target, target_names

log = logging.getLogger(__name__)


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
    everything = sorted([*result.banks, *result.unselected], key=lambda bank: bank.display_path)
    options = replace(
        options, source_date_epoch=source_date_epoch(), project_banks=tuple(everything)
    )
    built = [bank.id for bank in result.banks]
    staged = StagedOutput(options.out_dir, targets if built else (), built)
    if result.banks:
        for name in targets:
            log.info("building %s for %d bank(s)", name, len(result.banks))
            staged.target = name
            load_target(name).build(result.banks, staged, options)
    return BuildReport(load=result, written=staged.commit())
