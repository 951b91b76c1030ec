"""The index is made from the manifest: what it links when the manifest is old, odd or tampered."""

from __future__ import annotations

import json
import re
from pathlib import Path


def manifest(out: Path) -> dict:
    return json.loads((out / ".quizgen-manifest.json").read_text(encoding="utf-8"))


def links(out: Path, folder: str = "site") -> list[str]:
    """Return the links of the students' index page (or the teacher's)."""
    page = (out / folder / "index.html").read_text("utf-8")
    return re.findall(r'<a [^>]*href="([^"#]+)"', page)


def test_a_tampered_manifest_cannot_make_the_index_link_elsewhere(
    make_project, run_quizgen
) -> None:
    root = make_project("mini")
    assert run_quizgen(root, "build", "--only", "anki,html").exit_code == 0
    out = root / "output"
    data = manifest(out)
    role = {"target": "anki", "label": "deck", "bank": "lighthouse", "audience": "student"}
    for name in ("https:/evil.example/x.pdf", "site/lighthouse/../../x.apkg", "\\\\host/x.apkg"):
        data[name] = role
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_bytes(b"x")
    # a teacher's file said to be for students, and one for teachers found in site/
    data["teacher/lighthouse/lighthouse-key.pdf"] = role
    data["site/lighthouse/lighthouse-key.pdf"] = {**role, "audience": "teacher"}
    for name in ("teacher/lighthouse/lighthouse-key.pdf", "site/lighthouse/lighthouse-key.pdf"):
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_bytes(b"key")
    data["site/lighthouse/lighthouse.apkg"]["label"] = "no such label"
    (out / ".quizgen-manifest.json").write_text(json.dumps(data), encoding="utf-8")
    result = run_quizgen(root, "build", "--only", "html")
    assert result.exit_code == 0, result.stderr
    assert links(out) == ["lighthouse/lighthouse-quiz.html"]
    assert links(out, "teacher") == [
        "../site/index.html",
        "../site/lighthouse/lighthouse-quiz.html",
    ]


def test_an_older_manifest_is_read_and_its_files_come_back_when_rebuilt(
    make_project, run_quizgen, caplog
) -> None:
    root = make_project("mini")
    assert run_quizgen(root, "build", "--only", "anki,html").exit_code == 0
    out = root / "output"
    # quizgen 0.1 recorded only the owner of each file, and nothing of what it was made from
    old = {path: entry["target"] for path, entry in manifest(out).items()}
    (out / ".quizgen-manifest.json").write_text(json.dumps(old), encoding="utf-8")
    (out / ".quizgen-record.json").unlink()
    result = run_quizgen(root, "build", "--only", "html")
    assert result.exit_code == 0
    assert "1 file(s) made by an older quizgen (such as site/lighthouse/lighthouse.apkg)" in (
        caplog.text
    )
    assert links(out) == ["lighthouse/lighthouse-quiz.html"]
    assert run_quizgen(root, "build", "--only", "anki,html").exit_code == 0
    assert links(out) == ["lighthouse/lighthouse-quiz.html", "lighthouse/lighthouse.apkg"]


def test_a_build_with_no_valid_bank_keeps_the_index(make_project, run_quizgen) -> None:
    root = make_project("mini")
    assert run_quizgen(root, "build", "--only", "anki,html").exit_code == 0
    bank = root / "questions" / "lighthouse.yaml"
    bank.write_text(bank.read_text(encoding="utf-8") + "  - [\n", encoding="utf-8")
    assert run_quizgen(root, "build", "--only", "anki").exit_code == 1
    assert links(root / "output") == [
        "lighthouse/lighthouse-quiz.html",
        "lighthouse/lighthouse.apkg",
    ]


def test_the_older_manifest_warning_ends_once_the_bank_is_rebuilt_or_gone(
    make_project, run_quizgen, caplog
) -> None:
    root = make_project("mini")
    assert run_quizgen(root, "build", "--only", "html").exit_code == 0
    out = root / "output"
    data = manifest(out)
    data["site/gone/gone-quiz.html"] = "html"  # a bank deleted since quizgen 0.1 built it
    (out / "site/gone").mkdir()
    (out / "site/gone/gone-quiz.html").write_text("old", encoding="utf-8")
    (out / ".quizgen-manifest.json").write_text(json.dumps(data), encoding="utf-8")
    assert run_quizgen(root, "build", "--only", "html").exit_code == 0
    assert "made by an older quizgen" not in caplog.text


def test_a_target_may_write_only_plain_names(tmp_path: Path) -> None:
    import pytest

    from quizgen.output.staging import StagedOutput

    staged = StagedOutput(tmp_path)
    for bad in ("../x.pdf", "a b.pdf", "https:/x.pdf", "bank/Lösung.pdf"):
        with pytest.raises(ValueError, match="plain names below the output folder"):
            staged.write(bad, b"x")
    staged.write("bank/bank-key-A.pdf", b"x")
    assert staged.staged() == ["teacher/bank/bank-key-A.pdf"]  # without a role: not for students


def test_the_files_an_older_quizgen_wrote_beside_site_go_once_their_targets_run(
    make_project, run_quizgen, caplog
) -> None:
    root = make_project("mini")
    assert run_quizgen(root, "build", "--only", "anki,html,pdf").exit_code == 0
    out = root / "output"
    # quizgen 0.2 wrote every file straight into output/, keys beside the quizzes
    old = {}
    for path, entry in manifest(out).items():
        before = path.split("/", 1)[1]
        (out / before).parent.mkdir(parents=True, exist_ok=True)
        (out / path).rename(out / before)
        old[before] = entry
    (out / ".quizgen-manifest.json").write_text(json.dumps(old), encoding="utf-8")
    (out / ".quizgen-record.json").unlink()
    bank = root / "questions" / "lighthouse.yaml"
    text = bank.read_text(encoding="utf-8")
    bank.write_text(text.replace("- id: rock", "- id: rock2"), encoding="utf-8")
    assert run_quizgen(root, "build", "--only", "html").exit_code == 0
    assert links(out) == ["lighthouse/lighthouse-quiz.html"]
    assert not (out / "lighthouse" / "lighthouse-quiz.html").exists()
    assert (out / "lighthouse" / "lighthouse-key.pdf").is_file()  # outside site/, until pdf runs
    assert run_quizgen(root, "build", "--only", "anki,pdf").exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == [
        ".quizgen-manifest.json",
        ".quizgen-record.json",
        "site",
        "teacher",
    ]
    assert "lighthouse/lighthouse-key.pdf" in links(out, "teacher")
    # the deck handed out before was read where it was: its withdrawn question is named
    assert "decks built before (output/lighthouse/lighthouse.apkg) had it" in caplog.text
