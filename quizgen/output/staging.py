"""The output folder: files staged by the targets, written atomically, stale ones retired."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from quizgen.errors import QuizgenError
from quizgen.output.places import bank_of, placed
from quizgen.output.record import MANIFEST, RECORD, SITE
from quizgen.targets import FileRole

# The manifest (record.MANIFEST) says which target wrote which file in earlier builds, and what
# each file is for: a rebuild removes what it no longer makes (worksheet-C.pdf after --variants 3
# became --variants 2), and the site lists every file from it, never from names it guesses.
# Its paths are placed (site/…, teacher/…: quizgen.output.places).
# What the parts of a path quizgen writes look like: no "..", no "https:", no "\\host"
SAFE_PART = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]*\Z")
AUDIENCES = ("student", "teacher")


@dataclass(frozen=True)
class ManifestEntry:
    """One file of the output folder: the target that wrote it, and what it is for."""

    target: str
    role: FileRole | None = None  # None: not listed on the site (the site's own pages)

    def as_json(self) -> dict[str, object]:
        """Return the entry as the manifest stores it."""
        return {"target": self.target, **(dataclasses.asdict(self.role) if self.role else {})}


class StagedOutput:
    """Files a build has produced, held until every target has succeeded."""

    def __init__(self, out_dir: Path, plan: Mapping[str, Iterable[str]] | None = None) -> None:
        """Stage files in `out_dir`; `plan` names the banks each target makes again."""
        self.out_dir = out_dir
        self.target = ""  # the target now writing; the build sets it
        self._files: dict[str, bytes] = {}
        self._owners: dict[str, ManifestEntry] = {}
        self._previous = read_manifest(out_dir)
        rebuilt = {name: set(banks) for name, banks in (plan or {}).items() if banks}
        if rebuilt:  # the site is made again by every build that makes anything, and only then
            rebuilt[SITE] = set()
        # What this build replaces: earlier files of the targets it runs, for the banks each one
        # makes again, and the project-wide files of those targets (a combined deck, index.html);
        # and the files an older quizgen wrote outside site/ and teacher/ for those targets.
        self._replaced = {
            relative
            for relative, entry in self._previous.items()
            if entry.target in rebuilt
            and ((bank := bank_of(relative)) is None or bank in {"", *rebuilt[entry.target]})
        }
        self.unchanged: list[Path] = []  # staged files the output folder already held as they are

    def write(self, relative: str, data: bytes | str, role: FileRole | None = None) -> None:
        """Stage a target's file in its audience's folder (a file without a role: teacher/).

        Text is written as UTF-8; `role` says what the file is for (the site lists it from that).
        """
        path = Path(relative)
        if path.is_absolute() or not all(map(SAFE_PART.match, path.parts)):
            # the manifest keeps only such paths, and the site links them as they are
            raise ValueError(f"output path must be plain names below the output folder: {relative}")
        self.write_placed(placed(path.as_posix(), role.audience if role else "teacher"), data, role)

    def write_placed(self, path: str, data: bytes | str, role: FileRole | None = None) -> None:
        """Stage a file at a placed path: the site's pages (site/index.html), a worker's files."""
        self._files[path] = data.encode("utf-8") if isinstance(data, str) else data
        self._owners[path] = ManifestEntry(self.target, role)

    def exists(self, relative: str) -> bool:
        """Return whether a placed file is staged, or in the output folder and not to be retired."""
        if relative in self._files:
            return True
        return relative not in self._replaced and (self.out_dir / relative).is_file()

    def staged(self) -> list[str]:
        """Return the staged paths, sorted."""
        return sorted(self._files)

    def contents(self) -> dict[str, bytes]:
        """Return every staged file's bytes, by path."""
        return dict(self._files)

    def unlisted(self, banks: Iterable[str]) -> list[str]:
        """Return the kept files of these banks (or the project) recorded without a role."""
        ids = {"", *banks}
        return [
            relative
            for relative, entry in self.entries().items()
            if entry.role is None and entry.target != SITE and bank_of(relative) in ids
        ]

    def entries(self) -> dict[str, ManifestEntry]:
        """Return every file the output folder will hold after this build, by path."""
        kept = {r: e for r, e in self._previous.items() if r not in self._replaced}
        return {**kept, **self._owners}

    def commit(self, last: Callable[[], bytes | None] | None = None) -> list[Path]:
        """Write every staged file atomically, remove retired ones, and record the manifest.

        `last` gives the build record, written once everything else is in place (None: none).
        """
        try:
            written = self._write_all()
            for relative in sorted(self._replaced - set(self._files)):
                (self.out_dir / relative).unlink(missing_ok=True)
                _remove_empty_folders(self.out_dir, relative)
            if self._files or self._replaced:
                entries = {r: e.as_json() for r, e in self.entries().items()}
                manifest = (json.dumps(entries, indent=1, sort_keys=True) + "\n").encode("utf-8")
                if not _holds(self.out_dir / MANIFEST, manifest):
                    write_atomically(self.out_dir / MANIFEST, manifest)
            record = last() if last else None
            if record is not None and self.out_dir.is_dir():  # nothing made, no folder: none
                write_atomically(self.out_dir / RECORD, record)
        except OSError as exc:
            where = exc.filename or self.out_dir
            raise QuizgenError(f"cannot write the output: {where}: {exc.strerror}") from exc
        return written

    def _write_all(self) -> list[Path]:
        # Make every folder first, so that a path that cannot be a folder fails before any file.
        for relative in self.staged():
            (self.out_dir / relative).parent.mkdir(parents=True, exist_ok=True)
        written = []
        for relative in self.staged():
            target = self.out_dir / relative
            if target.is_dir():
                raise IsADirectoryError(21, "a folder stands where the file goes", str(target))
            if _holds(target, self._files[relative]):
                self.unchanged.append(target)  # its time stays, and nothing watching it reloads
                continue
            write_atomically(target, self._files[relative])
            written.append(target)
        return written

    def made_by(self, target: str) -> dict[str, tuple[bytes, FileRole | None]]:
        """Return the files one target staged, with their roles, in the order it staged them."""
        return {
            r: (d, self._owners[r].role)
            for r, d in self._files.items()
            if self._owners[r].target == target
        }

    def take(self, target: str) -> dict[str, tuple[bytes, FileRole | None]]:
        """Return the files one target staged, as `made_by`, and stage them no longer."""
        made = self.made_by(target)
        for relative in made:
            del self._files[relative], self._owners[relative]
        return made

    def owned(self, target: str) -> dict[str, bytes]:
        """Return the files one target staged in this build, by path."""
        return {r: data for r, (data, _role) in self.made_by(target).items()}


