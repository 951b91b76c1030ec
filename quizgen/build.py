"""The build: settings -> read and check -> targets -> site -> commit (atomic, recorded)."""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import os
import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from quizgen.bank.files import bank_files
from quizgen.config import kind_problem, load_config
from quizgen.context import BuildContext
from quizgen.errors import Problem, UsageError
from quizgen.output.freshness import (
    DEFAULT_OUT,
    Inputs,
    bank_inputs,
    build_key,
    out_dir_at_a_glance,
    project_path,
    stale_banks,
)
from quizgen.output.record import (
    BankInputs,
    BuildRecord,
    FileDigests,
    Unit,
    captured_warnings,
    read_record,
    say_again,
    unit_key,
)
from quizgen.output.staging import SITE, StagedOutput
from quizgen.progress import Progress
from quizgen.targets import load_target, target_names

if TYPE_CHECKING:
    from quizgen.model import Bank
    from quizgen.targets import Target

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BuildReport:
    """What a build found and wrote."""

    problems: list[Problem]
    written: list[Path]
    strict: bool = False  # whether warnings counted as errors (--strict or quizgen.toml)
    banks: int = 0  # the banks built (or found up to date)
    unchanged: int = 0  # files made again that came out as they were (so left in place)
    up_to_date: int = 0  # files not made again: their inputs had not changed

    def failed(self) -> bool:
        """Return whether the build found an error (or, when strict, a warning)."""
        return any(p.severity == "error" or self.strict for p in self.problems)


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


def _items(value: object) -> list[object]:
    """Return a list setting's items (quizgen.toml's checker makes sure it is a list)."""
    return list(value) if isinstance(value, list | tuple) else [value]


def build_option_kinds(targets: Sequence[str]) -> dict[str, str]:
    """Return every [build] option of quizgen.toml with its kind: the core's and the targets'."""
    kinds = dict(CORE_OPTIONS)
    for name in targets:
        options = load_target(name).options
        hints = typing.get_type_hints(options)
        for f in dataclasses.fields(options):
            kind = _KIND_OF_TYPE.get(hints[f.name])
            if kind is None:  # a target's mistake, not the teacher's
                raise TypeError(
                    f"{options.__name__}.{f.name}: an option is bool, int, int | None, str "
                    "or tuple[str, ...]"
                )
            kinds[f.name] = kind
    return kinds


CORE_OPTIONS = {"only": "list", "out": "text", "strict": "flag"}
_KIND_OF_TYPE: dict[object, str] = {
    bool: "flag",
    int: "int",
    int | None: "int",
    str: "text",
    tuple[str, ...]: "list",
}


def build_settings(root: Path, given: Mapping[str, object]) -> dict[str, object]:
    """Return the build's settings: quizgen.toml's [build] section, overridden by `given`."""
    kinds = build_option_kinds(target_names())
    given = {k: str(v) if isinstance(v, os.PathLike) else v for k, v in given.items()}
    if isinstance(given.get("only"), str):  # "pdf,anki", as on the command line
        given["only"] = [given["only"]]
    for name, value in given.items():
        if name not in kinds:
            raise UsageError(f"unknown build option '{name}'; expected one of: {', '.join(kinds)}")
        expected = kind_problem(kinds[name], value) if value is not None else None
        if expected:
            raise UsageError(f"build option '{name}' must be {expected}, got {value!r}")
    configured = load_config(root, {"build": kinds}, only="build").get("build", {})
    return {**configured, **{k: v for k, v in given.items() if v is not None}}


def build(
    root: Path,
    selected: tuple[str, ...] = (),
    settings: Mapping[str, object] | None = None,
    *,
    force: bool = False,
    progress: Progress | None = None,
) -> BuildReport:
    """Build every valid bank of the project at `root` into its output folder.

    `settings` holds build options by name (only, out, strict, variants, seed, …); quizgen.toml
    gives the ones left out. Invalid banks get no files. Outputs whose inputs have not changed
    since the last build are left as they are, unless `force` is set. `progress` shows long work
    (nothing by default).
    """
    given = dict(settings or {})
    if not force:
        report = _nothing_changed(root, selected, given)
        if report is not None:
            return report
    return _build_again(root, selected, given, force, progress or Progress())


def _nothing_changed(
    root: Path, selected: tuple[str, ...], given: Mapping[str, object]
) -> BuildReport | None:
    """Return the report of the same build as last time on the same inputs, or None.

    This looks only at files (no bank is read, no target imported), so that a rebuild with
    nothing to do is quick; anything else goes the long way, which skips by output.
    """
    out_dir = out_dir_at_a_glance(root, given)
    record = read_record(out_dir) if out_dir else None
    if out_dir is None or record is None or not record.build_key:
        return None
    files = FileDigests()
    key = build_key(files, root, selected, given, out_dir, bank_files(root), record.sources)
    if key != record.build_key or not all(
        files.outputs_intact(out_dir, unit) for unit in record.units.values()
    ):
        return None
    say_again(record.said)
    log.info("nothing changed since the last build")
    return BuildReport(
        problems=record.problems,
        written=[],
        strict=record.strict,
        banks=len(record.built),
        up_to_date=record.file_count(),
    )


