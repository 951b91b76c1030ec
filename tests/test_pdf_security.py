"""The PDF target loads nothing from the network or outside its assets, and links nowhere local."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from pypdf import PdfReader

from quizgen.check.links import is_public_host, link_problem
from quizgen.present.templates import builtin_template_dir
from quizgen.project import load_project
from quizgen.targets.pdf.fetcher import AssetFetcher
from quizgen.targets.pdf.urls import html_url_problems, resource_allowed
from tests.harness import copy_project, run_cli
from tests.http_recorder import serve

BUILTIN_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, list[str]]]:
    """A real HTTP server on 127.0.0.1 that would serve a stylesheet, recording every request."""
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "evil.css").write_text("body { color: red; }")
    with serve(folder) as (url, requests):
        yield url, requests


def project(tmp_path: Path, explanation: str = "Fine.") -> Path:
    """The mini project and the evil bank, whose one explanation is the text given."""
    root = copy_project(tmp_path, "mini", add=["evil"])
    bank = root / "questions" / "evil.yaml"
    text = bank.read_text(encoding="utf-8")
    bank.write_text(text.replace("explanation: Fine.", f"explanation: {explanation}"), "utf-8")
    return root


def build(root: Path, *args: str):
    return run_cli(root, "build", "--only", "pdf", *args)


def assert_nothing_written(root: Path) -> None:
    assert not (root / "output").exists() or not any((root / "output").rglob("*.pdf"))


def errors(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if ": error: " in line]


def assert_only_the_evil_bank_refused(root: Path) -> None:
    """The refused bank gets no PDF; the project's valid bank is still built."""
    assert not (root / "output" / "site" / "evil").exists()
    assert any((root / "output" / "site" / "lighthouse").glob("lighthouse-worksheet*.pdf"))


@pytest.mark.slow
def test_file_link_fails_the_build(tmp_path: Path) -> None:
    root = project(tmp_path, '"[Passwörter](file:///etc/passwd)"')
    result = build(root)
    assert result.exit_code == 1
    assert errors(result) == [
        "questions/evil.yaml:11:18: error: the link 'file:///etc/passwd' is a file: link; "
        "a bank may only link http(s) and mailto: addresses"
    ]
    assert "Traceback" not in result.output
    assert_only_the_evil_bank_refused(root)


@pytest.mark.slow
def test_local_http_link_fails_and_the_server_gets_no_request(
    tmp_path: Path, server: tuple[str, list[str]]
) -> None:
    url, requests = server
    root = project(tmp_path, f'"Mehr [hier]({url}/leak) und ![Bild]({url}/image.png)"')
    result = build(root, "--variants", "2", "--jobs", "2")
    assert result.exit_code == 1
    assert errors(result) == [
        f"questions/evil.yaml:11:18: error: the link '{url}/{path}' points to this computer or the "
        "local network; a bank may only link public web sites"
        for path in ("image.png", "leak")
    ]
    assert requests == []
    assert_only_the_evil_bank_refused(root)


def test_stylesheet_reaching_for_the_network_fails(
    tmp_path: Path, server: tuple[str, list[str]]
) -> None:
    url, requests = server
    root = project(tmp_path)
    (root / "templates" / "pdf").mkdir(parents=True)
    (root / "templates" / "pdf" / "pdf.css").write_text(
        f"@import url({url}/evil.css);\nbody {{ background: url({url}/bg.png); }}\n"
    )
    result = build(root)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{root / 'templates' / 'pdf' / 'pdf.css'}:1:13: error: evil/evil-worksheet.pdf: "
        f"the PDF may not load '{url}/evil.css': "
        "only data: URLs and files in the templates' pdf/ folders are allowed"
    )
    assert requests == []
    assert_nothing_written(root)


