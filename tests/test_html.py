"""The html target's files, without a browser: paths, determinism, CSP, embedded key, index, errors."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
import shutil
from pathlib import Path

import pytest

from quizgen.build import StagedOutput
from quizgen.context import BuildContext
from quizgen.errors import TargetError
from quizgen.present.templates import builtin_template_dir, template_dirs
from quizgen.project import load_project
from quizgen.site import write_site
from quizgen.targets import FileRole
from quizgen.targets.html import TARGET

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def build_html(project: Path, run_quizgen) -> Path:
    """Build only the html target and return the students' folder."""
    result = run_quizgen(project, "build", "--only", "html")
    assert result.exit_code == 0, result.output
    return project / "output" / "site"


def inline_blocks(page: str, tag: str) -> list[str]:
    return re.findall(rf"<{tag}>(.*?)</{tag}>", page, re.DOTALL)


def policy(page: str) -> str:
    match = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page)
    assert match, "no CSP meta tag"
    return html.unescape(match.group(1))


def quiz_data(page: str) -> dict:
    match = re.search(
        r'<script type="application/json" id="quiz-data">(.*?)</script>', page, re.DOTALL
    )
    assert match
    return json.loads(match.group(1))


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def options_for(root: Path, dirs: tuple[Path, ...] | None = None) -> BuildContext:
    return BuildContext(
        project_root=root, out_dir=root / "output", template_dirs=dirs or template_dirs(root)
    )


def test_build_writes_one_quiz_per_bank_and_the_index(make_project, run_quizgen) -> None:
    out = build_html(make_project("mini"), run_quizgen).parent
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == [
        ".quizgen-manifest.json",  # what each file is, for the site
        ".quizgen-record.json",  # what each file was made from, for the next build
        "site/index.html",
        "site/lighthouse/lighthouse-quiz.html",
        "teacher/index.html",  # links the students' files too
    ]


