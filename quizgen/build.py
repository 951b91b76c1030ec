"""The build: settings -> read and check -> stale targets -> site -> commit (atomic, recorded)."""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import logging
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from quizgen.bank.files import bank_files
from quizgen.config import CONFIG_NAME
from quizgen.context import BuildContext
from quizgen.errors import Problem
from quizgen.output.freshness import (
    DEFAULT_OUT,
    Inputs,
    bank_inputs,
    build_key,
    out_dir_at_a_glance,
    project_path,
    stale_banks,
)
from quizgen.output.places import bank_of
from quizgen.output.record import (
    MANIFEST,
    SITE,
    BuildRecord,
    FileDigests,
    Unit,
    captured_warnings,
    read_record,
    say_again,
    unit_key,
)
from quizgen.output.staging import StagedOutput, read_manifest
from quizgen.progress import Progress
from quizgen.settings import as_list, build_settings, resolve_targets, source_date_epoch
from quizgen.targets import load_target

if TYPE_CHECKING:
    from quizgen.model import Bank
    from quizgen.project import LoadResult

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BuildReport:
    """What a build found and wrote."""

    problems: list[Problem]
    written: list[Path]
    strict: bool = False  # whether warnings counted as errors (--strict or quizgen.toml)
    banks: int = 0  # the banks built (or found up to date)
    remade: int = 0  # of those, the banks some of whose files were made again
    unchanged: int = 0  # files made again that came out as they were (so left in place)
    up_to_date: int = 0  # files not made again: their inputs had not changed
    warned: int = 0  # warnings the targets gave (or gave before, for files kept)

    def failed(self) -> bool:
        """Return whether the build found an error (or, when strict, a warning of any kind)."""
        strictly = self.strict and self.warned > 0
        return strictly or any(p.severity == "error" or self.strict for p in self.problems)


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
    return Rebuild(root, selected, given, force, progress or Progress()).run()


def _nothing_changed(
    root: Path, selected: tuple[str, ...], given: Mapping[str, object]
) -> BuildReport | None:
    """Return the report of the same build as last time on the same inputs, or None.

    This looks only at files (no bank is read, no target imported), so that a rebuild with
    nothing to do is quick; anything else goes the long way, which skips by output.
    """
    out_dir = out_dir_at_a_glance(root, given)
    if out_dir is None:
        return None
    record = read_record(out_dir)
    files = FileDigests()
    if not record.build_key or record.build_key != build_key(
        files, root, selected, given, out_dir, bank_files(root), record.sources
    ):
        return None
    if not all(files.outputs_intact(out_dir, u) for u in record.current_units().values()):
        return None
    # the index lists other banks' files too: one deleted by hand is taken off it the long way
    if not all((out_dir / path).is_file() for path in read_manifest(out_dir)):
        return None
    say_again(record.said)
    log.info("nothing changed since the last build")
    return BuildReport(
        problems=record.problems,
        written=[],
        strict=record.strict,
        banks=len(record.built),
        up_to_date=record.file_count(),
        warned=len(record.said),
    )


