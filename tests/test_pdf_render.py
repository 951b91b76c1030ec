"""render_all renders in this process and in render processes, and keeps job order and errors."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from quizgen.errors import TargetError
from quizgen.targets import FileRole
from quizgen.targets.pdf import documents, render, render_order
from quizgen.targets.pdf.render import RenderJob, render_all
from tests.harness import copy_project, run_cli

pytestmark = pytest.mark.slow  # starts a forkserver


def job(tmp_path: Path, text: str, head: str = "") -> RenderJob:
    """A one-paragraph document saying `text`."""
    return RenderJob(
        output=f"{text}.pdf",
        role=FileRole("worksheet", "b", "student", ""),
        where="questions/b.yaml",
        html=f"<html><head>{head}</head><body><p>{text}</p></body></html>",
        base_url=tmp_path.as_uri() + "/",
        asset_roots=(str(tmp_path),),
        created="2023-11-14T22:13:20Z",
    )


def text_of(pdf: bytes) -> str:
    return PdfReader(io.BytesIO(pdf)).pages[0].extract_text().strip()


def test_every_pdf_comes_back_with_its_job_in_job_order(tmp_path: Path) -> None:
    jobs = [job(tmp_path, f"Dokument{number}") for number in range(5)]
    done: list[None] = []
    made = render_all(iter(jobs), len(jobs), 2, lambda: done.append(None))
    assert [j for j, _ in made] == jobs
    assert [text_of(pdf) for _, pdf in made] == [f"Dokument{number}" for number in range(5)]
    assert len(done) == 5


def test_the_same_bytes_with_one_job_and_with_two(tmp_path: Path) -> None:
    jobs = [job(tmp_path, f"Dokument{number}") for number in range(3)]
    serial = [pdf for _, pdf in render_all(jobs, 3, 1)]
    assert [pdf for _, pdf in render_all(jobs, 3, 2)] == serial


def test_threads_hand_over_quickly_while_pdfs_render_and_as_before_after(tmp_path: Path) -> None:
    """Each render process waited about 40 ms a job for the threads that hand results and jobs
    over, each taking the GIL from this process's render after the switch interval."""
    before = sys.getswitchinterval()
    seen: list[float] = []
    render_all(
        [job(tmp_path, "Eins"), job(tmp_path, "Zwei")],
        2,
        2,
        lambda: seen.append(sys.getswitchinterval()),
    )
    assert seen == [render.HANDOFF_INTERVAL] * 2 and before > render.HANDOFF_INTERVAL
    assert sys.getswitchinterval() == before


def test_the_switch_interval_is_set_back_after_a_ctrl_c_while_pdfs_render(tmp_path: Path) -> None:
    before = sys.getswitchinterval()

    def pressed() -> None:  # Ctrl-C reaches the main thread, as the build's own render ends
        if threading.current_thread() is threading.main_thread():
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        render_all([job(tmp_path, "Eins"), job(tmp_path, "Zwei")], 2, 2, pressed)
    assert sys.getswitchinterval() == before


def test_overlapping_renders_set_the_switch_interval_back_once_the_last_ends() -> None:
    before = sys.getswitchinterval()
    handoffs = render._QuickHandoffs()
    handoffs.enter()
    handoffs.enter()  # a second build's renders, in another thread
    handoffs.leave()
    assert sys.getswitchinterval() == render.HANDOFF_INTERVAL
    handoffs.leave()
    assert sys.getswitchinterval() == before


def test_a_render_process_exempts_what_it_loaded_from_the_cyclic_collector() -> None:
    """WeasyPrint and quizgen, loaded by the fork server, live as long as the render process."""
    code = (
        "import gc, multiprocessing; from quizgen.targets.pdf import render; "
        "end, _ = multiprocessing.Pipe(duplex=False); render.exit_with_build(end); "
        "print(gc.get_freeze_count() > 1000)"
    )
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == "True"


def test_the_earliest_failed_render_is_raised(tmp_path: Path) -> None:
    refused = '<link rel="stylesheet" href="http://example.org/x.css">'
    jobs = [job(tmp_path, "Gut"), job(tmp_path, "Schlecht", refused), job(tmp_path, "Gut2")]
    with pytest.raises(TargetError, match=r"^questions/b.yaml: error: Schlecht.pdf: the PDF may"):
        render_all(jobs, 3, 2)


def test_refused_jobs_are_told_before_a_failed_render(tmp_path: Path) -> None:
    # as with one job, where every job is made (and its links checked) before the first render
    refused = '<link rel="stylesheet" href="http://example.org/x.css">'

    def jobs() -> Iterator[RenderJob]:
        yield job(tmp_path, "Schlecht", refused)
        yield job(tmp_path, "Gut")
        yield job(tmp_path, "Gut2")
        raise TargetError("questions/b.yaml:3:4: error: a refused link")

    with pytest.raises(TargetError, match="a refused link"):
        render_all(jobs(), 3, 2)


