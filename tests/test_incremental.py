"""Rebuilds make only what changed: the build record, read the way a teacher's rebuild meets it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from quizgen.output import staging
from quizgen.output.record import FORMAT

FAST = ("--only", "anki,html,cards,gift")  # every target but the slow PDF one
RECORD = ".quizgen-record.json"


def times(out: Path) -> dict[str, int]:
    """Return every file of the output folder with its modification time, in nanoseconds."""
    return {
        p.relative_to(out).as_posix(): p.stat().st_mtime_ns
        for p in sorted(out.rglob("*"))
        if p.is_file()
    }


def changed(before: dict[str, int], after: dict[str, int]) -> list[str]:
    """Return the files written (or removed) between two listings, without the bookkeeping."""
    names = set(before) | set(after)
    return sorted(
        n for n in names if before.get(n) != after.get(n) and not n.startswith(".quizgen-")
    )


@pytest.fixture
def two_banks(make_project, run_quizgen) -> Path:
    """An English and a German bank, built once."""
    root = make_project("mini", add=["german"])
    result = run_quizgen(root, "build", *FAST)
    assert result.exit_code == 0, result.output
    return root


def test_nothing_changed_writes_nothing_and_says_so(two_banks, run_quizgen) -> None:
    out = two_banks / "output"
    before = times(out)
    result = run_quizgen(two_banks, "build", *FAST)
    assert result.exit_code == 0
    assert times(out) == before  # not even the manifest or the record
    assert "wrote" not in result.stdout
    assert (
        "nothing to do: 8 file(s) up to date for 2 bank(s) (--force makes them again)"
        in result.stderr
    )


def test_nothing_changed_reads_no_bank(two_banks, run_quizgen, monkeypatch) -> None:
    import quizgen.project

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a build with nothing to do read the banks")

    monkeypatch.setattr(quizgen.project, "load_project", refuse)
    assert run_quizgen(two_banks, "build", *FAST).exit_code == 0


@pytest.mark.parametrize(
    "again",
    [
        (*FAST, "--jobs", "2"),
        ("--only", "gift,cards,html,anki"),
        ("--only", "anki", "--only", "html,cards", "--only", "gift,anki"),
        (*FAST, "--out", "./output"),
    ],
    ids=["jobs", "target-order", "only-repeated", "same-folder"],
)
def test_the_same_build_asked_otherwise_is_still_nothing_to_do(
    two_banks, run_quizgen, monkeypatch, again
) -> None:
    """More processes, the targets in another order, the folder named otherwise: same files."""
    import quizgen.project

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a build with nothing to do read the banks")

    before = times(two_banks / "output")
    monkeypatch.setattr(quizgen.project, "load_project", refuse)
    result = run_quizgen(two_banks, "build", *again)
    assert result.exit_code == 0, result.output
    assert times(two_banks / "output") == before  # the record too
    assert "nothing to do: 8 file(s) up to date" in result.stderr


def test_nothing_changed_says_the_warnings_again(two_banks, run_quizgen, caplog) -> None:
    first = (two_banks / "output" / RECORD).read_text(encoding="utf-8")
    caplog.clear()
    assert run_quizgen(two_banks, "build", *FAST).exit_code == 0
    assert "GIFT cannot hold" in caplog.text  # said by the gift target when it made the file
    assert "becomes 'test_bank' in Anki" in caplog.text
    assert (two_banks / "output" / RECORD).read_text(encoding="utf-8") == first


def test_nothing_changed_still_fails_on_an_invalid_bank(make_project, run_quizgen) -> None:
    root = make_project("mini", add=["broken-bank"])
    first = run_quizgen(root, "build", *FAST)
    again = run_quizgen(root, "build", *FAST)
    assert first.exit_code == again.exit_code == 1
    error = "questions/broken.yaml:10:13: error: question 'q': answer must be true or false"
    assert error in first.stderr and error in again.stderr
    assert "nothing to do" in again.stderr


def test_an_edited_bank_makes_only_its_own_files(two_banks, run_quizgen) -> None:
    out = two_banks / "output"
    before = times(out)
    bank = two_banks / "questions" / "brot.yaml"
    bank.write_text(bank.read_text(encoding="utf-8").replace("Wo ruht", "Wo genau ruht"), "utf-8")
    result = run_quizgen(two_banks, "build", *FAST)
    assert result.exit_code == 0
    assert changed(before, times(out)) == [
        "site/brot/brot-cards.tsv",
        "site/brot/brot-quiz.html",
        "site/brot/brot.apkg",
        "teacher/brot/brot.gift",
    ]
    assert "built 1 bank(s), 4 file(s); 4 file(s) up to date" in result.stderr


def test_an_edited_source_text_makes_its_banks_files(two_banks, run_quizgen) -> None:
    out = two_banks / "output"
    before = times(out)
    with (two_banks / "seeds" / "lighthouse.txt").open("a", encoding="utf-8") as source:
        source.write("\nA last sentence no question quotes.\n")
    assert run_quizgen(two_banks, "build", *FAST).exit_code == 0
    written = changed(before, times(out))
    assert written and all("/lighthouse/" in name for name in written)


def test_an_edited_template_makes_the_files_that_use_it(two_banks, run_quizgen) -> None:
    from quizgen.present.search_path import builtin_template_dir

    own = two_banks / "templates" / "cards" / "types"
    own.mkdir(parents=True)
    original = (builtin_template_dir() / "cards" / "types" / "short.txt.j2").read_text("utf-8")
    (own / "short.txt.j2").write_text(original, encoding="utf-8")
    out = two_banks / "output"
    before = times(out)
    result = run_quizgen(two_banks, "build", *FAST)  # a new folder on the search path
    assert changed(before, times(out)) == []  # the same text, so the same files
    # made again only by the target whose folder it has; the others' files stay up to date
    assert "built 2 bank(s), 0 file(s); 2 made again unchanged; 6 file(s) up to date" in (
        result.stderr
    )
    (own / "short.txt.j2").write_text(original.replace("{{", "» {{", 1), encoding="utf-8")
    result = run_quizgen(two_banks, "build", *FAST)
    assert result.exit_code == 0
    assert changed(before, times(out)) == [
        "site/brot/brot-cards.tsv",
        "site/lighthouse/lighthouse-cards.tsv",
    ]


def test_the_quiz_script_remakes_the_decks_and_the_quiz_style_does_not(
    two_banks, run_quizgen
) -> None:
    from quizgen.present.search_path import builtin_template_dir

    own = two_banks / "templates" / "html"
    own.mkdir(parents=True)
    builtin = builtin_template_dir() / "html"
    (own / "quiz.css").write_text((builtin / "quiz.css").read_text("utf-8") + "\n/* mine */\n")
    out = two_banks / "output"
    before = times(out)
    result = run_quizgen(two_banks, "build", *FAST)
    assert changed(before, times(out)) == [
        "site/brot/brot-quiz.html",
        "site/lighthouse/lighthouse-quiz.html",
    ]
    assert "made again unchanged" not in result.stderr  # the decks were not made at all
    # the card backs judge typed answers with the quiz's checking script: its edit reaches them
    script = (builtin / "quiz-check.js").read_text("utf-8")
    (own / "quiz-check.js").write_text(script + "\n// mine\n", encoding="utf-8")
    before = times(out)
    assert run_quizgen(two_banks, "build", *FAST).exit_code == 0
    assert {"site/brot/brot.apkg", "site/lighthouse/lighthouse.apkg"} <= set(
        changed(before, times(out))
    )
    assert "// mine" in (out / "site" / "brot" / "brot-quiz.html").read_text("utf-8")


def test_an_edited_catalog_makes_the_files_of_its_language(two_banks, run_quizgen) -> None:
    from quizgen.present.search_path import builtin_template_dir

    catalogs = two_banks / "templates" / "i18n"
    catalogs.mkdir(parents=True)
    german = (builtin_template_dir() / "i18n" / "de.toml").read_text("utf-8")
    out = two_banks / "output"
    before = times(out)
    (catalogs / "de.toml").write_text(german.replace("Lösung", "Die Lösung"), encoding="utf-8")
    assert run_quizgen(two_banks, "build", *FAST).exit_code == 0
    written = changed(before, times(out))
    assert "site/brot/brot-quiz.html" in written
    assert not [name for name in written if "/lighthouse/" in name]


def test_a_changed_option_makes_what_it_affects(two_banks, run_quizgen) -> None:
    out = two_banks / "output"
    before = times(out)
    result = run_quizgen(two_banks, "build", *FAST, "--combine")
    assert changed(before, times(out)) == [
        "site/index.html",
        "site/quizgen.apkg",
        "teacher/index.html",
    ]
    # the decks were made again with the new option, and came out the same
    assert "built 2 bank(s), 3 file(s); 2 made again unchanged; 6 file(s) up to date" in (
        result.stderr
    )
    before = times(out)
    bank = two_banks / "questions" / "brot.yaml"
    bank.write_text(bank.read_text(encoding="utf-8").replace("Wo ruht", "Wo genau ruht"), "utf-8")
    result = run_quizgen(two_banks, "build", *FAST, "--combine")
    assert result.exit_code == 0
    # the combined deck holds every bank: one edited bank makes every deck again
    written = changed(before, times(out))
    assert "site/quizgen.apkg" in written
    assert (
        "site/brot/brot.apkg" in written and "site/lighthouse/lighthouse-quiz.html" not in written
    )
    assert "site/lighthouse/lighthouse.apkg" not in written  # made again, and the same
    assert "1 made again unchanged" in result.stderr


def test_a_deleted_output_is_made_again(two_banks, run_quizgen) -> None:
    out = two_banks / "output"
    (out / "teacher" / "brot" / "brot.gift").unlink()
    before = times(out)
    result = run_quizgen(two_banks, "build", *FAST)
    assert result.exit_code == 0
    assert changed(before, times(out)) == ["teacher/brot/brot.gift"]
    assert "wrote" in result.stdout and "brot.gift" in result.stdout


def test_an_output_changed_by_hand_is_made_again(two_banks, run_quizgen) -> None:
    quiz = two_banks / "output" / "site" / "lighthouse" / "lighthouse-quiz.html"
    made = quiz.read_bytes()
    quiz.write_bytes(made.replace(b"<title>", b"<title>Edited "))
    assert run_quizgen(two_banks, "build", *FAST).exit_code == 0
    assert quiz.read_bytes() == made


def test_force_makes_everything_again(two_banks, run_quizgen) -> None:
    out = two_banks / "output"
    before = times(out)
    result = run_quizgen(two_banks, "build", *FAST, "--force")
    assert result.exit_code == 0
    # every file is made again; the ones that come out the same are left in place
    assert changed(before, times(out)) == []
    assert "built 2 bank(s), 0 file(s); 8 made again unchanged" in result.stderr
    for file in (out / "site" / "brot").iterdir():
        file.write_bytes(b"")
    assert run_quizgen(two_banks, "build", *FAST, "--force").exit_code == 0
    assert all(file.stat().st_size for file in (out / "site" / "brot").iterdir())


def test_a_killed_build_leaves_no_record_of_what_it_did_not_finish(
    two_banks, run_quizgen, monkeypatch
) -> None:
    out = two_banks / "output"
    bank = two_banks / "questions" / "brot.yaml"
    bank.write_text(bank.read_text(encoding="utf-8").replace("Wo ruht", "Wo genau ruht"), "utf-8")
    written: list[Path] = []
    real = staging.write_atomically

    def dies_after_two(target: Path, data: bytes) -> None:
        if len(written) == 2:
            raise KeyboardInterrupt  # the teacher pressed Ctrl-C, or the laptop slept for good
        real(target, data)
        written.append(target)

    monkeypatch.setattr(staging, "write_atomically", dies_after_two)
    assert run_quizgen(two_banks, "build", *FAST).exit_code == 1  # click says "Aborted!"
    monkeypatch.setattr(staging, "write_atomically", real)
    assert len(written) == 2
    result = run_quizgen(two_banks, "build", *FAST)
    assert result.exit_code == 0 and "nothing to do" not in result.stderr
    made = {p: p.read_bytes() for p in sorted((out / "site" / "brot").iterdir())}
    assert run_quizgen(two_banks, "build", *FAST, "--force").exit_code == 0
    assert made == {p: p.read_bytes() for p in sorted((out / "site" / "brot").iterdir())}
    assert "Wo genau ruht" in (out / "site" / "brot" / "brot-quiz.html").read_text(encoding="utf-8")


def test_a_broken_record_makes_everything_again(two_banks, run_quizgen) -> None:
    out = two_banks / "output"
    for broken in ("{", json.dumps({"format": FORMAT, "units": {"x": 1}}), json.dumps([1])):
        (out / RECORD).write_text(broken, encoding="utf-8")
        result = run_quizgen(two_banks, "build", *FAST)
        assert result.exit_code == 0
        assert "built 2 bank(s), 0 file(s); 8 made again unchanged" in result.stderr
        assert json.loads((out / RECORD).read_text(encoding="utf-8"))["format"] == FORMAT


def test_the_record_shows_no_path_outside_the_project(two_banks) -> None:
    text = (two_banks / "output" / RECORD).read_text(encoding="utf-8")
    assert str(two_banks) not in text


def rebuilt_like_fresh(root: Path, run_quizgen, *options: str) -> None:
    """Assert the output folder holds what a build from nothing makes."""
    out = root / "output"
    kept = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert run_quizgen(root, "build", *options, "--force").exit_code in (0, 1)
    fresh = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    bookkeeping = (".quizgen-record.json", ".quizgen-manifest.json")
    assert {k: v for k, v in kept.items() if k not in bookkeeping} == {
        k: v for k, v in fresh.items() if k not in bookkeeping
    }


def test_a_bank_saved_during_the_build_is_made_again_next_time(
    two_banks, run_quizgen, monkeypatch
) -> None:
    import quizgen.project

    bank = two_banks / "questions" / "brot.yaml"
    bank.write_text(bank.read_text(encoding="utf-8").replace("Wo ruht", "Wo genau ruht"), "utf-8")
    real = quizgen.project.load_project

    def load_then_save(*args: object, **kwargs: object) -> object:
        result = real(*args, **kwargs)  # type: ignore[arg-type]
        # the teacher saves again while the targets run
        bank.write_text(bank.read_text("utf-8").replace("Wo genau ruht", "Wo ruht nur"), "utf-8")
        return result

    monkeypatch.setattr(quizgen.project, "load_project", load_then_save)
    assert run_quizgen(two_banks, "build", *FAST).exit_code == 0
    monkeypatch.setattr(quizgen.project, "load_project", real)
    result = run_quizgen(two_banks, "build", *FAST)
    assert "nothing to do" not in result.stderr
    quiz = (two_banks / "output" / "site" / "brot" / "brot-quiz.html").read_text(encoding="utf-8")
    assert "Wo ruht nur" in quiz


def test_a_missing_source_text_made_later_is_read(two_banks, run_quizgen) -> None:
    source = two_banks / "seeds" / "brot.txt"
    text = source.read_bytes()
    source.unlink()
    failed = run_quizgen(two_banks, "build", *FAST)
    assert failed.exit_code == 1 and "source file 'seeds/brot.txt' does not exist" in failed.stderr
    source.write_bytes(text)
    result = run_quizgen(two_banks, "build", *FAST)
    assert result.exit_code == 0 and "does not exist" not in result.stderr


def test_an_edit_in_a_linked_template_folder_is_seen(two_banks, run_quizgen, tmp_path) -> None:
    from quizgen.present.search_path import builtin_template_dir

    theme = tmp_path / "theme"
    shutil.copytree(builtin_template_dir() / "cards", theme / "cards")
    (two_banks / "templates").mkdir()
    (two_banks / "templates" / "cards").symlink_to(theme / "cards", target_is_directory=True)
    assert run_quizgen(two_banks, "build", *FAST).exit_code == 0
    short = theme / "cards" / "types" / "short.txt.j2"
    short.write_text(short.read_text("utf-8").replace("{{", "» {{", 1), encoding="utf-8")
    assert run_quizgen(two_banks, "build", *FAST).exit_code == 0
    rebuilt_like_fresh(two_banks, run_quizgen, *FAST)


def test_a_template_included_from_another_folder_is_followed(two_banks, run_quizgen) -> None:
    from quizgen.present.search_path import builtin_template_dir

    own = two_banks / "templates"
    (own / "cards" / "types").mkdir(parents=True)
    (own / "shared").mkdir()
    (own / "shared" / "prefix.j2").write_text("Q: ", encoding="utf-8")
    original = (builtin_template_dir() / "cards/types/short.txt.j2").read_text("utf-8")
    marked = original.replace("{{", '{% include "shared/prefix.j2" %}{{', 1)
    (own / "cards" / "types" / "short.txt.j2").write_text(marked, encoding="utf-8")
    assert run_quizgen(two_banks, "build", *FAST).exit_code == 0
    (own / "shared" / "prefix.j2").write_text("Frage: ", encoding="utf-8")
    assert run_quizgen(two_banks, "build", *FAST).exit_code == 0
    cards = (two_banks / "output/site/brot/brot-cards.tsv").read_text(encoding="utf-8")
    assert "Frage: " in cards
    rebuilt_like_fresh(two_banks, run_quizgen, *FAST)


def test_a_lost_manifest_lists_every_bank_again(two_banks, run_quizgen) -> None:
    out = two_banks / "output"
    (out / ".quizgen-manifest.json").unlink()
    bank = two_banks / "questions" / "brot.yaml"
    bank.write_text(bank.read_text(encoding="utf-8").replace("Wo ruht", "Wo genau ruht"), "utf-8")
    assert run_quizgen(two_banks, "build", *FAST).exit_code == 0
    index = (out / "site" / "index.html").read_text(encoding="utf-8")
    assert "lighthouse/lighthouse-quiz.html" in index and "brot/brot-quiz.html" in index


def test_a_warning_about_no_bank_is_said_once(two_banks, run_quizgen, caplog) -> None:
    from quizgen.present.search_path import builtin_template_dir

    catalogs = two_banks / "templates" / "i18n"
    catalogs.mkdir(parents=True)
    (catalogs / "de.toml").write_text('[common]\npoint = "Pkt"\n', encoding="utf-8")
    bank = two_banks / "questions" / "brot.yaml"
    cards = two_banks / "templates" / "cards" / "types" / "short.txt.j2"
    cards.parent.mkdir(parents=True)
    original = (builtin_template_dir() / "cards/types/short.txt.j2").read_text("utf-8")

    def edit_bank() -> None:
        bank.write_text(bank.read_text("utf-8").replace("Wo ruht", "Wo genau ruht"), "utf-8")

    def edit_template() -> None:  # the cards made again, every other target's files kept
        cards.write_text(original.replace("{{", "» {{", 1), encoding="utf-8")

    for edit in (lambda: None, edit_bank, edit_template, lambda: None):
        edit()
        caplog.clear()
        assert run_quizgen(two_banks, "build", *FAST).exit_code == 0
        assert caplog.text.count("'point' in [common] is no longer used") == 1, caplog.text


def test_selected_banks_rebuild_to_nothing_to_do(two_banks, run_quizgen) -> None:
    assert run_quizgen(two_banks, "build", *FAST, "brot").exit_code == 0
    result = run_quizgen(two_banks, "build", *FAST, "brot")
    assert "nothing to do: 4 file(s) up to date for 1 bank(s)" in result.stderr


def test_force_on_one_target_keeps_what_the_others_made(two_banks, run_quizgen) -> None:
    out = two_banks / "output"
    assert run_quizgen(two_banks, "build", "--only", "cards", "--force").exit_code == 0
    before = times(out)
    result = run_quizgen(two_banks, "build", *FAST)
    assert "nothing to do: 8 file(s) up to date" in result.stderr
    assert changed(before, times(out)) == []


@pytest.mark.slow
def test_more_jobs_make_the_same_pdfs_so_none_again(make_project, run_quizgen) -> None:
    root = make_project("mini")
    assert run_quizgen(root, "build", "--only", "pdf", "--jobs", "2").exit_code == 0
    result = run_quizgen(root, "build", "--only", "pdf", "--jobs", "1")
    assert "nothing to do: 2 file(s) up to date" in result.stderr


def test_library_releases_are_those_installed_and_change_the_code_digest(monkeypatch) -> None:
    import importlib.metadata

    from quizgen.output import freshness

    installed = freshness._installed_releases()
    for library in freshness.LIBRARIES:
        assert installed[freshness._normal(library)] == importlib.metadata.version(library)
    freshness.code_digest.cache_clear()
    before = freshness.code_digest()
    newer = {**installed, "genanki": "99.0"}
    monkeypatch.setattr(freshness, "_installed_releases", lambda: newer)
    freshness.code_digest.cache_clear()
    try:
        assert freshness.code_digest() != before  # a new genanki may write other bytes
    finally:
        freshness.code_digest.cache_clear()


def test_older_installs_are_read_too_and_anything_else_from_the_metadata(
    tmp_path: Path, monkeypatch
) -> None:
    from quizgen.output import freshness

    (tmp_path / "Jinja2-3.1.2-py3.11.egg-info").mkdir()
    (tmp_path / "markdown-it-py-3.0.0.dist-info").mkdir()
    monkeypatch.syspath_prepend(str(tmp_path))
    installed = freshness._installed_releases()
    assert installed["jinja2"] == "3.1.2"  # the first on sys.path, as Python imports it
    assert installed["markdown-it-py"] == "3.0.0"
    import importlib.metadata

    assert freshness._release("genanki", {}) == importlib.metadata.version("genanki")
    assert freshness._release("no-such-library", {}) == ""


def test_jobs_that_are_no_number_of_processes_are_refused_after_a_build(two_banks) -> None:
    """A library caller's --jobs 0 is not an option left out of what a build is made from."""
    from quizgen.build import build
    from quizgen.errors import QuizgenError

    with pytest.raises(QuizgenError, match="jobs"):
        build(two_banks, settings={"only": list(FAST[1:]), "jobs": 0})
