"""Which outputs a build must make again: every unit's inputs, compared with the build record."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import sys
import tomllib
from collections.abc import Iterable, Mapping, Sequence, Set
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import quizgen
from quizgen.config import CONFIG_NAME
from quizgen.output.record import (
    BankInputs,
    BuildRecord,
    FileDigests,
    Unit,
    digest,
    search_rank,
    unit_key,
)
from quizgen.present.search_path import template_dirs
from quizgen.present.strings import catalog_files
from quizgen.settings import as_list, wanted_targets

if TYPE_CHECKING:
    from quizgen.context import BuildContext
    from quizgen.model import Bank
    from quizgen.targets import Target

DEFAULT_OUT = "output"  # the output folder when neither --out nor quizgen.toml names one
# options the build key leaves out: no output depends on --jobs (more processes, same files),
# and --out is in the key as the folder it names (`output` and `./output` are one folder)
NOT_INPUTS = frozenset({"jobs", "out"})


# the libraries whose release can change an output's bytes
LIBRARIES = (
    *("weasyprint", "pydyf", "fonttools", "pyphen", "pikepdf"),  # pikepdf joins class sets, rosters
    *("genanki", "jinja2", "markdown-it-py", "markupsafe", "pyyaml"),
)


@lru_cache(maxsize=1)
def code_digest() -> str:
    """Return a digest of quizgen's version, its code and its libraries' releases."""
    package = Path(quizgen.__file__).parent
    files = sorted(p for p in package.rglob("*.py"))
    parts = [
        (p.relative_to(package).as_posix(), hashlib.sha256(p.read_bytes()).hexdigest())
        for p in files
    ]
    # Python's own release too: its zlib and sqlite write the zips and decks
    installed = _installed_releases()
    releases = [sys.version, *(_release(name, installed) for name in LIBRARIES)]
    return digest(quizgen.__version__, parts, releases)


def _release(library: str, installed: Mapping[str, str]) -> str:
    """Return a library's installed release ("" when it is not installed)."""
    found = installed.get(_normal(library))
    if found is not None:
        return found
    import importlib.metadata  # (only for an install that the folder names do not show)

    try:
        return importlib.metadata.version(library)
    except importlib.metadata.PackageNotFoundError:
        return ""


def _installed_releases() -> dict[str, str]:
    """Return the release of the distributions on sys.path by normalised name, the first found.

    Read from the names of their `<name>-<version>.dist-info` (and older `.egg-info`) folders,
    as installers write them: importlib.metadata gives the same, but costs a tenth of a second a
    build to import and to read the metadata files.
    """
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            stem = _INSTALLED.fullmatch(name)
            if stem:
                found.setdefault(_normal(stem["name"]), stem["version"])
    return found


# Jinja2-3.1.6.dist-info, markdown_it_py-4.3.0.dist-info, Jinja2-3.1.2-py3.11.egg-info
_INSTALLED = re.compile(r"(?P<name>.+?)-(?P<version>[^-]+)(-py\d[^-]*)?\.(dist|egg)-info")