@pytest.mark.slow
def test_a_refused_stylesheet_in_a_class_set_names_its_key(tmp_path: Path) -> None:
    # the marking grid of every variant renders first: it is the start of the class set's key
    root = project(tmp_path)
    (root / "templates" / "pdf").mkdir(parents=True)
    (root / "templates" / "pdf" / "pdf.css").write_text("@import url(http://example.org/x.css);\n")
    result = build(root, "--variants", "2", "--jobs", "2")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith(
        f"{root / 'templates' / 'pdf' / 'pdf.css'}:1:13: error: evil/evil-class-set-key.pdf: "
        "the PDF may not load 'http://example.org/x.css'"
    )
    assert_nothing_written(root)


def test_stylesheet_reaching_for_a_local_file_fails(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "templates" / "pdf").mkdir(parents=True)
    (root / "templates" / "pdf" / "pdf.css").write_text(
        "body { background: url(file:///etc/passwd); }\n"
    )
    result = build(root, "evil")
    assert result.exit_code == 1
    assert "the PDF may not load 'file:///etc/passwd'" in result.stderr
    assert_nothing_written(root)


def test_own_assets_and_public_links_are_fine(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        '"See [Wikipedia](https://en.wikipedia.org/wiki/Lighthouse). <script>x()</script>"',
    )
    own = root / "templates" / "pdf"
    own.mkdir(parents=True)
    builtin_css = (BUILTIN_TEMPLATES / "pdf" / "pdf.css").read_text()
    (own / "extra.css").write_text("h1 { color: #003; }\n")
    (own / "pdf.css").write_text(
        '@import "extra.css";\n'
        + builtin_css
        + "h1 { background: url(data:image/gif;base64,R0lGODlhAQABAAAAACw=); }\n"
    )
    result = build(root, "evil")
    assert result.exit_code == 0, result.output
    key = "".join(
        p.extract_text()
        for p in PdfReader(root / "output" / "teacher" / "evil" / "evil-key.pdf").pages
    )
    # the link prints its address on paper; the script is text
    assert "See Wikipedia (https://en.wikipedia.org/wiki/Lighthouse). <script>x()</script>" in (
        " ".join(key.split())
    )


def test_assets_are_found_along_the_search_path(tmp_path: Path) -> None:
    own, builtin = tmp_path / "own" / "pdf", tmp_path / "builtin" / "pdf"
    own.mkdir(parents=True)
    builtin.mkdir(parents=True)
    (builtin / "shared.css").write_text("p { color: blue; }")
    fetcher = AssetFetcher((str(own), str(builtin)))
    with closing(fetcher.fetch((own / "shared.css").as_uri())) as response:
        assert response.read() == b"p { color: blue; }"


def test_rendered_html_with_a_foreign_resource_is_located(tmp_path: Path) -> None:
    root = project(tmp_path)
    bank = next(b for b in load_project(root).banks if b.id == "evil")
    html = (
        '<article data-question="rock"><img src="http://example.org/x.png"></article>'
        '<img src="logo.png"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
    )
    elsewhere = tmp_path / "elsewhere"
    problems = html_url_problems(html, bank, elsewhere.as_uri() + "/", (str(tmp_path / "pdf"),))
    assert problems == [
        "questions/evil.yaml:8:13: error: the PDF may not load 'http://example.org/x.png': only "
        "data: URLs and files in the templates' pdf/ folders are allowed",
        "questions/evil.yaml:1:1: error: the PDF may not load 'logo.png': only "
        "data: URLs and files in the templates' pdf/ folders are allowed",
    ]