def _build_again(
    root: Path,
    selected: tuple[str, ...],
    given: Mapping[str, object],
    force: bool,
    progress: Progress,
) -> BuildReport:
    """Read and check every bank, then make the outputs whose inputs changed (all, if forced)."""
    # imported here: a build with nothing to do needs none of them
    from quizgen.present.search_path import template_dirs
    from quizgen.project import load_project
    from quizgen.site import write_site

    values = build_settings(root, given)
    only = values.get("only") or ()
    strict = values.get("strict") is True
    targets = {name: load_target(name) for name in resolve_targets([str(n) for n in _items(only)])}
    context = BuildContext(
        project_root=root,
        out_dir=(root / str(values.get("out") or DEFAULT_OUT)).resolve(),
        template_dirs=template_dirs(root),
        settings=values,
        source_date_epoch=source_date_epoch(),
        progress=progress,
    )
    record = BuildRecord() if force else read_record(context.out_dir)
    result = load_project(root, selected, strict)
    everything = sorted([*result.banks, *result.unselected], key=lambda bank: bank.display_path)
    context = dataclasses.replace(context, project_banks=tuple(everything))
    inputs = Inputs(context)
    built = [bank_inputs(bank, root) for bank in result.banks]
    sources = [project_path(s, root) for s in result.sources]
    plan = {name: stale_banks(record, t, built, inputs) for name, t in targets.items()}
    staged = StagedOutput(context.out_dir, plan if built else {})
    said: dict[str, list[tuple[str, str]]] = {}
    by_id = {bank.id: bank for bank in result.banks}
    task = progress.task("building", sum(map(len, plan.values())) if built else 0)
    with captured_warnings() as everything_said:
        for name, target in targets.items() if built else ():
            kept = [b.id for b in built if b.id not in plan[name]]
            say_again(record.unit_warnings(name, kept, whole=not plan[name]))
            if not plan[name]:
                log.info("%s: up to date for every bank", name)
                continue
            log.info("building %s for %d bank(s)", name, len(plan[name]))
            staged.target = name
            with captured_warnings() as said[name]:
                target.build([by_id[i] for i in plan[name]], staged, context)
            task.advance(len(plan[name]))
        task.close()
        if built:
            staged.target = SITE
            write_site(staged, context)
    files = bank_files(root)
    new = BuildRecord(
        build_key=build_key(inputs.files, root, selected, given, context.out_dir, files, sources),
        strict=strict,
        targets=list(targets),
        problems=result.problems,
        built=built,
        sources=sources,
        units=dict(record.units),
        said=everything_said,
    )

    def record_bytes() -> bytes:
        """Return the new record, once the files it describes are written."""
        _record_units(new, staged, plan, said, targets, result.banks, inputs)
        if built:  # made every time; recorded so that a deleted index.html is noticed
            new.units[unit_key(SITE, "")] = Unit("", _digests(staged.owned(SITE)))
        return new.as_json().encode("utf-8")

    written = staged.commit(record_bytes)
    return BuildReport(
        problems=result.problems,
        written=written,
        strict=strict,
        banks=len(built),
        unchanged=sum(  # the site's own pages are made by every build: not counted
            p.relative_to(context.out_dir).as_posix() not in staged.owned(SITE)
            for p in staged.unchanged
        ),
        up_to_date=_kept_files(record, plan, built),
    )


def _record_units(
    record: BuildRecord,
    staged: StagedOutput,
    plan: Mapping[str, Sequence[str]],
    warnings: Mapping[str, list[tuple[str, str]]],
    targets: Mapping[str, Target],
    banks: Sequence[Bank],
    inputs: Inputs,
) -> None:
    """Record what each unit made again in this build was made from, and what it wrote."""
    by_id = {bank.id: bank for bank in banks}
    for name, ids in plan.items():
        if not ids:
            continue
        for key in [*(unit_key(name, i) for i in ids), unit_key(name, "")]:
            record.units.pop(key, None)
        files: dict[str, dict[str, bytes]] = {}
        for relative, data in staged.owned(name).items():
            files.setdefault(relative.split("/")[0] if "/" in relative else "", {})[relative] = data
        said = warnings.get(name, [])
        for bank_id in ids:
            mine = tuple(w for w in said if w[1].startswith(f"{by_id[bank_id].display_path}:"))
            if bank_id == ids[0]:  # one not about any bank is said again with the first one
                mine += tuple(w for w in said if not _about_any(w[1], ids, by_id))
            unit = Unit(
                inputs.unit(
                    targets[name], bank_inputs(by_id[bank_id], inputs.context.project_root)
                ),
                _digests(files.get(bank_id, {})),
                mine,
            )
            record.units[unit_key(name, bank_id)] = unit
        if "" in files:
            record.units[unit_key(name, "")] = Unit(
                inputs.project(targets[name], record.built), _digests(files[""])
            )


def _about_any(message: str, ids: Sequence[str], banks: Mapping[str, Bank]) -> bool:
    return any(message.startswith(f"{banks[i].display_path}:") for i in ids)


def _digests(files: Mapping[str, bytes]) -> dict[str, str]:
    return {relative: hashlib.sha256(data).hexdigest() for relative, data in files.items()}


def _kept_files(
    record: BuildRecord, plan: Mapping[str, Sequence[str]], built: Sequence[BankInputs]
) -> int:
    """Return how many recorded files of this build's targets were kept as up to date."""
    kept = 0
    for name, ids in plan.items():
        banks = [b.id for b in built if b.id not in ids]
        if not ids:
            banks.append("")
        kept += sum(
            len(record.units[k].outputs)
            for k in map(lambda b: unit_key(name, b), banks)
            if k in record.units
        )
    return kept
