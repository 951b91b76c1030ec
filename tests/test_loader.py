"""The loader on valid input: text stays text, numbers only where the schema says so."""

from __future__ import annotations

import gc
from decimal import Decimal
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizgen.bank.loader import load_bank
from quizgen.errors import Problem
from quizgen.project import load_project
from tests.bank_strategies import SOURCE, SOURCE_TEXT, GeneratedBank, mutated_banks, valid_banks
from tests.harness import copy_project

# Property tests run the same examples everywhere (CI included) and never time out on a busy machine.
PROPERTY = {
    "deadline": None,
    "derandomize": True,
    "database": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture],
}


def _load(tmp_path: Path, old: str = "", new: str = ""):
    """Load the surprises bank, with `old` replaced by `new` in its text."""
    root = copy_project(tmp_path, "cat", add=["surprises"])
    path = root / "questions" / "bank.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    return load_bank(path, root, {})


def test_text_keeps_its_spelling(tmp_path: Path) -> None:
    bank, problems = _load(tmp_path)
    assert problems == []
    assert bank.title == "2024-11-20"
    assert bank.tags == ("NO", "on", "1.10")
    norway = bank.questions[0]
    assert norway.prompt == "12:30"
    assert [c.text for c in norway.choices] == [
        "NO",
        "on",
        "1.10",
        "0777",
        "2024-11-20",
        "12:30",
        "~",
        "null",
    ]
    assert bank.questions[2].prompt == "Yes"


def test_decimal_comma_in_german_bank(tmp_path: Path) -> None:
    bank, _ = _load(tmp_path)
    length = bank.questions[1]
    assert length.answer == Decimal("3.5")
    assert length.tolerance == Decimal("0.25")
    assert length.accepts(Decimal("3.7")) and not length.accepts(Decimal("3.8"))


def test_boolean_only_where_declared(tmp_path: Path) -> None:
    bank, _ = _load(tmp_path)
    assert bank.questions[2].answer is False


def test_repository_banks_are_clean() -> None:
    result = load_project(Path(__file__).parent.parent)
    assert result.problems == []  # not even a warning: `quizgen check --strict` passes
    assert [b.id for b in result.banks] == ["atacms"]


def test_atacms_bank_meets_the_curation_brief() -> None:
    (bank,) = load_project(Path(__file__).parent.parent).banks
    counts = bank.question_counts()
    assert len(bank.questions) >= 40
    assert min(counts.values()) >= 3
    assert all(q.source and q.explanation for q in bank.questions)


@settings(max_examples=200, **PROPERTY)
@given(
    st.one_of(
        st.text(),
        st.binary(),
        st.builds(
            yaml.safe_dump,
            st.recursive(
                st.none() | st.booleans() | st.integers() | st.text(),
                lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner),
                max_leaves=20,
            ),
        ),
    )
)
def test_arbitrary_input_only_gives_problems(tmp_path: Path, data: str | bytes) -> None:
    """Whatever a bank file holds, the loader returns problems; it never raises."""
    root = tmp_path / "fuzz"
    (root / "questions").mkdir(parents=True, exist_ok=True)
    path = root / "questions" / "fuzz.yaml"
    path.write_bytes(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
    bank, problems = load_bank(path, root, {})
    assert all(isinstance(p, Problem) for p in problems)
    assert bank is None or not [p for p in problems if p.severity == "error"]


@settings(max_examples=100, **PROPERTY)
@given(
    st.dictionaries(
        st.sampled_from(
            ["bank", "title", "language", "source", "questions", "tags", "deck", "extra"]
        ),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.text(max_size=20),
            lambda inner: (
                st.lists(inner, max_size=3)
                | st.dictionaries(
                    st.sampled_from(
                        [
                            "id",
                            "type",
                            "prompt",
                            "source",
                            "correct",
                            "wrong",
                            "answer",
                            "text",
                            "pairs",
                            "items",
                            "points",
                            "tolerance",
                            "choices",
                        ]
                    ),
                    inner,
                    max_size=6,
                )
            ),
            max_leaves=25,
        ),
    )
)
def test_bank_shaped_input_only_gives_problems(tmp_path: Path, data: dict) -> None:
    """Near-valid banks, the likelier mistakes, also give only problems."""
    root = tmp_path / "fuzz"
    (root / "questions").mkdir(parents=True, exist_ok=True)
    (root / "seeds").mkdir(exist_ok=True)
    (root / "seeds" / "t.txt").write_text("The cat sat on the mat.", encoding="utf-8")
    path = root / "questions" / "fuzz.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    bank, problems = load_bank(path, root, {})
    assert all(isinstance(p, Problem) for p in problems)
    assert (bank is None) == any(p.severity == "error" for p in problems)


def test_unusable_source_path_is_a_problem(tmp_path: Path) -> None:
    bank, problems = _load(tmp_path, "source: seeds/text.txt", "source: seeds/" + "x" * 300)
    assert bank is None
    assert "does not exist" in problems[0].message


DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's is faster, when there


