"""The build record: what every output was made from, kept between builds in the output folder.

A unit is one target's files for one bank (or a target's project-wide files, or the site). The
record keeps each unit's input digest, the digest of every file it wrote and the warnings it gave,
and what the last load found, so that a rebuild can skip what is up to date and still say the same.
It is written after the files: a build killed halfway leaves files that differ from the digests
recorded for them, so the next build makes them again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from quizgen.errors import Location, Problem

RECORD = ".quizgen-record.json"
# Which target wrote which file, and what each is for (quizgen.output.staging keeps it): the site
# lists every file from it.
MANIFEST = ".quizgen-manifest.json"
# a record of another format is ignored (everything is rebuilt); 3: files placed in site/, teacher/
FORMAT = 3
SITE = "site"  # the owner of the site's own pages, rebuilt by every build that builds anything
MISSING = "missing"


@dataclass(frozen=True)
class BankInputs:
    """What one bank's outputs are made from: enough to tell, without loading it, if it changed."""

    id: str
    path: str  # the bank file
    source: str  # its source text
    language: str  # picks the string catalogs


@dataclass(frozen=True)
class Unit:
    """The files one target wrote for one bank (or for the whole project), and from what."""

    inputs: str
    outputs: Mapping[str, str]  # path below the output folder -> digest of its bytes
    warnings: tuple[tuple[str, str], ...] = ()  # (logger, message) given while it was made
    templates: tuple[str, ...] = ()  # the Jinja templates its target loaded, by name


@dataclass
class BuildRecord:
    """Everything a build remembers for the next one."""

    build_key: str = ""  # digest of everything the whole build was made from (freshness.build_key)
    strict: bool = False
    targets: list[str] = field(default_factory=list)  # the targets it ran
    problems: list[Problem] = field(default_factory=list)  # what the load found
    built: list[BankInputs] = field(default_factory=list)  # the banks it built, in order
    sources: list[str] = field(default_factory=list)  # every source file the loader read
    units: dict[str, Unit] = field(default_factory=dict)  # by unit_key()
    said: list[tuple[str, str]] = field(default_factory=list)  # every warning, in order
    # per target, the warnings about no bank (a catalog's), from the last time it ran
    general: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    def current_units(self) -> dict[str, Unit]:
        """Return the units the last build stands for: its targets' for its banks, and the site's."""
        keys = [unit_key(t, b.id) for t in self.targets for b in self.built]
        keys += [unit_key(t, "") for t in [*self.targets, SITE]]
        return {key: self.units[key] for key in keys if key in self.units}

    def file_count(self) -> int:
        """Return how many files the last build stands for (not the site's own)."""
        units = self.current_units()
        return sum(len(u.outputs) for k, u in units.items() if k != unit_key(SITE, ""))

    def unit_warnings(
        self, target: str, banks: Iterable[str], whole: bool
    ) -> list[tuple[str, str]]:
        """Return the warnings given when a target made these banks' files (and its own, if whole)."""
        keys = [unit_key(target, bank) for bank in banks] + (
            [unit_key(target, "")] if whole else []
        )
        return [w for key in keys if key in self.units for w in self.units[key].warnings]

    def as_json(self) -> str:
        """Return the record as stored."""
        data = {
            "format": FORMAT,
            "build_key": self.build_key,
            "strict": self.strict,
            "targets": self.targets,
            "said": self.said,
            "problems": [
                [p.location.path, p.location.line, p.location.column, p.severity, p.message]
                for p in self.problems
            ],
            "built": [vars(b) for b in self.built],
            "sources": self.sources,
            "units": {
                key: {
                    "inputs": u.inputs,
                    "outputs": dict(u.outputs),
                    "warnings": u.warnings,
                    "templates": u.templates,
                }
                for key, u in sorted(self.units.items())
            },
            "general": self.general,
        }
        return json.dumps(data, indent=1, sort_keys=True) + "\n"


def unit_key(target: str, bank: str) -> str:
    """Return a unit's name in the record: the target and the bank id ("" for project files)."""
    return f"{target}:{bank}"


