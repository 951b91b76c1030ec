"""One test per message of `quizgen draft` about its input and output."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.harness import REPO


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "p"
    (root / "seeds").mkdir(parents=True)
    shutil.copy(REPO / "seeds" / "atacms.txt", root / "seeds" / "atacms.txt")
    return root


def _fails(run_quizgen, root: Path, *args: str, code: int = 1) -> str:
    result = run_quizgen(root, "draft", *args)
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    assert not (root / "questions" / "draft.yaml").exists() or "--force" in result.stderr
    return result.stderr


def test_missing_file(project: Path, run_quizgen) -> None:
    stderr = _fails(run_quizgen, project, str(project / "seeds" / "nope.txt"))
    assert (
        "seeds/nope.txt:1:1: error: no such file; expected the text to draft questions from "
        "(seeds/article.txt)" in stderr
    )


def test_a_folder(project: Path, run_quizgen) -> None:
    stderr = _fails(run_quizgen, project, str(project / "seeds"))
    assert "seeds:1:1: error: is a folder; expected the text file to draft questions from" in stderr


def test_not_utf8(project: Path, run_quizgen) -> None:
    (project / "seeds" / "latin1.txt").write_bytes(
        "Der Bär lief.\nGrüße aus Köln.".encode("latin-1")
    )
    stderr = _fails(run_quizgen, project, str(project / "seeds" / "latin1.txt"))
    assert (
        "seeds/latin1.txt:1:6: error: source file is not valid UTF-8 (byte 0xe4); save it as UTF-8"
        in stderr
    )


def test_empty_text(project: Path, run_quizgen) -> None:
    (project / "seeds" / "empty.txt").write_text(" \n\n", encoding="utf-8")
    stderr = _fails(run_quizgen, project, str(project / "seeds" / "empty.txt"))
    assert (
        "seeds/empty.txt:1:1: error: is empty; expected the article to draft questions from"
        in stderr
    )


def test_only_headings(project: Path, run_quizgen) -> None:
    (project / "seeds" / "titles.txt").write_text("Ein Titel\nNoch ein Titel\n", encoding="utf-8")
    stderr = _fails(run_quizgen, project, str(project / "seeds" / "titles.txt"))
    assert (
        "seeds/titles.txt:1:1: error: has no sentence to draft from: every line reads as a heading "
        "(a sentence ends with '.', '!' or '?')" in stderr
    )


def test_nothing_to_ask(project: Path, run_quizgen) -> None:
    (project / "seeds" / "plain.txt").write_text(
        "The weather was mild and the days were long and quiet in the valley.\n", encoding="utf-8"
    )
    stderr = _fails(run_quizgen, project, str(project / "seeds" / "plain.txt"))
    assert (
        "seeds/plain.txt:1:1: error: nothing to ask in its 1 sentence(s): draft gaps numbers, dates, "
        "names and acronyms, and asks about lists of countries" in stderr
    )


def test_source_outside_the_project(project: Path, tmp_path: Path, run_quizgen) -> None:
    outside = tmp_path / "elsewhere.txt"
    shutil.copy(REPO / "seeds" / "atacms.txt", outside)
    stderr = _fails(run_quizgen, project, str(outside))
    assert (
        f"{outside}:1:1: error: lies outside the project {project}; a bank's source must be inside "
        "it: copy the text into the project's seeds/ folder" in stderr
    )


def test_output_exists(project: Path, run_quizgen) -> None:
    (project / "questions").mkdir()
    (project / "questions" / "draft.yaml").write_text("# mine\n", encoding="utf-8")
    stderr = _fails(run_quizgen, project, str(project / "seeds" / "atacms.txt"))
    assert (
        "questions/draft.yaml:1:1: error: already exists; pass --force to replace it, or -o to "
        "write another file" in stderr
    )
    assert (project / "questions" / "draft.yaml").read_text(encoding="utf-8") == "# mine\n"
    result = run_quizgen(project, "draft", str(project / "seeds" / "atacms.txt"), "--force")
    assert result.exit_code == 0
    assert "# mine" not in (project / "questions" / "draft.yaml").read_text(encoding="utf-8")


def test_unsupported_language(project: Path, run_quizgen) -> None:
    stderr = _fails(
        run_quizgen, project, str(project / "seeds" / "atacms.txt"), "--language", "fr", code=2
    )
    assert "quizgen: error: --language 'fr' is not supported by draft; expected de or en" in stderr


def test_output_cannot_be_written(project: Path, run_quizgen) -> None:
    (project / "questions").write_text("a file, not a folder", encoding="utf-8")
    result = run_quizgen(
        project,
        "draft",
        str(project / "seeds" / "atacms.txt"),
        "-o",
        str(project / "questions" / "d.yaml"),
    )
    assert result.exit_code == 1
    assert "questions/d.yaml:1:1: error: cannot write it: " in result.stderr


LONG = (
    "In 2024, "
    + ", ".join(f"the city of Berlin paid {i} euros to Lockheed Martin Corp." for i in range(150))
    + ".\n"
)


def test_nothing_that_passes_check(project: Path, run_quizgen) -> None:
    """A sentence too long to quote gives candidates that check faults: no bank, not a broken one."""
    (project / "seeds" / "long.txt").write_text(LONG, encoding="utf-8")
    stderr = _fails(run_quizgen, project, str(project / "seeds" / "long.txt"))
    assert (
        "seeds/long.txt:1:1: error: nothing to ask that passes quizgen check (its sentences may "
        "be too long to quote); write the bank by hand" in stderr
    )