def _load_generated(tmp_path: Path, data: dict) -> tuple[object, list[Problem], str]:
    """Write a generated bank into a project of its own and load it; return the file's text too."""
    root = tmp_path / "generated"
    (root / "questions").mkdir(parents=True, exist_ok=True)
    (root / "seeds").mkdir(exist_ok=True)
    (root / SOURCE).write_text(SOURCE_TEXT, encoding="utf-8")
    text = yaml.dump(data, Dumper=DUMPER, allow_unicode=True, sort_keys=False, width=10**6)
    path = root / "questions" / "fuzz.yaml"
    path.write_text(text, encoding="utf-8")
    bank, problems = load_bank(path, root, {})
    return bank, problems, text


@settings(max_examples=30, **PROPERTY)
@given(valid_banks())
def test_valid_bank_of_every_type_loads_with_its_values(
    tmp_path: Path, generated: GeneratedBank
) -> None:
    """A valid bank loads with no problem at all, and every value arrives as it was written."""
    bank, problems, text = _load_generated(tmp_path, generated.data)
    assert problems == [], text
    assert (bank.id, bank.title, bank.language) == tuple(
        generated.data[k] for k in ("bank", "title", "language")
    )
    assert bank.description == generated.data.get("description", "")
    assert bank.tags == tuple(generated.data.get("tags", ()))
    assert [q.type for q in bank.questions] == [q.data["type"] for q in generated.questions]
    for question, wanted in zip(bank.questions, generated.questions, strict=True):
        for name, value in wanted.expected.items():
            assert getattr(question, name) == value, (question.id, name, text)


@settings(max_examples=20, **PROPERTY)
@given(mutated_banks())
def test_one_changed_field_loads_or_gives_located_problems(
    tmp_path: Path, variants: list[dict]
) -> None:
    """Change one field of a valid bank: it still loads, or every problem points into the file."""
    for data in variants:
        bank, problems, text = _load_generated(tmp_path, data)
        lines = text.count("\n") + 1
        for problem in problems:
            where = problem.location
            assert where.path == "questions/fuzz.yaml", (str(problem), text)
            assert 1 <= where.line <= lines and where.column >= 1, (str(problem), text)
        assert (bank is None) == any(p.severity == "error" for p in problems), text


def cloze_numbers(tmp_path: Path, text: str, removed: str = "") -> tuple[int, ...]:
    """Return the card numbers of a cloze question as the loader reads them."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    root = copy_project(tmp_path, "cat")
    bank = (
        "bank: gaps\ntitle: Gaps\nlanguage: en\nsource: seeds/text.txt\nquestions:\n"
        "  - id: q\n    type: cloze\n    source: The cat sat on the mat.\n"
        f'    text: "{text}"\n    answer_in_quote: false\n'
        + (f"    removed_gaps: {removed}\n" if removed else "")
    )
    (root / "questions").mkdir(exist_ok=True)
    (root / "questions" / "gaps.yaml").write_text(bank, encoding="utf-8")
    (loaded,) = load_project(root, ("gaps",)).banks
    return loaded.questions[0].card_numbers


def test_gaps_without_numbers_count_in_reading_order_past_removed_ones(tmp_path: Path) -> None:
    assert cloze_numbers(tmp_path / "a", "[[cat]] [[sat]] [[mat]]") == (1, 2, 3)
    # a gap added after gap 3 was removed gets 4, never the removed gap's card
    assert cloze_numbers(tmp_path / "b", "[[cat]] [[sat]] [[mat]]", "[3]") == (1, 2, 4)
    assert cloze_numbers(tmp_path / "c", "[[cat]] [[sat]]", "[1, 2]") == (3, 4)


def test_numbered_gaps_keep_their_numbers_and_no_space_means_an_answer(tmp_path: Path) -> None:
    assert cloze_numbers(tmp_path / "a", "[[1: cat]] [[4: sat]] [[3: mat]]") == (1, 4, 3)
    root = tmp_path / "b"
    assert cloze_numbers(root, "[[1:n]] [[12:30]]") == (1, 2)
    (question,) = load_project(root / "cat", ("gaps",)).banks[0].questions
    assert [gap.answer for gap in question.gaps] == ["1:n", "12:30"]


def test_reading_a_bank_leaves_the_collector_as_it_found_it(tmp_path: Path) -> None:
    """The loader pauses the cyclic collector and hands what it made to the oldest generation:
    a caller's own frozen objects stay frozen, and a collector switched off stays off."""
    gc.collect()
    gc.freeze()  # what a caller froze (the CLI, a build)
    frozen = gc.get_freeze_count()
    try:
        bank, _ = _load(tmp_path)
        assert bank is not None
        assert gc.get_freeze_count() == frozen and gc.isenabled()
        gc.disable()
        _load(tmp_path / "again")
        assert not gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()


def test_what_a_bank_was_read_into_goes_to_the_oldest_generation(tmp_path: Path) -> None:
    """Else the first allocation after reading would walk it all as young objects."""
    bank, _ = _load(tmp_path)
    assert any(found is bank for found in gc.get_objects(generation=2))
