"""Candidate questions from the facts found in each sentence: gaps, acronyms, lists, false statements."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from itertools import count

from quizgen.draft import countries as c
from quizgen.draft.language import Language
from quizgen.draft.names import Name, find_names, is_title, long_form, surnames_of
from quizgen.draft.quantities import (
    Quantity,
    bank_number,
    changed_number,
    find_dates,
    find_quantities,
    is_year,
)
from quizgen.draft.sentences import Sentence

# How useful a kind of candidate is, judged on trial texts: the ranking starts from these.
WEIGHTS = {
    "acronym": 10.0,
    "number": 9.0,
    "numeric": 9.0,
    "countries": 9.0,
    "acronyms": 10.5,  # one question on three long forms outranks each asked alone
    "titles": 9.5,
    "date": 9.0,
    "list": 9.0,
    "false-number": 8.5,
    "person": 7.5,
    "false-person": 7.0,
    "false-list": 6.5,
    "org": 6.0,
    "false-country": 5.5,
    "name": 5.0,
    "abbreviation": 5.0,
    "country": 4.0,
}
_MARKDOWN = re.compile(r"([\\*_`<\[\]~])")
_LIST_GLUE = re.compile(
    r"\s*(?:,\s*|,?\s+(?:und|sowie|oder|and|or)\s+)(?:(?:der|die|das|den|the)\s+)?"
)


@dataclass(frozen=True)
class Candidate:
    """One drafted question: its kind, what it asks about (for ranking), and its fields."""

    kind: str
    sentence: int
    span: tuple[int, int]  # what in the sentence it asks about: two on one span ask the same
    answer: str
    score: float
    fields: dict[str, object] = field(compare=False)
    # what else it asks about, in other sentences: a match question asks a whole passage
    also: tuple[tuple[int, tuple[int, int]], ...] = ()

    def places(self) -> tuple[tuple[int, tuple[int, int]], ...]:
        """Return every (sentence, span) it asks about."""
        return ((self.sentence, self.span), *self.also)


def escape(text: str) -> str:
    """Return plain text as Markdown that shows it as it is."""
    return _MARKDOWN.sub(r"\\\1", text)


@dataclass
class _Facts:
    """What the whole text names, used across sentences (surnames, acronyms, people)."""

    surnames: set[str]
    long_forms: dict[str, tuple[int, str]]  # acronym -> (sentence index, long form)
    people: list[str]
    countries: set[str]
    # (sentence index, the title's start, the person's name span, title, name): "Präsident Putin"
    titled: list[tuple[int, int, Name, str]]


def draft_candidates(found: list[Sentence], language: Language) -> list[Candidate]:
    """Return every candidate the rules find, unranked."""
    facts = _facts(found, language)
    turns = _Turns(count(), count(), count())
    candidates: list[Candidate] = []
    for sentence in found:
        if "[" in sentence.text or "]" in sentence.text:
            continue  # a cloze could not show it; rare in prose
        candidates += _sentence_candidates(sentence, language, facts, turns)
    candidates += _matches(found, language, facts)
    return candidates


@dataclass(frozen=True)
class _Turns:
    """Counters that make alternatives take turns over the text, so that each kind occurs."""

    statement: count[int]  # a gap, or a false statement (numbers, people)
    numeric: count[int]  # a number as a cloze gap, or as a numeric question
    listed: count[int]  # a list as "which is missing" and a false list, or "which are named"


def _facts(found: list[Sentence], language: Language) -> _Facts:
    texts = [s.text for s in found]
    surnames = surnames_of(texts, language)
    long_forms: dict[str, tuple[int, str]] = {}
    people: list[str] = []
    mentioned: set[str] = set()
    titled: list[tuple[int, int, Name, str]] = []
    for sentence in found:
        mentions = c.find_countries(sentence.text, language.code)
        mentioned |= {m.code for m in mentions}
        taken = [(m.start, m.end) for m in mentions]
        for name in find_names(sentence.text, language, taken, surnames, set()):
            if name.kind == "acronym" and name.text not in long_forms:
                long = long_form(sentence.text, name.start, name.text, language)
                if long:
                    long_forms[name.text] = (sentence.index, long)
            if name.kind == "person" and " " in name.text and name.text not in people:
                people.append(name.text)
            title = _title_before(sentence.text, name, language)
            if name.kind == "person" and title:
                titled.append((sentence.index, name.start - len(title) - 1, name, title))
    return _Facts(surnames, long_forms, people, mentioned, titled)


def _title_before(text: str, name: Name, language: Language) -> str:
    """Return the title written right before a name ("Präsident Wladimir Putin"), or ''."""
    before = text[: name.start]
    if not before.endswith(" "):
        return ""
    word = before[:-1].rsplit(" ", 1)[-1]
    return word if word[:1].isupper() and is_title(word, language) else ""


def _sentence_candidates(
    sentence: Sentence, language: Language, facts: _Facts, turns: _Turns
) -> list[Candidate]:
    text = sentence.text
    found: list[Candidate] = []
    mentions = c.find_countries(text, language.code)
    dates = find_dates(text, language)
    taken = [(m.start, m.end) for m in mentions] + [(d.start, d.end) for d in dates]
    for date in dates:
        found.append(_gap(sentence, "date", date.start, date.end, language))
    for quantity in find_quantities(text, language, taken):
        false_first = next(turns.statement) % 2 == 1
        numeric = _numeric(sentence, quantity, language)
        # the gap side of this turn is a numeric question every other time
        as_numeric = numeric is not None and not false_first and next(turns.numeric) % 2 == 0
        gap = _gap(sentence, "number", quantity.start, quantity.end, language, false_first)
        found.append(replace(gap, score=gap.score - (1.5 if as_numeric else 0.0)))
        if numeric is not None:
            lower = (0.0 if as_numeric else 1.5) + (1.5 if false_first else 0.0)
            found.append(replace(numeric, score=numeric.score - lower))
        changed = changed_number(quantity.text, quantity.unit, language)
        if changed:
            found.append(
                _false(
                    sentence,
                    "false-number",
                    quantity.start,
                    quantity.end,
                    changed,
                    language,
                    bonus=1.0 if false_first else 0.0,
                )
            )
    names = find_names(text, language, taken, facts.surnames, set(facts.long_forms))
    found += _name_candidates(sentence, names, language, facts, turns.statement)
    items = _list_of(mentions, text)
    found += _list_candidates(sentence, items, language, facts, turns.listed)
    listed = {(m.start, m.end) for m in items}
    for mention in mentions:
        if (mention.start, mention.end) in listed:
            continue
        found.append(_gap(sentence, "country", mention.start, mention.end, language))
        found += _country_swap(sentence, mention, language, facts)
    return found


def _name_candidates(
    sentence: Sentence, names: list[Name], language: Language, facts: _Facts, turn: count[int]
) -> list[Candidate]:
    found = []
    long_forms = {long for _index, long in facts.long_forms.values()}
    for name in names:
        if name.text in long_forms:
            continue  # "what does ATACMS stand for" asks it
        if name.kind == "acronym":
            where = facts.long_forms.get(name.text)
            if where and where[0] == sentence.index:
                found.append(_acronym(sentence, name, where[1], language))
            elif name.text in facts.long_forms or len(name.text) >= 3:
                found.append(_gap(sentence, "abbreviation", name.start, name.end, language))
            continue
        if name.kind == "person":
            false_first = next(turn) % 2 == 1
            found.append(_gap(sentence, "person", name.start, name.end, language, false_first))
            found += _person_swap(sentence, name, language, facts, false_first)
            continue
        found.append(_gap(sentence, name.kind, name.start, name.end, language))
    return found


def _numeric(sentence: Sentence, quantity: Quantity, language: Language) -> Candidate | None:
    """Return "which number is missing", the unit shown after the box; not for a year."""
    text = sentence.text
    if is_year(quantity.text) or text.count(quantity.text) > 1:
        return None  # the prompt would still show the number
    blanked = _left_out(text, quantity.start, quantity.end, language)
    fields: dict[str, object] = {
        "type": "numeric",
        "prompt": language.numeric_prompt.format(sentence=blanked),
        "answer": bank_number(quantity.text, language),
        "tolerance": "0",
    }
    if quantity.unit:
        fields["unit"] = quantity.unit
    fields["source"] = text
    return Candidate(
        "numeric",
        sentence.index,
        (quantity.start, quantity.end),
        quantity.text,
        WEIGHTS["numeric"],
        fields,
    )


def _left_out(text: str, start: int, end: int, language: Language) -> str:
    """Return the sentence as Markdown with "…" in place of its part from start to end."""
    rest = text[end:]
    if rest == ".":
        rest = ""  # the ellipsis ends the sentence: "umfassen …", not "umfassen …."
    return escape(text[:start]) + language.gap + escape(rest)


def _gap(
    sentence: Sentence, kind: str, start: int, end: int, language: Language, lower: bool = False
) -> Candidate:
    text = sentence.text
    answer = text[start:end]
    cloze = f"{escape(text[:start])}[[{answer}]]{escape(text[end:])}"
    return Candidate(
        kind,
        sentence.index,
        (start, end),
        answer,
        WEIGHTS[kind] - (1.5 if lower else 0.0),
        {"type": "cloze", "prompt": language.cloze_prompt, "text": cloze, "source": text},
    )


def _false(
    sentence: Sentence,
    kind: str,
    start: int,
    end: int,
    replacement: str,
    language: Language,
    *,
    framed: bool = False,
    bonus: float = 0.0,
) -> Candidate:
    """Return a false statement: the sentence with one fact changed."""
    text = sentence.text
    changed = text[:start] + replacement + text[end:]
    prompt = escape(changed)
    if framed:
        prompt = language.list_frame.format(sentence=prompt)
    original = text[start:end]
    if language.code == "de":
        explanation = f"Im Text steht „{original}“, nicht „{replacement}“."
    else:
        explanation = f"The text says “{original}”, not “{replacement}”."
    return Candidate(
        kind,
        sentence.index,
        (start, end),
        original,
        WEIGHTS[kind] + bonus,
        {
            "type": "truefalse",
            "prompt": prompt,
            "answer": "false",
            "explanation": escape(explanation),
            "source": text,
        },
    )


def _acronym(sentence: Sentence, name: Name, long: str, language: Language) -> Candidate:
    start = sentence.text.find(long)
    return Candidate(
        "acronym",
        sentence.index,
        (min(start, name.start), max(start + len(long), name.end)),
        long,
        WEIGHTS["acronym"],
        {
            "type": "short",
            "prompt": language.acronym_prompt.format(acronym=name.text),
            "answer": long,
            "source": sentence.text,
        },
    )


def _person_swap(
    sentence: Sentence, name: Name, language: Language, facts: _Facts, first: bool
) -> list[Candidate]:
    """Return the statement with another person of the text in this one's place."""
    here = sentence.text
    for other in facts.people:
        if other in here or name.text in other or other.endswith(" " + name.text):
            continue
        replacement = other if " " in name.text else other.split()[-1]
        if replacement in here:
            continue
        return [
            _false(
                sentence,
                "false-person",
                name.start,
                name.end,
                replacement,
                language,
                bonus=1.0 if first else 0.0,
            )
        ]
    return []


