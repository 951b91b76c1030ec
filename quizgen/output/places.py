"""Where each file goes: student files in site/ (the folder to share), teacher files in teacher/.

The two folders stand side by side in the output folder, so that the one handed to students is
whole and holds nothing else: no answer key, no learning-platform file, no build record. Inside
each, a target's files keep the paths it gives them (atacms/atacms-key.pdf).
"""

from __future__ import annotations

from quizgen.targets import Audience

STUDENT_FOLDER = "site"
TEACHER_FOLDER = "teacher"
FOLDERS: dict[str, str] = {"student": STUDENT_FOLDER, "teacher": TEACHER_FOLDER}


def placed(relative: str, audience: Audience) -> str:
    """Return where a target's file goes: atacms/atacms-key.pdf -> teacher/atacms/atacms-key.pdf."""
    return f"{FOLDERS[audience]}/{relative}"


def bank_of(path: str) -> str | None:
    """Return the bank whose folder holds a placed file, "" for a project's file, None if unplaced.

    An unplaced path is one an older quizgen wrote straight into the output folder.
    """
    folder, _, rest = path.partition("/")
    if folder not in FOLDERS.values() or not rest:
        return None
    return rest.split("/")[0] if "/" in rest else ""