@pytest.mark.slow
def test_template_adding_a_foreign_image_stops_a_parallel_build(tmp_path: Path) -> None:
    # the documents go to the render workers while later ones are still made and checked
    root = copy_project(tmp_path, "mini")
    (root / "templates" / "pdf").mkdir(parents=True)
    shipped = (builtin_template_dir() / "pdf" / "document.html").read_text(encoding="utf-8")
    override = '{% if doc.variant_letter == "C" %}<img src="http://example.org/x.png">{% endif %}'
    (root / "templates" / "pdf" / "document.html").write_text(
        shipped.replace("<main>", "<main>" + override), encoding="utf-8"
    )
    result = build(root, "--variants", "3", "--jobs", "2")
    assert result.exit_code == 1
    assert errors(result) == [
        "questions/lighthouse.yaml:1:1: error: the PDF may not load 'http://example.org/x.png': "
        "only data: URLs and files in the templates' pdf/ folders are allowed"
    ]
    assert_nothing_written(root)


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("javascript:alert(1)", None),  # never made a link: shown as text
        ("data:text/html,hi", None),
        ("ftp://example.org/x", "is a ftp: link"),
        ("file:///etc/passwd", "is a file: link"),
        ("../secret.txt", "is a relative link"),
        ("http://[::1", "is not a valid URL"),
        ("http://localhost:8000/", "points to this computer"),
        ("http://127.0.0.1/", "points to this computer"),
        ("http://127.1/", "points to this computer"),
        ("http://2130706433/", "points to this computer"),
        ("http://0x7f.0x0.0x0.0x1/", "points to this computer"),
        ("https://192.168.1.1/admin", "points to this computer"),
        ("http://[::1]:8080/", "points to this computer"),
        ("http://printer.local/", "points to this computer"),
        ("http://intranet/", "points to this computer"),
        ("https://de.wikipedia.org/wiki/ATACMS", None),
        ("mailto:lehrer@example.org", None),
        ("#q1", None),
    ],
)
def test_link_policy(url: str, reason: str | None) -> None:
    problem = link_problem(url)
    assert (problem is None) == (reason is None)
    if reason:
        assert reason in problem


def test_public_hosts() -> None:
    assert is_public_host("8.8.8.8")
    assert is_public_host("xn--bcher-kva.example.de")
    assert not is_public_host("10.0.0.1")
    assert not is_public_host("169.254.169.254")


def test_resources_only_from_the_asset_folders(tmp_path: Path) -> None:
    assets = tmp_path / "templates" / "pdf"
    assets.mkdir(parents=True)
    (assets / "font.woff2").write_bytes(b"x")
    (tmp_path / "secret.txt").write_text("secret")
    (assets / "link.txt").symlink_to(tmp_path / "secret.txt")
    roots = (str(assets),)
    assert resource_allowed("data:text/css,body{}", roots)
    assert resource_allowed((assets / "font.woff2").as_uri(), roots)
    assert not resource_allowed((assets / ".." / ".." / "secret.txt").as_uri(), roots)
    assert not resource_allowed((assets / "link.txt").as_uri(), roots)
    assert not resource_allowed("file://otherhost" + str(assets / "font.woff2"), roots)
    assert not resource_allowed("http://127.0.0.1/x.css", roots)
    assert not resource_allowed("ftp://example.org/x.css", roots)


def test_missing_asset_is_reported(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "templates" / "pdf").mkdir(parents=True)
    (root / "templates" / "pdf" / "pdf.css").write_text('@import "missing.css";\n')
    result = build(root, "evil", "--jobs", "1")
    assert result.exit_code == 1
    missing = (root / "templates" / "pdf" / "missing.css").as_uri()
    assert result.stderr.startswith(
        f"questions/evil.yaml:1:1: error: evil/evil-worksheet.pdf: could not load '{missing}': "
        "[Errno 2] No such file or directory"
    )
    assert_nothing_written(root)


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("{% if %}", "question.html:1:1: error: Expected an expression"),
        ('{% extends "missing.html" %}', "question.html:1:1: error: 'missing.html' not found"),
    ],
    ids=["syntax", "missing"],
)
def test_broken_template_override_is_a_located_error(
    tmp_path: Path, template: str, message: str
) -> None:
    root = copy_project(tmp_path, "mini")
    (root / "templates" / "pdf").mkdir(parents=True)
    (root / "templates" / "pdf" / "question.html").write_text(template, encoding="utf-8")
    result = build(root)
    assert result.exit_code == 1
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert_nothing_written(root)
