"""quizgen init: a new project's folders and files, never over anything that is there."""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from pathlib import Path

from quizgen.config import CONFIG_NAME
from quizgen.errors import QuizgenError

FOLDERS = ("questions", "seeds")
GITIGNORE = """\
# quizgen build writes here; it can always be made again
output/
"""


@dataclass(frozen=True)
class NewProject:
    """What quizgen init made, for the command line to say."""

    root: Path
    made: tuple[str, ...]  # in the order made, folders with a trailing '/'


def make_project(root: Path, config_text: str) -> NewProject:
    """Make questions/, seeds/, quizgen.toml and .gitignore in root (made if missing).

    Nothing is written when any of them is there already (an empty folder aside), so a second
    init, or an init in a folder that holds a project, changes nothing.
    """
    if root.exists() and not root.is_dir():
        raise QuizgenError(f"'{root}' is a file; expected a folder for the new project")
    files = {CONFIG_NAME: config_text, ".gitignore": GITIGNORE}
    taken = [
        name
        for name in (*FOLDERS, *files)
        if (root / name).exists() or (root / name).is_symlink()
        if not (name in FOLDERS and (root / name).is_dir() and not any((root / name).iterdir()))
    ]
    if taken:
        raise QuizgenError(
            f"'{root}' already has {', '.join(taken)}; quizgen init overwrites nothing: move "
            "them away, or give init a new folder (quizgen init FOLDER)"
        )
    try:
        for name in FOLDERS:
            (root / name).mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            with (root / name).open("x", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
    except OSError as exc:
        raise QuizgenError(f"cannot make the project in '{root}': {exc.strerror}") from exc
    return NewProject(root, (*(f"{name}/" for name in FOLDERS), *files))


def next_steps(project: NewProject, shown: str) -> list[str]:
    """Return the lines that tell a teacher what was made and what to do next."""
    into = "" if shown == "." else f"cd {shlex.quote(shown)}\n  "
    return [
        f"made a quizgen project in {shown}:",
        "  questions/      the question banks, one YAML file each",
        "  seeds/          the source texts the banks quote",
        f"  {CONFIG_NAME}    defaults for every option, all commented out",
        "  .gitignore      keeps the built output/ out of git",
        "next: put your article into seeds/ as a UTF-8 text file, then",
        f"  {into}quizgen new BANK --source seeds/ARTICLE.txt",
    ]
