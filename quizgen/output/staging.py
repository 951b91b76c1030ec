"""The output folder: files staged by the targets, written atomically, stale ones retired."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from quizgen.errors import QuizgenError

# Which target wrote which file in earlier builds, so a rebuild can remove what it no longer makes
# (worksheet-C.pdf after --variants 3 became --variants 2) instead of linking stale files.
MANIFEST = ".quizgen-manifest.json"


class StagedOutput:
    """Files a build has produced, held until every target has succeeded."""

    def __init__(
        self, out_dir: Path, targets: Iterable[str] = (), banks: Iterable[str] = ()
    ) -> None:
        self.out_dir = out_dir
        self.target = ""  # the target now writing; the build sets it
        self._files: dict[str, bytes] = {}
        self._owners: dict[str, str] = {}
        self._previous = _read_manifest(out_dir)
        rebuilt, bank_ids = set(targets), set(banks)
        # What this build replaces: earlier files of the targets it runs, for the banks it builds
        # (and the targets' site-wide files such as index.html).
        self._replaced = {
            relative
            for relative, owner in self._previous.items()
            if owner in rebuilt and ("/" not in relative or relative.split("/")[0] in bank_ids)
        }

    def write(self, relative: str, data: bytes | str) -> None:
        """Stage a file; text is written as UTF-8."""
        path = Path(relative)
        if path.is_absolute() or ".." in path.parts:
            raise ValueError(f"output path escapes the output folder: {relative}")
        self._files[path.as_posix()] = data.encode("utf-8") if isinstance(data, str) else data
        self._owners[path.as_posix()] = self.target

    def exists(self, relative: str) -> bool:
        """Return whether a file is staged, or in the output folder and not about to be retired."""
        if relative in self._files:
            return True
        return relative not in self._replaced and (self.out_dir / relative).is_file()

    def staged(self) -> list[str]:
        """Return the staged paths, sorted."""
        return sorted(self._files)

    def commit(self) -> list[Path]:
        """Write every staged file atomically, remove retired ones, and record the manifest."""
        try:
            written = self._write_all()
            for relative in sorted(self._replaced - set(self._files)):
                (self.out_dir / relative).unlink(missing_ok=True)
            if written:
                kept = {r: o for r, o in self._previous.items() if r not in self._replaced}
                manifest = json.dumps(kept | self._owners, indent=1, sort_keys=True) + "\n"
                _write_atomically(self.out_dir / MANIFEST, manifest.encode("utf-8"))
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
            _write_atomically(target, self._files[relative])
            written.append(target)
        return written


def _write_atomically(target: Path, data: bytes) -> None:
    """Write a temporary file next to the target, then rename it into place."""
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _read_manifest(out_dir: Path) -> dict[str, str]:
    """Return {relative path: target} of earlier builds; a missing or broken manifest is empty."""
    try:
        data = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    # never follow a tampered manifest out of the output folder
    return {
        r: o
        for r, o in data.items()
        if isinstance(r, str)
        and isinstance(o, str)
        and ".." not in Path(r).parts
        and not Path(r).is_absolute()
    }