def read_record(out_dir: Path) -> BuildRecord:
    """Return the last build's record; a missing, broken or older one is empty (rebuild all)."""
    try:
        data = json.loads((out_dir / RECORD).read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            return BuildRecord()
        return BuildRecord(
            build_key=str(data["build_key"]),
            strict=data["strict"] is True,
            targets=[str(t) for t in data["targets"]],
            said=[(str(name), str(text)) for name, text in data["said"]],
            problems=[
                Problem(Location(str(path), int(line), int(column)), severity, str(message))
                for path, line, column, severity, message in data["problems"]
                if severity in ("error", "warning")
            ],
            built=[BankInputs(**{k: str(v) for k, v in b.items()}) for b in data["built"]],
            sources=[str(s) for s in data["sources"]],
            units={
                str(key): Unit(
                    str(u["inputs"]),
                    {str(p): str(d) for p, d in u["outputs"].items()},
                    tuple((str(name), str(text)) for name, text in u["warnings"]),
                    tuple(str(name) for name in u["templates"]),
                )
                for key, u in data["units"].items()
            },
            general={
                str(target): [(str(name), str(text)) for name, text in said]
                for target, said in data["general"].items()
            },
        )
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return BuildRecord()


def digest(*parts: object) -> str:
    """Return a digest of JSON-able values."""
    text = json.dumps(parts, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class FileDigests:
    """Digests of files' contents, each file read once per build."""

    def __init__(self) -> None:
        self._known: dict[Path, str] = {}

    def of(self, path: Path | str) -> str:
        """Return the digest of a file's bytes, or MISSING."""
        path = Path(path)
        if path not in self._known:
            try:
                self._known[path] = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError:
                self._known[path] = MISSING
        return self._known[path]

    def of_tree(self, dirs: Iterable[Path], folders: Iterable[str] | None) -> str:
        """Return one digest of every file in these folders of each dir (all of it for None)."""
        parts = []
        dirs = list(dirs)
        for index, folder in enumerate(dirs):
            for top in [folder] if folders is None else [folder / name for name in folders]:
                for path in _files_below(top):
                    relative = path.relative_to(folder).as_posix()
                    parts.append((search_rank(index, dirs), relative, self.of(path)))
        return digest(parts)

    def outputs_intact(self, out_dir: Path, unit: Unit) -> bool:
        """Return whether every file a unit wrote is still there, as it was written."""
        return all(self.of(out_dir / relative) == d for relative, d in unit.outputs.items())


def search_rank(index: int, dirs: Sequence[Path]) -> int:
    """Return a folder's place on the template search path, counted from the built-in end.

    A project that adds its own `templates/` puts it first: counted so, the folders after it
    keep their place, and files made only from those stay up to date.
    """
    return len(dirs) - 1 - index


def _files_below(top: Path) -> list[Path]:
    """Return every file below a folder, sorted, through linked folders too (each once)."""
    found, seen = [], set()
    # os.walk, not Path.rglob: rglob does not enter a linked folder (a shared theme) before 3.13
    for folder, subfolders, names in os.walk(top, followlinks=True):
        real = os.path.realpath(folder)
        if real in seen:  # a link back up the tree
            subfolders.clear()
            continue
        seen.add(real)
        found += [Path(folder, name) for name in names if Path(folder, name).is_file()]
    return sorted(found)


@contextlib.contextmanager
def captured_warnings() -> Iterator[list[tuple[str, str]]]:
    """Collect the warnings quizgen logs meanwhile, to say them again when their files are kept."""
    said: list[tuple[str, str]] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            said.append((record.name, record.getMessage()))

    handler = Collect(logging.WARNING)
    logger = logging.getLogger("quizgen")
    logger.addHandler(handler)
    try:
        yield said
    finally:
        logger.removeHandler(handler)


def say_again(warnings: Iterable[tuple[str, str]], said: Iterable[tuple[str, str]] = ()) -> None:
    """Log recorded warnings again, from the loggers that first gave them; none twice."""
    done = set(said)
    for warning in warnings:
        if warning not in done:
            done.add(warning)
            logging.getLogger(warning[0]).warning("%s", warning[1])