def test_the_next_job_is_made_while_a_render_process_renders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # so that the render process need not wait for its HTML when it is done
    done: list[None] = []
    made_after: list[int] = []  # how many PDFs were done when each job was made
    third_made = threading.Event()
    real, build = render.render_pdf, os.getpid()

    def held_here(job: RenderJob) -> bytes:
        if os.getpid() == build:  # this process's render ends only once the third job is made
            third_made.wait(10)
        return real(job)

    # pickled by name for the render process, which finds its own (real) render_pdf
    held_here.__module__, held_here.__qualname__ = real.__module__, real.__qualname__
    monkeypatch.setattr(render, "render_pdf", held_here)

    def jobs() -> Iterator[RenderJob]:
        for number in range(4):
            made_after.append(len(done))
            if number == 2:
                third_made.set()
            yield job(tmp_path, f"Dokument{number}")

    made = render_all(jobs(), 4, 2, lambda: done.append(None))
    # this process's, the render process's, and the next one while that renders
    assert made_after[:3] == [0, 0, 0]
    assert [text_of(pdf) for _, pdf in made] == [f"Dokument{number}" for number in range(4)]


def test_jobs_are_handed_out_in_their_order_when_one_is_slow_to_make(tmp_path: Path) -> None:
    # so the earliest refused document is the one told, however the renders fall
    refused = '<link rel="stylesheet" href="http://example.org/x.css">'

    def jobs() -> Iterator[RenderJob]:
        for _ in range(2):  # quick here, long in the render process: this process asks first
            here = threading.current_thread() is threading.main_thread()
            yield job(tmp_path, "Gut" if here else " ".join(["Lang"] * 20000))
        time.sleep(0.3)  # the third job's HTML is slow to make: this process waits for it
        yield job(tmp_path, "Schlecht2", refused)
        yield job(tmp_path, "Schlecht3", refused)

    render_all([job(tmp_path, "Warm"), job(tmp_path, "Warm2")], 2, 2)  # (the fork server warm)
    with pytest.raises(TargetError, match=r"error: Schlecht2.pdf: the PDF may not load"):
        render_all(jobs(), 4, 2)


def test_of_variants_each_key_is_rendered_before_its_worksheet() -> None:
    # the key takes longer: the last render to start is then a short one
    assert render_order(documents(2)) == [
        ("key", 1),
        ("worksheet", 1),
        ("key", 2),
        ("worksheet", 2),
    ]
    assert render_order(documents(0)) == [("worksheet", 0), ("key", 0)]  # as listed


def test_the_record_holds_the_templates_of_every_render_with_one_job_or_two(
    tmp_path: Path,
) -> None:
    # documents made in the render processes' feeder threads too: an edit to one rebuilds
    records = []
    for jobs in ("1", "2"):
        root = copy_project(tmp_path / jobs, "mini")
        result = run_cli(root, "build", "--only", "pdf", "--variants", "2", "--jobs", jobs)
        assert result.exit_code == 0, result.output
        units = json.loads((root / "output" / ".quizgen-record.json").read_text())["units"]
        records.append({key: unit["templates"] for key, unit in units.items() if "pdf" in key})
    assert "pdf/grid.html" in records[0]["pdf:lighthouse"]
    assert records[1] == records[0]


def test_a_documents_own_fonts_do_not_reach_the_next_one(tmp_path: Path) -> None:
    """Renders share a font configuration only until one adds fonts (@font-face) of its own."""
    import shutil

    shutil.copy("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", tmp_path / "quiz.ttf")
    face = "<style>@font-face { font-family: Quiz; src: url(quiz.ttf) }</style>"
    uses = "<style>p { font-family: Quiz, serif }</style>"
    own = job(tmp_path, "own", face + uses)
    other = job(tmp_path, "other", uses)  # no @font-face: Quiz is not a font it can have
    alone = dict(render_all([other], 1, 1))[other]
    after = dict(render_all([own, other, other], 3, 1))
    assert "Quiz" in fonts_of(after[own])
    assert "Quiz" not in fonts_of(alone)
    assert after[other] == alone


def fonts_of(pdf: bytes) -> str:
    """Return the names of the fonts a one-page PDF embeds."""
    fonts = PdfReader(io.BytesIO(pdf)).pages[0]["/Resources"]["/Font"]
    return " ".join(str(font.get_object()["/BaseFont"]) for font in fonts.values())