class Rebuild:
    """One build the long way: read every bank, make what is stale, record what was made."""

    def __init__(
        self,
        root: Path,
        selected: tuple[str, ...],
        given: Mapping[str, object],
        force: bool,
        progress: Progress,
    ) -> None:
        from quizgen.present.search_path import template_dirs  # (light, but only needed here)

        self.root, self.selected, self.given, self.force = root, selected, given, force
        # every input is digested before it is read: a file saved meanwhile is made again next time
        files = FileDigests()
        files.of(root / CONFIG_NAME)
        self.bank_files = bank_files(root)
        for path in self.bank_files:
            files.of(path)
        files.of_tree(template_dirs(root), None)
        values = build_settings(root, given)
        self.strict = values.get("strict") is True
        names = resolve_targets([str(n) for n in as_list(values.get("only") or ())])
        self.targets = {name: load_target(name) for name in names}
        self.context = BuildContext(
            project_root=root,
            out_dir=(root / str(values.get("out") or DEFAULT_OUT)).resolve(),
            template_dirs=template_dirs(root),
            settings=values,
            source_date_epoch=source_date_epoch(),
            progress=progress,
        )
        self.record = read_record(self.context.out_dir)
        for source in self.record.sources:  # (a source a bank newly names: when it is read)
            files.of(root / source)
        self.inputs = Inputs(self.context, files)

    def run(self) -> BuildReport:
        """Load, make the stale outputs and the site, commit them and the record; report."""
        from quizgen.project import load_project  # imported here: a no-op build needs none

        task = self.context.progress.task("reading banks", len(self.bank_files))
        try:
            result = load_project(
                self.root, self.selected, self.strict, task.advance, jobs=self._jobs()
            )
        finally:
            task.close()
        # what was read lives until the build ends and holds no reference cycles: exempt from the
        # cyclic collector, which the targets' work sets off again and again (a tenth of their
        # time), until the build ends (unless the caller froze objects of its own)
        freeze = gc.get_freeze_count() == 0
        if freeze:
            gc.freeze()
        try:
            return self._made(result)
        finally:
            if freeze:
                gc.unfreeze()

    def _made(self, result: LoadResult) -> BuildReport:
        """Make the stale outputs of what was read, and the site; commit them and the record."""
        everything = sorted([*result.banks, *result.unselected], key=lambda b: b.display_path)
        self.context = dataclasses.replace(self.context, project_banks=tuple(everything))
        self.inputs.context = self.context
        self.banks = result.banks
        self.built = [bank_inputs(bank, self.root) for bank in result.banks]
        self.plan = self._stale() if self.built else {}
        self.staged = StagedOutput(self.context.out_dir, self.plan)
        self.said: dict[str, list[tuple[str, str]]] = {}
        self.loaded: dict[str, set[str]] = {}
        with captured_warnings() as everything_said:
            self._read_catalogs()
            self._make(everything_said)
        new = self._new_record(result, everything_said)
        # the record's digests of the files are worked out while the files are written: hashing
        # and writing both let go of the GIL (10,000 questions make 50 MB, 0.05 s of hashing)
        digests = _Digests(self.staged.contents())
        digests.start()
        written = self.staged.commit(lambda: self._record_bytes(new, digests.result()))
        return BuildReport(
            problems=result.problems,
            written=written,
            strict=self.strict,
            banks=len(self.built),
            remade=len({bank for stale in self.plan.values() for bank in stale}),
            unchanged=sum(  # the site's own pages are made by every build: not counted
                p.relative_to(self.context.out_dir).as_posix() not in self.staged.owned(SITE)
                for p in self.staged.unchanged
            ),
            up_to_date=self._kept_files(),
            warned=len(everything_said),
        )

    def _read_catalogs(self) -> None:
        """Read every bank language's catalogs first: what they warn of is said once, here."""
        from quizgen.present.strings import forget_warnings, ui_strings

        forget_warnings()  # said by an earlier build in this process (serve), and said again now
        for language in sorted({bank.language for bank in self.banks}):
            ui_strings(language, self.context.template_dirs)

    def _stale(self) -> dict[str, list[str]]:
        """Return, per target, the ids of the banks whose files it must make again."""
        if self.force:
            return {name: [b.id for b in self.built] for name in self.targets}
        manifest = read_manifest(self.context.out_dir)
        plan = {}
        for name, target in self.targets.items():
            listed = {path for path, entry in manifest.items() if entry.target == name}
            plan[name] = stale_banks(self.record, target, self.built, self.inputs, listed)
        return plan

    def _make(self, everything_said: list[tuple[str, str]]) -> None:
        """Run every target on its stale banks, then the site; say again what kept files said."""
        from quizgen.site import write_site
        from quizgen.target_runs import TargetRunner

        by_id = {bank.id: bank for bank in self.banks}
        work = {
            name: (target, [by_id[i] for i in self.plan[name]])
            for name, target in self.targets.items()
            if self.built and self.plan[name]
        }
        runner = TargetRunner(self.staged, self.context, self._workers(work))
        task = self.context.progress.task("building", sum(map(len, self.plan.values())))
        try:
            for name in self.targets if self.built else ():
                stale = self.plan[name]
                kept = [b.id for b in self.built if b.id not in stale]
                said_before = self.record.unit_warnings(name, kept, whole=not stale)
                if not stale:
                    said_before += self.record.general.get(name, [])
                say_again(said_before, everything_said)
                if not stale:
                    log.info("%s: up to date for every bank", name)
                    continue
                if not getattr(self.targets[name], "own_processes", False):
                    runner.start(work)  # (once, after the targets that run their own processes)
                log.info("building %s for %d bank(s)", name, len(stale))
                self.staged.target = name
                with captured_warnings() as self.said[name]:
                    self.loaded[name] = runner.run(name, *work[name])
                task.advance(len(stale))
        except BaseException:
            runner.close(failed=True)
            raise
        finally:
            task.close()
        runner.close(failed=False)
        if self.built:
            self.staged.target = SITE
            write_site(self.staged, self.context)

    def _workers(self, work: Mapping[str, tuple[object, Sequence[Bank]]]) -> int:
        """Return how many processes may make targets at once: one when there is little to make."""
        from quizgen.reading import PARALLEL_BYTES, cores, size_of

        if (
            size_of({bank.path for _target, stale in work.values() for bank in stale})
            < PARALLEL_BYTES
        ):
            return 1
        return self._jobs() or cores()

    def _jobs(self) -> int | None:
        """Return the processes the build may use at once (--jobs), or None for all cores."""
        jobs = self.context.settings.get("jobs")
        return jobs if isinstance(jobs, int) else None

    def _new_record(
        self, result: LoadResult, everything_said: list[tuple[str, str]]
    ) -> BuildRecord:
        """Return the record of this build, its units still those of the last one."""
        sources = [project_path(s, self.root) for s in result.sources]
        key = build_key(
            self.inputs.files,
            self.root,
            self.selected,
            self.given,
            self.context.out_dir,
            self.bank_files,
            sources,
        )
        return BuildRecord(
            build_key=key,
            strict=self.strict,
            targets=list(self.targets),
            problems=result.problems,
            built=self.built,
            sources=sources,
            units=dict(self.record.units),
            said=everything_said,
            general=dict(self.record.general),
        )

    def _record_bytes(self, new: BuildRecord, digests: Mapping[str, str]) -> bytes:
        """Return the new record, with the units made again; called once the files are written.

        `digests`: every staged file's, by path.
        """
        for name, stale in self.plan.items():
            if stale:
                self._record_target(new, name, stale, digests)
        if self.built:  # made every time; recorded so that a deleted page or manifest is noticed
            site = {relative: digests[relative] for relative in self.staged.owned(SITE)}
            manifest = self.context.out_dir / MANIFEST
            if manifest.is_file():
                site[MANIFEST] = hashlib.sha256(manifest.read_bytes()).hexdigest()
            new.units[unit_key(SITE, "")] = Unit("", site)
        return new.as_json().encode("utf-8")

    def _record_target(
        self, new: BuildRecord, name: str, stale: Sequence[str], digests: Mapping[str, str]
    ) -> None:
        """Record what one target made again: per bank its files, warnings and templates."""
        by_id = {bank.id: bank for bank in self.banks}
        for key in [*(unit_key(name, i) for i in stale), unit_key(name, "")]:
            new.units.pop(key, None)
        files: dict[str, dict[str, str]] = {}  # by bank: the digest of each file
        for relative in self.staged.owned(name):
            files.setdefault(bank_of(relative) or "", {})[relative] = digests[relative]
        said = self.said.get(name, [])
        templates = tuple(sorted(self.loaded.get(name, ())))
        target = self.targets[name]
        for bank_id in stale:
            bank = by_id[bank_id]
            mine = tuple(w for w in said if _about(w[1], bank))
            made_from = self.inputs.unit(target, bank_inputs(bank, self.root), templates)
            outputs = files.get(bank_id, {})
            new.units[unit_key(name, bank_id)] = Unit(made_from, outputs, mine, templates)
        new.general[name] = [w for w in said if not any(_about(w[1], by_id[i]) for i in stale)]
        if "" in files:
            made_from = self.inputs.project(target, self.built)
            new.units[unit_key(name, "")] = Unit(made_from, files[""])

    def _kept_files(self) -> int:
        """Return how many recorded files of this build's targets were kept as up to date."""
        kept = 0
        for name, stale in self.plan.items():
            banks = [b.id for b in self.built if b.id not in stale] + ([] if stale else [""])
            units = [self.record.units.get(unit_key(name, bank)) for bank in banks]
            kept += sum(len(unit.outputs) for unit in units if unit)
        return kept


def _about(message: str, bank: Bank) -> bool:
    """Return whether a warning is about a bank: it starts with the bank file's path."""
    return message.startswith(f"{bank.display_path}:")


class _Digests(threading.Thread):
    """Works out the SHA-256 digest of each file, by path, in a thread of its own."""

    def __init__(self, files: Mapping[str, bytes]) -> None:
        super().__init__(name="quizgen digests", daemon=True)
        self._files = files
        self._found: dict[str, str] = {}
        self._failed: BaseException | None = None

    def run(self) -> None:
        """Hash each file (hashlib lets go of the GIL for all but the smallest)."""
        try:
            self._found = {r: hashlib.sha256(d).hexdigest() for r, d in self._files.items()}
        except BaseException as exc:  # (out of memory): raised again where the result is taken
            self._failed = exc

    def result(self) -> dict[str, str]:
        """Return the digests, once worked out; raise what stopped the thread working them out."""
        self.join()
        if self._failed is not None:
            raise self._failed
        return self._found