def _normal(name: str) -> str:
    """Return a distribution's name as PEP 503 normalises it (MarkupSafe, markdown_it_py …)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def build_key(
    files: FileDigests,
    root: Path,
    selected: Sequence[str],
    given: Mapping[str, object],
    out_dir: Path,
    bank_files: Iterable[Path],
    sources: Iterable[str],
) -> str:
    """Return the digest of everything a whole build is made from, as files and options.

    The same command on the same files gives the same key: quizgen's code, the options given
    and quizgen.toml, SOURCE_DATE_EPOCH, every template on the search path, every bank file and
    the source texts the banks read last time (`sources`).
    """
    return digest(
        code_digest(),
        sorted(_inputs_given(given).items()),
        list(selected),
        str(Path.cwd()),  # selected bank files are named relative to it
        str(out_dir),
        files.of(root / CONFIG_NAME),
        os.environ.get("SOURCE_DATE_EPOCH"),
        files.of_tree(template_dirs(root), None),
        [(str(p), files.of(p)) for p in bank_files],
        [(s, files.of(root / s)) for s in sources],
    )


def _inputs_given(given: Mapping[str, object]) -> dict[str, object]:
    """Return the options given, but for those that make the same files whatever their value.

    --jobs makes the same files with any number of processes, and --only the same targets in any
    order: a rebuild that differs from the last only in those is still one with nothing to do
    (NOT_INPUTS).
    """
    inputs = {
        name: value
        for name, value in given.items()
        # (a --jobs that is not a number of processes stays: the long way refuses it)
        if name not in NOT_INPUTS or (name == "jobs" and not _processes(value))
    }
    if "only" in inputs:
        inputs["only"] = sorted(wanted_targets([str(o) for o in as_list(inputs["only"])]))
    return inputs


def _processes(value: object) -> bool:
    """Return whether a --jobs value is a number of processes (or none: all cores)."""
    return value is None or (isinstance(value, int) and not isinstance(value, bool) and value >= 1)


def out_dir_at_a_glance(root: Path, given: Mapping[str, object]) -> Path | None:
    """Return the output folder as the options and quizgen.toml name it; None if unsure."""
    out = given.get("out")
    if out is None:
        try:
            data = tomllib.loads((root / CONFIG_NAME).read_text(encoding="utf-8"))
        except FileNotFoundError:
            data = {}
        except (OSError, ValueError):
            return None  # the long way reports it
        section = data.get("build")
        out = section.get("out") if isinstance(section, dict) else None
    return (root / str(out or DEFAULT_OUT)).resolve()


def bank_inputs(bank: Bank, root: Path) -> BankInputs:
    """Return what the record keeps of a loaded bank (paths relative to the project)."""
    return BankInputs(
        bank.id, project_path(bank.path, root), project_path(bank.source.path, root), bank.language
    )


def project_path(path: Path | str, root: Path) -> str:
    """Return a path as the record keeps it: relative to the project, so that none is shown."""
    return os.path.relpath(path, root)


class Inputs:
    """The input digests of one build's units, each file read once."""

    def __init__(self, context: BuildContext, files: FileDigests | None = None) -> None:
        self.context = context
        self.files = files or FileDigests()
        self._trees: dict[tuple[str, ...] | None, str] = {}
        from quizgen.bank.header import header_defaults  # (the long way only: it reads banks)

        # quizgen.toml's [header] is part of every bank it fills in
        self.header = dataclasses.astuple(header_defaults(context.project_root))

    def unit(self, target: Target, bank: BankInputs, templates: Iterable[str] = ()) -> str:
        """Return the digest of what a target's files for one bank are made from.

        `templates` names the templates it loaded last time, wherever on the search path.
        """
        dirs = self.context.template_dirs
        return digest(
            code_digest(),
            target.name,
            output_options(self.context.options(target.options)),
            self.context.source_date_epoch,
            bank.id,
            bank.path,  # its warnings name it
            self.header,
            self.files.of(self.context.project_root / bank.path),
            self.files.of(self.context.project_root / bank.source),
            self.tree(template_folders(target)),
            [self.files.of(c) for c in catalog_files(bank.language, dirs)],
            [(name, self.template(name)) for name in sorted(templates)],
        )

    def template(self, name: str) -> tuple[int, str]:
        """Return where a template name is found on the search path, and its digest."""
        dirs = self.context.template_dirs
        for index, folder in enumerate(dirs):
            if (folder / name).is_file():
                return search_rank(index, dirs), self.files.of(folder / name)
        return -1, ""

    def project(self, target: Target, banks: Sequence[BankInputs]) -> str:
        """Return the digest of a target's project-wide files (a combined deck): every bank's."""
        return digest(target.name, [(b.id, self.unit(target, b)) for b in banks])

    def tree(self, folders: tuple[str, ...] | None) -> str:
        """Return the digest of these template folders on the search path (None: all of them)."""
        if folders not in self._trees:
            self._trees[folders] = self.files.of_tree(self.context.template_dirs, folders)
        return self._trees[folders]

    def fresh(self, unit: Unit | None, inputs: str, listed: Set[str]) -> bool:
        """Return whether a recorded unit was made from these inputs and its files are intact.

        `listed`: the files the manifest gives its target (the site lists files from there).
        """
        return (
            unit is not None
            and unit.inputs == inputs
            and all(path in listed for path in unit.outputs)
            and self.files.outputs_intact(self.context.out_dir, unit)
        )


def template_folders(target: Target) -> tuple[str, ...] | None:
    """Return the template folders a target reads (its `template_folders`); None: every one."""
    folders: tuple[str, ...] | None = getattr(target, "template_folders", None)
    return folders


def stale_banks(
    record: BuildRecord,
    target: Target,
    banks: Sequence[BankInputs],
    inputs: Inputs,
    listed: Set[str],
) -> list[str]:
    """Return the ids of the banks whose files this target must make again."""
    stale = []
    for bank in banks:
        unit = record.units.get(unit_key(target.name, bank.id))
        made_from = inputs.unit(target, bank, unit.templates if unit else ())
        if not inputs.fresh(unit, made_from, listed):
            stale.append(bank.id)
    project = record.units.get(unit_key(target.name, ""))
    # project-wide files (a combined deck) are made from every bank at once
    if project is not None and (
        stale or not inputs.fresh(project, inputs.project(target, banks), listed)
    ):
        return [bank.id for bank in banks]
    return stale


def output_options(options: object) -> dict[str, object]:
    """Return the options that change what a target writes (not `jobs`, say), by name."""
    return {
        f.name: getattr(options, f.name)
        for f in dataclasses.fields(options)  # type: ignore[arg-type]
        if f.metadata.get("output", True)
    }
