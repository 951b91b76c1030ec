"""The two index pages, built after every target from the files the targets declared.

site/index.html, for students, links the student files only (they are all in site/);
teacher/index.html links everything, answer keys included (quizgen.output.places).
"""

from __future__ import annotations

import dataclasses
import logging
import posixpath
import urllib.parse
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from quizgen.context import BuildContext
from quizgen.model import Bank
from quizgen.output.places import FOLDERS, STUDENT_FOLDER, TEACHER_FOLDER
from quizgen.output.staging import ManifestEntry, StagedOutput
from quizgen.present import markup
from quizgen.present.pages import content_security_policy, read_asset
from quizgen.present.strings import ui_strings
from quizgen.present.templates import environment, render_template
from quizgen.targets import FileRole, load_target, target_names

log = logging.getLogger(__name__)

INDEX_PATH = "index.html"  # in each of the two folders
INDEX_TEMPLATE = "html/index.html.j2"
INDEX_STYLES = ("html/site.css", "html/index.css")
# files a browser shows itself; anything else (decks, LMS files) is offered as a download
SHOWN_IN_BROWSER = (".html", ".pdf")


@dataclass(frozen=True)
class Download:
    """A link to one listed file."""

    path: str  # placed below the output folder: site/atacms/atacms-quiz.html
    role: FileRole
    page: str = STUDENT_FOLDER  # the folder of the index page that links it

    @property
    def href(self) -> str:
        """Return the file's path relative to the page: ../site/… from the teacher's."""
        return posixpath.relpath(self.path, self.page)

    @property
    def url(self) -> str:
        """Return the link, relative to the index and quoted."""
        return urllib.parse.quote(self.href)

    @property
    def format(self) -> str:
        """Return the file's format as shown next to its link (PDF, APKG)."""
        name = self.path.rsplit("/", 1)[-1]
        return name.rsplit(".", 1)[-1].upper() if "." in name else ""

    @property
    def download(self) -> bool:
        """Return whether the link should save the file rather than open it."""
        return not self.path.endswith(SHOWN_IN_BROWSER)

    @property
    def for_students(self) -> bool:
        """Return whether the file is student material, in the students' folder."""
        return self.role.audience == "student" and self.path.startswith(f"{STUDENT_FOLDER}/")


@dataclass(frozen=True)
class BankEntry:
    """One bank on the index page."""

    bank: Bank
    description: Markup
    questions: int
    points: int
    featured: Download | None  # the main link (the quiz), if a target made one
    files: tuple[Download, ...]  # the other student files
    teacher_files: tuple[Download, ...] = ()  # keys and LMS files: on the teacher's page only


def write_site(out: StagedOutput, context: BuildContext) -> None:
    """Stage both index pages from every file the manifest lists, this build's and earlier ones."""
    unlisted = out.unlisted(bank.id for bank in context.project_banks)
    if unlisted:
        log.warning(
            "%s: %d file(s) made by an older quizgen (such as %s) are not on the index until "
            "their targets are built again (run a plain quizgen build once)",
            context.out_dir,
            len(unlisted),
            unlisted[0],
        )
    files = listed_files({p: e for p, e in out.entries().items() if out.exists(p)})
    students = {bank: [f for f in found if f.for_students] for bank, found in files.items()}
    students_page = write_index(out, context, STUDENT_FOLDER, students)
    write_index(out, context, TEACHER_FOLDER, files, students_page)


def write_index(
    out: StagedOutput,
    context: BuildContext,
    folder: str,
    files: Mapping[str, Sequence[Download]],
    students_page: str | None = None,
) -> str | None:
    """Stage one folder's index page of these files; return its path (None: no file, no page).

    `students_page`: the students' index, which the teacher's page links.
    """
    files = {
        bank: [dataclasses.replace(f, page=folder) for f in found] for bank, found in files.items()
    }
    banks = [bank for bank in context.project_banks if files.get(bank.id)]
    if not banks:
        return None
    language = page_language(banks)
    strings = ui_strings(language, context.template_dirs)
    env = environment(context.template_dirs)
    entries = []
    for bank in banks:
        featured = next((f for f in files[bank.id] if f.role.featured and f.for_students), None)
        others = [f for f in files[bank.id] if f is not featured]
        entries.append(
            BankEntry(
                bank,
                markup.block(bank.description),
                len(bank.questions),
                bank.max_points,
                featured,
                tuple(f for f in others if f.for_students),
                tuple(f for f in others if not f.for_students),
            )
        )
    style = read_asset(env, INDEX_STYLES, "style")
    path = f"{folder}/{INDEX_PATH}"
    out.write_placed(
        path,
        render_template(
            env,
            INDEX_TEMPLATE,
            language=language,
            teacher=folder == TEACHER_FOLDER,
            students_page=posixpath.relpath(students_page, folder) if students_page else None,
            entries=entries,
            project_files=files.get("", []),
            t={**strings.get("common", {}), **strings.get("html", {})},
            style=style,
            csp=content_security_policy((style,), ()),
        ),
    )
    return path


def listed_files(entries: Mapping[str, ManifestEntry]) -> dict[str, list[Download]]:
    """Return the files with a role, per bank id ("" for the project's), in the site's order."""
    order = {name: i for i, name in enumerate(target_names())}
    # only the targets with files here are imported: a build of one target imports no other
    present = {entry.target for entry in entries.values() if entry.target in order}
    labels = {name: load_target(name).labels for name in present}
    # a label the target does not declare (a tampered or newer manifest) has no link text
    listed = [
        (entry.target, Download(path, entry.role))
        for path, entry in entries.items()
        if entry.role is not None
        and entry.target in order
        and entry.role.label in labels[entry.target]
        and path.startswith(f"{FOLDERS[entry.role.audience]}/")  # never a key in site/
    ]

    def rank(item: tuple[str, Download]) -> tuple[int, int, int, str]:
        """Order by target, then the target's own order of labels, then variant A, B … AA."""
        target, download = item
        declared = labels[target]
        variant = download.role.variant
        return order[target], declared.index(download.role.label), len(variant), variant

    by_bank: dict[str, list[Download]] = {}
    for _target, download in sorted(listed, key=rank):
        by_bank.setdefault(download.role.bank, []).append(download)
    return by_bank


def page_language(banks: Sequence[Bank]) -> str:
    """Return the language most banks are written in (the first bank's on a tie)."""
    if not banks:
        return "en"
    counts = Counter(bank.language for bank in banks)
    return max(counts, key=lambda lang: (counts[lang], -[b.language for b in banks].index(lang)))
