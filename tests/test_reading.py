"""Banks read in worker processes come out exactly as read in one process, in file order."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from quizgen import reading
from quizgen.check.grounding import quote_finder
from quizgen.project import load_project
from tests.harness import copy_project

BAD = Path(__file__).parent / "fixtures" / "bad"


def test_workers_read_what_one_process_reads(tmp_path: Path, monkeypatch) -> None:
    extra = {f"{name}.yaml": (BAD / f"{name}.yaml").read_bytes() for name in ("alias", "bad-id")}
    root = copy_project(tmp_path, "repo", extra_banks=extra, add=["mini", "other-bank"])
    alone = load_project(root, jobs=1)
    readers = tmp_path / "readers"
    real = reading._read_one

    def noted(path: Path, root: Path, sources: dict, outline: bool = False) -> reading.Read:
        with readers.open("a") as noted:  # from whichever process reads
            print(os.getpid(), file=noted)
        return real(path, root, sources, outline)

    monkeypatch.setattr(reading, "_read_one", noted)
    monkeypatch.setattr(reading, "PARALLEL_BYTES", 0)
    together = load_project(root, jobs=2)
    pids = readers.read_text().split()
    assert len(pids) == 5 and str(os.getpid()) not in pids and len(set(pids)) <= 2
    assert len(together.banks) == 3 and together.problems
    assert together.banks == alone.banks
    assert [b.display_path for b in together.banks] == [b.display_path for b in alone.banks]
    assert together.problems == alone.problems
    assert together.sources == alone.sources


def test_workers_tell_where_they_found_the_quotes(tmp_path: Path, monkeypatch) -> None:
    root = copy_project(tmp_path, "repo", add=["mini", "other-bank"])
    alone = load_project(root, jobs=1)
    where = [
        [quote_finder(b.source).paragraph_numbers(q.source) for q in b.questions]
        for b in alone.banks
    ]
    quote_finder.cache_clear()
    monkeypatch.setattr(reading, "PARALLEL_BYTES", 0)
    together = load_project(root, jobs=2)
    finders = [quote_finder(b.source) for b in together.banks]
    assert finders and all(f._folded_text is None for f in finders)  # (not searched again)
    assert [
        [f.paragraph_numbers(q.source) for q in b.questions]
        for f, b in zip(finders, together.banks, strict=True)
    ] == where
    assert all(f._folded_text is None for f in finders)


@pytest.mark.parametrize("jobs", [1, 2])
def test_check_gets_outlines_of_the_banks(jobs: int, tmp_path: Path, monkeypatch) -> None:
    extra = {"bad-id.yaml": (BAD / "bad-id.yaml").read_bytes()}
    root = copy_project(tmp_path, "repo", extra_banks=extra, add=["mini", "other-bank"])
    whole = load_project(root, jobs=1)
    monkeypatch.setattr(reading, "PARALLEL_BYTES", 0)
    outlined = load_project(root, jobs=jobs, outlines=True)
    assert [b.id for b in outlined.banks] == [b.id for b in whole.banks] != []
    assert outlined.banks == [b.outline() for b in whole.banks]
    assert all(b.questions == () and b.source.text == "" for b in outlined.banks)
    assert outlined.problems == whole.problems != []


@pytest.mark.parametrize("jobs, size, files", [(1, 0, 3), (4, 0, 1), (4, 10**9, 3)])
def test_one_process_reads_small_work(
    jobs: int, size: int, files: int, tmp_path, monkeypatch
) -> None:
    monkeypatch.setattr(reading, "PARALLEL_BYTES", size)
    paths = []
    for i in range(files):
        path = tmp_path / f"b{i}.yaml"
        path.write_text("bank: x\n", encoding="utf-8")
        paths.append(path)
    read = []
    monkeypatch.setattr(reading, "_read_one", lambda path, *_: read.append(path))
    list(reading.read_banks(paths, tmp_path, jobs))
    assert read == paths  # all in this process: a worker's calls would not be seen here


def test_a_shared_source_with_errors_is_reported_as_one_process_reports_it(
    tmp_path: Path, monkeypatch
) -> None:
    root = copy_project(tmp_path, "source-latin1-shared")
    alone = load_project(root, jobs=1)
    monkeypatch.setattr(reading, "PARALLEL_BYTES", 0)
    together = load_project(root, jobs=2)
    assert any("(see its first error)" in p.message for p in alone.problems)
    assert together.problems == alone.problems