def _list_of(mentions: list[c.Mention], text: str) -> list[c.Mention]:
    """Return the longest run of at least three countries joined only by commas and 'and'."""
    best: list[c.Mention] = []
    run: list[c.Mention] = []
    for mention in mentions:
        if run and _LIST_GLUE.fullmatch(text[run[-1].end : mention.start]):
            run.append(mention)
        else:
            run = [mention]
        if len(run) > len(best):
            best = list(run)
    return best if len(best) >= 3 else []


def _list_candidates(
    sentence: Sentence,
    items: list[c.Mention],
    language: Language,
    facts: _Facts,
    turn: count[int],
) -> list[Candidate]:
    """Return which-country-is-missing and a false list, on two different items, and which
    countries the list names; the two ask the same list, so they take turns over the text."""
    if not items:
        return []
    found = _missing_country(sentence, items, language, facts)
    named = _named_countries(sentence, items, language, facts)
    if named is not None:
        if next(turn) % 2 == 0:
            found = [replace(f, score=f.score - 1.5) for f in found]
        else:
            named = replace(named, score=named.score - 1.5)
        found.append(named)
    return found


def _named_countries(
    sentence: Sentence, items: list[c.Mention], language: Language, facts: _Facts
) -> Candidate | None:
    """Return "which countries does the text name here": the list's countries right, others of
    their regions that the text does not name wrong."""
    code = language.code
    text = sentence.text
    start, end = items[0].start, items[-1].end
    article = re.search(r"(?:^|\s)((?:der|die|das|den|the)\s)$", text[:start], re.IGNORECASE)
    if article:
        start -= len(article.group(1))
    right = [c.country_name(m.code, code) for m in items]
    wrong: list[str] = []
    avoid = set(facts.countries)
    for mention in items:
        for other in c.similar_countries(mention.code, code, avoid, 1):
            wrong.append(c.country_name(other, code))
            avoid.add(other)
        if len(wrong) == 3:
            break
    if len(wrong) < 2 or len(set(right)) < len(right):
        return None
    blanked = _left_out(text, start, end, language)
    return Candidate(
        "countries",
        sentence.index,
        (start, end),
        ", ".join(right),
        WEIGHTS["countries"],
        {
            "type": "multiple",
            "prompt": language.countries_prompt.format(sentence=blanked),
            "correct": right,
            "wrong": wrong,
            "source": text,
        },
    )


