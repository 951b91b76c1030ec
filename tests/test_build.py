"""Build orchestration: valid banks are built, invalid ones get nothing, failures write nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from quizgen import targets
from tests.harness import overlay


@pytest.fixture(autouse=True)
def fake_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        targets,
        "TARGET_MODULES",
        {"fake": "tests.fake_target", "variants": "tests.fake_variant_target"},
    )


def test_invalid_bank_gets_no_output_others_do(make_project, run_quizgen) -> None:
    root = make_project("mini", add=["broken-bank"])
    result = run_quizgen(root, "build")
    assert result.exit_code == 1
    assert (
        "questions/broken.yaml:10:13: error: question 'q': answer must be true or false"
        in result.stderr
    )
    assert sorted(
        p.relative_to(root / "output").as_posix() for p in (root / "output").rglob("*")
    ) == [
        ".quizgen-manifest.json",
        ".quizgen-record.json",
        "site",
        "site/index.html",
        "site/lighthouse",
        "site/lighthouse/lighthouse-v1.txt",
        "site/lighthouse/lighthouse.txt",
        "teacher",
        "teacher/index.html",
    ]


def test_failing_target_writes_nothing_and_keeps_old_outputs(make_project, run_quizgen) -> None:
    root = make_project("mini")
    assert run_quizgen(root, "build").exit_code == 0
    before = (root / "output" / "site" / "lighthouse" / "lighthouse.txt").read_text()
    overlay(root, "exploding-bank")  # its title makes the fake target fail
    text = (root / "questions" / "lighthouse.yaml").read_text()
    (root / "questions" / "lighthouse.yaml").write_text(text.replace("- id: rock", "- id: rock2"))
    result = run_quizgen(root, "build")
    assert result.exit_code == 1
    assert result.stderr.startswith("questions/boom.yaml:1:1: error: this bank cannot be built")
    assert (root / "output" / "site" / "lighthouse" / "lighthouse.txt").read_text() == before
    assert not (root / "output" / "site" / "boom").exists()
    assert sorted(p.name for p in (root / "output" / "site" / "lighthouse").iterdir()) == [
        "lighthouse-v1.txt",
        "lighthouse.txt",
    ]


def test_build_selected_bank_into_other_folder(make_project, run_quizgen) -> None:
    root = make_project("mini", add=["other-bank"])
    result = run_quizgen(root, "build", "other", "--out", "site")
    assert result.exit_code == 0
    assert (root / "site" / "site" / "other" / "other.txt").read_text() == "O 1"
    assert not (root / "site" / "site" / "lighthouse").exists()


def test_staged_output_refuses_paths_outside(tmp_path: Path) -> None:
    from quizgen.output.staging import StagedOutput

    with pytest.raises(ValueError, match="plain names below the output folder"):
        StagedOutput(tmp_path).write("../evil.txt", "x")


def test_staged_files_taken_by_target_are_staged_no_longer(tmp_path: Path) -> None:
    from quizgen.output.staging import StagedOutput
    from quizgen.targets import FileRole

    staged = StagedOutput(tmp_path)
    staged.target = "anki"
    staged.write("b/b.apkg", b"deck", FileRole("deck", "b"))
    staged.target = "html"
    staged.write("b/b.html", "quiz")
    # a worker hands its files back and keeps no copy: the next part it makes comes back alone
    assert staged.take("anki") == {"site/b/b.apkg": (b"deck", FileRole("deck", "b"))}
    assert staged.take("anki") == {}
    assert staged.staged() == ["teacher/b/b.html"]


def test_output_folder_that_cannot_be_made_is_an_error(make_project, run_quizgen) -> None:
    root = make_project("mini")
    (root / "blocked").write_text("a file, not a folder")
    result = run_quizgen(root, "build", "--out", "blocked/site")
    assert result.exit_code == 1
    assert f"quizgen: error: cannot write the output: {root}/blocked/site" in result.stderr
    assert "Traceback" not in result.output


def test_a_file_that_cannot_be_replaced_is_named(make_project, run_quizgen, monkeypatch) -> None:
    """As an immutable file (chattr +i) refuses: the message names it, not a temporary file."""
    import quizgen.output.staging

    root = make_project("mini")
    blocked = root / "output" / "site" / "lighthouse" / "lighthouse.txt"
    replace = os.replace

    def refuse(source: str, target: str | Path) -> None:
        if Path(target) == blocked:
            raise PermissionError(1, "Operation not permitted", source, None, str(target))
        replace(source, target)

    monkeypatch.setattr(quizgen.output.staging.os, "replace", refuse)
    result = run_quizgen(root, "build", "--only", "fake")
    assert result.exit_code == 1
    assert (
        f"quizgen: error: cannot write the output: {blocked}: Operation not permitted\n"
        in result.stderr
    )
    assert not list(blocked.parent.glob(".*.tmp"))  # no temporary file left beside it


def test_folder_where_a_file_goes_is_an_error(make_project, run_quizgen) -> None:
    root = make_project("mini")
    (root / "output" / "site" / "lighthouse" / "lighthouse.txt").mkdir(parents=True)
    result = run_quizgen(root, "build")
    assert result.exit_code == 1
    assert "lighthouse.txt: a folder stands where the file goes" in result.stderr


def test_rebuild_retires_files_it_no_longer_makes(make_project, run_quizgen) -> None:
    root = make_project("mini")
    out = root / "output" / "site"
    assert run_quizgen(root, "build", "--variants", "3").exit_code == 0
    assert (out / "lighthouse" / "lighthouse-v3.txt").is_file()
    assert "lighthouse-v3.txt" in (out / "index.html").read_text()
    assert run_quizgen(root, "build", "--variants", "1").exit_code == 0
    assert sorted(p.name for p in (out / "lighthouse").iterdir()) == [
        "lighthouse-v1.txt",
        "lighthouse.txt",
    ]
    assert "lighthouse-v3.txt" not in (out / "index.html").read_text()  # nor linked


def test_rebuild_keeps_other_targets_and_unknown_files(make_project, run_quizgen) -> None:
    root = make_project("mini")
    out = root / "output" / "site"
    assert run_quizgen(root, "build", "--variants", "2").exit_code == 0
    (out / "lighthouse" / "notes-of-the-teacher.txt").write_text("mine")
    assert run_quizgen(root, "build", "--only", "fake").exit_code == 0
    assert sorted(p.name for p in (out / "lighthouse").iterdir()) == [
        "lighthouse-v1.txt",
        "lighthouse-v2.txt",
        "lighthouse.txt",
        "notes-of-the-teacher.txt",
    ]


@pytest.mark.slow
def test_every_output_is_byte_identical_across_processes(make_project) -> None:
    """Two separate runs with different hash seeds: no set or dict order may reach an output."""
    import hashlib
    import os
    import subprocess
    import sys

    root = make_project("mini")
    digests = []
    for seed, out in (("1", "first"), ("2", "second")):
        env = {**os.environ, "PYTHONHASHSEED": seed, "SOURCE_DATE_EPOCH": "1700000000"}
        command = [sys.executable, "-m", "quizgen", "--project", str(root), "build"]
        subprocess.run(
            [*command, "--variants", "2", "--combine", "--out", out],
            env=env,
            check=True,
            capture_output=True,
        )
        # the build record is bookkeeping: it names the output folder it describes
        files = sorted(
            p for p in (root / out).rglob("*") if p.is_file() and p.name != ".quizgen-record.json"
        )
        digests.append(
            {
                p.relative_to(root / out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in files
            }
        )
    assert (
        len(digests[0]) == 16 and digests[0] == digests[1]
    )  # 4 PDFs and the 2 of the class set, 2 decks, quiz, cards, GIFT, Moodle XML, QTI, 2 indexes, manifest


def test_a_build_whose_digests_fail_writes_no_record(
    make_project, run_quizgen, monkeypatch
) -> None:
    # the record is written last, from the digests worked out in a thread: what stopped that
    # thread stops the build there, and no record claims the files just written are up to date
    import hashlib
    import threading

    real = hashlib.sha256

    def sha256(*data: bytes) -> object:
        if threading.current_thread().name == "quizgen digests":
            raise MemoryError
        return real(*data)

    monkeypatch.setattr(hashlib, "sha256", sha256)
    root = make_project("mini")
    with pytest.raises(MemoryError):
        run_quizgen(root, "build")
    assert not (root / "output" / ".quizgen-record.json").exists()