def _remove_empty_folders(out_dir: Path, relative: str) -> None:
    """Remove the folders of a retired file that it leaves empty (a bank's, after the upgrade)."""
    for parent in Path(relative).parents:
        if parent == Path("."):
            return
        try:
            (out_dir / parent).rmdir()
        except OSError:  # not empty (or not ours to remove): its parents are not empty either
            return


def _holds(path: Path, data: bytes) -> bool:
    """Return whether a file exists with exactly these bytes."""
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def write_atomically(target: Path, data: bytes) -> None:
    """Write a temporary file next to the target, then rename it into place.

    An error names the target (or its folder): the teacher knows those, not the temporary file.
    """
    try:
        fd, temporary = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
        )
    except OSError as exc:  # the folder it goes in is what refuses
        raise OSError(exc.errno, exc.strerror, str(target.parent)) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise OSError(exc.errno, exc.strerror, str(target)) from exc
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def read_manifest(out_dir: Path) -> dict[str, ManifestEntry]:
    """Return the entries of earlier builds; a missing or broken manifest is empty."""
    try:
        data = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    entries = {}
    for relative, value in data.items():
        # never follow (or link) a tampered manifest out of the output folder
        if not isinstance(relative, str) or not all(map(SAFE_PART.match, relative.split("/"))):
            continue
        entry = _entry(value)
        if entry is not None:
            entries[relative] = entry
    return entries


def _entry(value: object) -> ManifestEntry | None:
    """Return a manifest entry as stored, or None if it is not one; quizgen 0.1 stored the owner."""
    if isinstance(value, str):
        return ManifestEntry(value)
    if not isinstance(value, dict) or not isinstance(value.get("target"), str):
        return None
    role_fields = {f.name for f in dataclasses.fields(FileRole)}
    known = {k: v for k, v in value.items() if k in role_fields}
    if not all(isinstance(v, bool if k == "featured" else str) for k, v in known.items()):
        return ManifestEntry(value["target"])
    if known.get("audience", "student") not in AUDIENCES:
        return ManifestEntry(value["target"])
    try:
        role = FileRole(**known) if "label" in known else None
    except TypeError:
        return ManifestEntry(value["target"])
    return ManifestEntry(value["target"], role)