def _missing_country(
    sentence: Sentence, items: list[c.Mention], language: Language, facts: _Facts
) -> list[Candidate]:
    """Return which-country-is-missing and a false list, on two different items."""
    code = language.code
    free = [m for m in items if m.base and not c.needs_article(m.code, code)]
    if not free:
        return []
    found = []
    asked = free[len(free) // 2]
    wrong = c.similar_countries(asked.code, code, facts.countries, 3)
    if len(wrong) >= 2:
        text = sentence.text
        blanked = escape(text[: asked.start]) + language.blank + escape(text[asked.end :])
        found.append(
            Candidate(
                "list",
                sentence.index,
                (asked.start, asked.end),
                asked.text,
                WEIGHTS["list"],
                {
                    "type": "single",
                    "prompt": language.list_prompt.format(sentence=blanked),
                    "correct": asked.text,
                    "wrong": [c.country_name(w, code) for w in wrong],
                    "source": text,
                },
            )
        )
    others = [m for m in free if m is not asked] or free
    swapped = others[-1]
    avoid = facts.countries | set(wrong)
    replacement = c.similar_countries(swapped.code, code, avoid, 1)
    if replacement:
        name = c.country_name(replacement[0], code)
        found.append(
            _false(sentence, "false-list", swapped.start, swapped.end, name, language, framed=True)
        )
    return found


def _country_swap(
    sentence: Sentence, mention: c.Mention, language: Language, facts: _Facts
) -> list[Candidate]:
    """Return the statement with another article-free country of the text in this one's place."""
    code = language.code
    if not mention.base or c.needs_article(mention.code, code):
        return []
    here = {m.code for m in c.find_countries(sentence.text, code)}
    others = [o for o in sorted(facts.countries - here) if not c.needs_article(o, code)]
    if not others:
        return []
    name = c.country_name(c.closest(mention.code, others), code)
    return [
        _false(sentence, "false-country", mention.start, mention.end, name, language, framed=True)
    ]


_MATCH_SENTENCES = 3  # a longer passage is no longer one quote a student reads at once
_MATCH_PAIRS = 5


def _matches(found: list[Sentence], language: Language, facts: _Facts) -> list[Candidate]:
    """Return match questions on three or more acronyms, or titled people, of one passage."""
    acronyms: list[tuple[int, tuple[int, int], str, str]] = []
    for acronym, (index, long) in facts.long_forms.items():
        text = found[index].text
        at, where = text.find(acronym), text.find(long)
        span = (min(at, where), max(at + len(acronym), where + len(long)))
        acronyms.append((index, span, acronym, long))
    titled = [
        (index, (start, name.end), name.text, title) for index, start, name, title in facts.titled
    ]
    found_matches = []
    for kind, prompt, pairs in (
        ("acronyms", language.acronyms_prompt, sorted(acronyms)),
        ("titles", language.titles_prompt, titled),
    ):
        found_matches += _passage_matches(found, kind, prompt, pairs)
    return found_matches


def _passage_matches(
    found: list[Sentence],
    kind: str,
    prompt: str,
    pairs: list[tuple[int, tuple[int, int], str, str]],
) -> list[Candidate]:
    """Return a match question for each passage of up to three sentences with three pairs."""
    matches = []
    first = 0
    while first < len(found):
        window = [found[first]]
        chosen: list[tuple[int, tuple[int, int], str, str]] = []
        for sentence in found[first : first + _MATCH_SENTENCES]:
            if sentence.passage != found[first].passage:
                break
            if sentence is not found[first]:
                window.append(sentence)
            chosen = _distinct([p for p in pairs if window[0].index <= p[0] <= sentence.index])
            if len(chosen) >= 3:
                break
        if len(chosen) < 3:
            first += 1
            continue
        chosen = chosen[:_MATCH_PAIRS]
        places = tuple((index, span) for index, span, _left, _right in chosen)
        matches.append(
            Candidate(
                kind,
                places[0][0],
                places[0][1],
                " / ".join(left for _index, _span, left, _right in chosen),
                WEIGHTS[kind],
                {
                    "type": "match",
                    "prompt": prompt,
                    "pairs": {escape(left): escape(right) for _i, _s, left, right in chosen},
                    "source": " ".join(s.text for s in window),
                },
                places[1:],
            )
        )
        first = window[-1].index + 1
    return matches


def _distinct(
    pairs: list[tuple[int, tuple[int, int], str, str]],
) -> list[tuple[int, tuple[int, int], str, str]]:
    """Return the pairs whose left and right sides are each new: a match needs both distinct."""
    lefts: set[str] = set()
    rights: set[str] = set()
    kept = []
    for pair in pairs:
        if pair[2] in lefts or pair[3] in rights:
            continue
        lefts.add(pair[2])
        rights.add(pair[3])
        kept.append(pair)
    return kept