def test_quiz_is_deterministic(make_project, run_quizgen, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = build_html(make_project("mini"), run_quizgen)
    page = (first / "lighthouse/lighthouse-quiz.html").read_bytes()
    index = (first / "index.html").read_bytes()
    shutil.rmtree(first)
    second = build_html(first.parent.parent, run_quizgen)
    assert (second / "lighthouse/lighthouse-quiz.html").read_bytes() == page
    assert (second / "index.html").read_bytes() == index


def test_page_loads_nothing_from_outside_and_allows_only_its_own_code(
    make_project, run_quizgen
) -> None:
    out = build_html(make_project("mini"), run_quizgen)
    for name in ("lighthouse/lighthouse-quiz.html", "index.html"):
        page = (out / name).read_text(encoding="utf-8")
        rules = dict(d.strip().split(" ", 1) for d in policy(page).split(";"))
        assert rules["default-src"] == "'none'"
        assert rules["style-src"] == " ".join(sha256(s) for s in inline_blocks(page, "style"))
        scripts = inline_blocks(page, "script")
        assert rules["script-src"] == (
            " ".join(sha256(s) for s in scripts) if scripts else "'none'"
        )
        # no attribute that could load something: src, srcset, external href, @import, url()
        assert not re.search(r"\s(src|srcset|action|formaction)=", page)
        hrefs = re.findall(r'href="([^"]*)"', page)
        assert all(h.startswith(("#", "data:")) or "://" not in h for h in hrefs), hrefs
        assert "@import" not in page and "url(" not in page


def test_every_question_has_a_fieldset_with_a_legend_and_its_qid(make_project, run_quizgen) -> None:
    out = build_html(make_project("mini"), run_quizgen)
    page = (out / "lighthouse/lighthouse-quiz.html").read_text(encoding="utf-8")
    qids = re.findall(r'<fieldset class="question" id="q-[^"]+" data-qid="([^"]+)"', page)
    assert qids == ["builder", "residents", "rock", "lamp", "year", "distance", "roles", "day"]
    assert page.count("<legend>") == len(qids)
    assert 'id="check-quiz"' in page and 'id="quiz-result"' in page
    assert "<title>The Lighthouse &lt;Test&gt; &amp; Co</title>" in page


def test_embedded_key_cannot_end_its_script_block(make_project, run_quizgen) -> None:
    out = build_html(make_project("hostile"), run_quizgen)
    page = (out / "hostile/hostile-quiz.html").read_text(encoding="utf-8")
    block = re.search(r'id="quiz-data">(.*?)</script>', page, re.DOTALL).group(1)
    assert "<" not in block and ">" not in block and "&" not in block
    data = json.loads(block)
    assert data["questions"]["typed"]["accepted"] == [["</script>", "</script><!--"]]
    assert data["questions"]["gaps"]["accepted"] == [["<script>alert(1)</script>"]]
    # exactly the page's own two script elements, and no event handler attribute anywhere
    assert page.count("<script") == 2
    assert not re.search(r"<[^>]+\son\w+=", page)
    assert "javascript:" not in re.sub(
        r"&[^;]+;", "", " ".join(re.findall(r'href="([^"]*)"', page))
    )


def test_quiz_in_german_uses_german_strings(make_project, run_quizgen) -> None:
    out = build_html(make_project("german"), run_quizgen)
    page = (out / "brot/brot-quiz.html").read_text(encoding="utf-8")
    assert '<html lang="de">' in page
    assert "Alle Antworten prüfen" in page and "Frage 1" in page and "1 Punkt" in page
    assert "<strong>2,5 kg</strong>" in page
    data = quiz_data(page)
    assert data["decimalComma"] is True and data["strings"]["right"] == "Richtig!"


def test_saved_progress_hash_changes_only_with_its_own_question(make_project, run_quizgen) -> None:
    project = make_project("mini")
    out = build_html(project, run_quizgen)
    page = out / "lighthouse/lighthouse-quiz.html"
    hashes = quiz_data(page.read_text(encoding="utf-8"))["hashes"]
    assert sorted(hashes) == [
        "builder",
        "day",
        "distance",
        "lamp",
        "residents",
        "rock",
        "roles",
        "year",
    ]
    build_html(project, run_quizgen)
    assert quiz_data(page.read_text(encoding="utf-8"))["hashes"] == hashes
    bank = project / "questions/lighthouse.yaml"
    text = bank.read_text(encoding="utf-8")
    # one question's prompt edited, and a question added before all: only the edited one changes
    edited = text.replace("Who built", "Who designed").replace(
        "questions:\n",
        "questions:\n  - id: first\n    type: truefalse\n    prompt: New.\n"
        "    source: It was built in 1887\n    answer: true\n",
        1,
    )
    bank.write_text(edited, encoding="utf-8")
    build_html(project, run_quizgen)
    now = quiz_data(page.read_text(encoding="utf-8"))["hashes"]
    assert {qid for qid in hashes if now[qid] != hashes[qid]} == {"builder"}
    assert "first" in now


def test_index_links_what_this_and_earlier_builds_made(make_project, run_quizgen) -> None:
    project = make_project("mini")
    (project / "output" / "site" / "lighthouse").mkdir(parents=True)
    (project / "output" / "site" / "lighthouse" / "lighthouse-key-C.pdf").write_bytes(b"not ours")
    assert run_quizgen(project, "build", "--variants", "2", "--combine").exit_code == 0
    index = (project / "output" / "site" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'<a [^>]*href="([^"#]+)"', index) == [
        "lighthouse/lighthouse-quiz.html",
        "lighthouse/lighthouse-worksheet-A.pdf",
        "lighthouse/lighthouse-worksheet-B.pdf",
        "lighthouse/lighthouse.apkg",
        "lighthouse/lighthouse-cards.tsv",
        "quizgen.apkg",
    ]
    assert "The Lighthouse &lt;Test&gt; &amp; Co" in index and "8 questions" in index
    assert "Variant B" in index
    teacher = (project / "output" / "teacher" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'<a [^>]*href="([^"#]+)"', teacher) == [
        "../site/index.html",
        "../site/lighthouse/lighthouse-quiz.html",
        "../site/lighthouse/lighthouse-worksheet-A.pdf",
        "../site/lighthouse/lighthouse-worksheet-B.pdf",
        "../site/lighthouse/lighthouse.apkg",
        "../site/lighthouse/lighthouse-cards.tsv",
        "lighthouse/lighthouse-key-A.pdf",
        "lighthouse/lighthouse-key-B.pdf",
        "lighthouse/lighthouse-class-set.pdf",
        "lighthouse/lighthouse-class-set-key.pdf",
        "lighthouse/lighthouse.gift",
        "lighthouse/lighthouse-moodle.xml",
        "lighthouse/lighthouse-qti.zip",
        "../site/quizgen.apkg",
    ]
    # a PDF-only rebuild retires the variants and the index follows, though html was not built
    assert run_quizgen(project, "build", "--only", "pdf").exit_code == 0
    index = (project / "output" / "site" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'<a [^>]*href="([^"#]+)"', index) == [
        "lighthouse/lighthouse-quiz.html",
        "lighthouse/lighthouse-worksheet.pdf",
        "lighthouse/lighthouse.apkg",
        "lighthouse/lighthouse-cards.tsv",
        "quizgen.apkg",
    ]
    teacher = (project / "output" / "teacher" / "index.html").read_text(encoding="utf-8")
    assert "lighthouse/lighthouse-key.pdf" in teacher and "key-A" not in teacher
    assert "class-set" not in teacher  # the class set went with the variants
    assert not list((project / "output").rglob("*class-set*"))


def test_index_lists_what_the_targets_declared_not_what_lies_in_the_folder(tmp_path: Path) -> None:
    root = FIXTURES / "projects" / "mini"
    banks = load_project(root).banks
    out_dir = tmp_path / "output"
    (out_dir / "site/lighthouse").mkdir(parents=True)
    (out_dir / "site/lighthouse/lighthouse-worksheet-C.pdf").write_bytes(
        b"old"
    )  # from an earlier --variants 3
    staged = StagedOutput(out_dir, {"pdf": ["lighthouse"]})
    staged.target = "pdf"
    staged.write("lighthouse/lighthouse-worksheet.pdf", b"new", FileRole("worksheet", "lighthouse"))
    staged.write("lighthouse/lighthouse-key.pdf", b"new", FileRole("key", "lighthouse", "teacher"))
    context = BuildContext(
        project_root=root,
        out_dir=out_dir,
        template_dirs=template_dirs(root),
        project_banks=tuple(banks),
    )
    write_site(staged, context)
    index = staged._files["teacher/index.html"].decode()
    assert "lighthouse-worksheet.pdf" in index and "lighthouse-key.pdf" in index
    assert "worksheet-C" not in index and ".apkg" not in index


def test_teacher_css_override_is_inlined_and_allowed(make_project, run_quizgen) -> None:
    project = make_project("mini")
    (project / "templates" / "html").mkdir(parents=True)
    own = "body { background: #fffbe6; }\n"
    (project / "templates/html/quiz.css").write_text(own, encoding="utf-8")
    page = (build_html(project, run_quizgen) / "lighthouse/lighthouse-quiz.html").read_text(
        encoding="utf-8"
    )
    (style,) = inline_blocks(page, "style")
    assert style.endswith(own.strip())
    assert sha256(style) in policy(page)


# --- one test per error message ---------------------------------------------------------------


def _template_copy(tmp_path: Path) -> Path:
    """A full copy of the built-in templates that a test may break."""
    folder = tmp_path / "templates"
    shutil.copytree(builtin_template_dir(), folder)
    return folder


def test_error_inlined_asset_closing_its_element(make_project, run_quizgen) -> None:
    project = make_project("mini")
    (project / "templates" / "html").mkdir(parents=True)
    (project / "templates/html/quiz.js").write_text("console.log('</script>');\n", encoding="utf-8")
    result = run_quizgen(project, "build", "--only", "html")
    assert result.exit_code == 1
    assert (
        "templates/html/quiz.js: error: an inlined script must not contain '</script' or '<!--'"
        in result.output
    )
    assert not (project / "output").exists()


def test_error_template_syntax(make_project, run_quizgen) -> None:
    project = make_project("mini")
    (project / "templates" / "html").mkdir(parents=True)
    (project / "templates/html/index.html.j2").write_text("line one\n{% if %}\n", encoding="utf-8")
    result = run_quizgen(project, "build", "--only", "html")
    assert result.exit_code == 1
    assert re.search(r"templates/html/index\.html\.j2:2:1: error: ", result.output), result.output
    assert not (project / "output").exists()


def test_error_template_uses_an_unknown_name(make_project, run_quizgen) -> None:
    project = make_project("mini")
    (project / "templates" / "html").mkdir(parents=True)
    (project / "templates/html/index.html.j2").write_text(
        "fine\n{{ t.no_such_string }}\n", encoding="utf-8"
    )
    result = run_quizgen(project, "build", "--only", "html")
    assert result.exit_code == 1
    assert (
        "templates/html/index.html.j2:2:1: error: 'dict object' has no attribute 'no_such_string'"
        in result.output
    )
    assert not (project / "output").exists()


def test_error_catalog_without_a_script_string(tmp_path: Path) -> None:
    templates = _template_copy(tmp_path)
    for name in ("en", "de"):
        catalog = templates / "i18n" / f"{name}.toml"
        catalog.write_text(
            re.sub(r"(?m)^right = .*\n", "", catalog.read_text(encoding="utf-8")), encoding="utf-8"
        )
    root = FIXTURES / "projects" / "mini"
    options = options_for(root, (templates,))
    with pytest.raises(TargetError) as error:
        TARGET.build(load_project(root).banks, StagedOutput(tmp_path / "out"), options)
    assert str(error.value) == (
        "questions/lighthouse.yaml: error: no [html] string 'right' for language 'en' in templates/i18n/"
    )


def test_index_marks_only_bank_text_with_the_banks_language(make_project, run_quizgen) -> None:
    root = make_project("mini", add=["german"])
    page = (build_html(root, run_quizgen) / "index.html").read_text(encoding="utf-8")
    assert '<html lang="de">' in page  # a tie: the first bank's language
    card = page.split('data-bank="lighthouse"')[1].split("</li>\n    <li")[0]
    assert '<h2 id="bank-lighthouse" lang="en">' in card
    assert "8 Fragen" in card and "Quiz starten" in card  # the page's words, in the page's language


def test_index_orders_variants_past_z(tmp_path: Path) -> None:
    root = FIXTURES / "projects" / "mini"
    staged = StagedOutput(tmp_path, {"pdf": ["lighthouse"]})
    staged.target = "pdf"
    for letter in ("AA", "B", "Z", "A"):
        path = f"lighthouse/lighthouse-worksheet-{letter}.pdf"
        staged.write(path, b"x", FileRole("worksheet", "lighthouse", variant=letter))
    context = BuildContext(
        project_root=root,
        out_dir=tmp_path,
        template_dirs=template_dirs(root),
        project_banks=tuple(load_project(root).banks),
    )
    write_site(staged, context)
    index = staged._files["site/index.html"].decode()
    assert re.findall(r"worksheet-([A-Z]+)\.pdf", index) == ["A", "B", "Z", "AA"]


def test_variant_letters_cover_every_variant_the_cli_allows() -> None:
    from quizgen.answers.numbers import MAX_VARIANTS, letter

    variants = [letter(n) for n in range(1, MAX_VARIANTS + 1)]

    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    expected = [*alphabet, *(a + b for a in "ABC" for b in alphabet)][:99]  # --variants 1-99
    assert variants == expected
    assert (expected[25], expected[26], expected[51], expected[52], expected[-1]) == (
        "Z",
        "AA",
        "AZ",
        "BA",
        "CU",
    )


def test_building_one_bank_keeps_the_others_on_the_index(make_project, run_quizgen) -> None:
    root = make_project("mini", add=["german"])
    build_html(root, run_quizgen)
    result = run_quizgen(root, "build", "lighthouse", "--only", "html")
    assert result.exit_code == 0, result.output
    page = (root / "output" / "site" / "index.html").read_text(encoding="utf-8")
    assert 'data-bank="brot"' in page and 'data-bank="lighthouse"' in page
    (root / "output" / "site" / "brot" / "brot-quiz.html").unlink()
    assert run_quizgen(root, "build", "lighthouse", "--only", "html").exit_code == 0
    page = (root / "output" / "site" / "index.html").read_text(encoding="utf-8")
    assert 'data-bank="brot"' not in page  # never a link to a quiz that is not there
