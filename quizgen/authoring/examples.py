"""Draw one example question of every type from a source text, each quoting its sentence.

Rule-based and plain on purpose: a starter bank shows the teacher each type's fields on their
own article, to be rewritten. Every builder yields candidates, best first, and ends with a
placeholder that is valid for any text; the starter keeps the first that `check` passes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from quizgen.answers.numbers import uses_decimal_comma
from quizgen.authoring.language_guess import STOP_WORDS

Value = str | list[str] | dict[str, str] | bool


@dataclass(frozen=True)
class Example:
    """One question of the starter bank: its fields in order, and the comment above it."""

    type: str
    fields: dict[str, Value]
    comment: str
    placeholder: bool = False
    raw: frozenset[str] = field(default_factory=frozenset)  # fields written unquoted (numbers)


@dataclass(frozen=True)
class Text:
    """The sentences of a source text that make good examples, and how to write prompts."""

    sentences: tuple[str, ...]  # each with its whitespace collapsed, all found in the source
    passages: tuple[tuple[int, ...], ...]  # runs of consecutive sentences quotable as one
    language: str

    @property
    def words(self) -> dict[str, str]:
        """Return the prompts in the bank's language (English for a language without its own)."""
        return PROMPTS.get(self.language.split("-")[0].lower(), PROMPTS["en"])

    def quoted(self, text: str) -> str:
        """Return text in the language's quotation marks."""
        marks = self.words["quotes"]
        return f"{marks[0]}{text}{marks[1]}"

    def order(self, start: float) -> list[int]:
        """Return every sentence index, from a point of the text on (so examples spread out)."""
        first = int(start * len(self.sentences))
        return [*range(first, len(self.sentences)), *range(first)]


PROMPTS = {
    "de": {
        "quotes": "„“",
        "cloze": "Ergänze die Lücke.",
        "word": "Welches Wort fehlt? {quote}",
        "number": "Welche Zahl fehlt? {quote}",
        "several": "Welche nennt der Text an der Stelle „…“? {quote}",
        "words": "Welche Wörter fehlen? {quote}",
        "not_said": "Der Text nennt {right}, nicht {wrong}.",
        "match": "Welches Satzende gehört zu welchem Satzanfang?",
        "order": "In welcher Reihenfolge stehen diese Sätze im Text?",
        "order_words": "In welcher Reihenfolge stehen diese Wörter im Satz? {quote}",
        "count": "Wie viele Wörter hat dieser Satz? {quote}",
        "wrong": "(eine falsche Antwort)",
        "left": "(links {n})",
        "right": "(rechts {n})",
        "placeholder": "PLATZHALTER: Frage hier formulieren. {quote}",
    },
    "en": {
        "quotes": "“”",
        "cloze": "Fill in the gap.",
        "word": "Which word is missing? {quote}",
        "number": "Which number is missing? {quote}",
        "several": "Which does the text name at “…”? {quote}",
        "words": "Which words are missing? {quote}",
        "not_said": "The text says {right}, not {wrong}.",
        "match": "Which ending belongs to which beginning?",
        "order": "In which order does the text say these sentences?",
        "order_words": "In which order do these words stand in the sentence? {quote}",
        "count": "How many words does this sentence have? {quote}",
        "wrong": "(a wrong answer)",
        "left": "(left {n})",
        "right": "(right {n})",
        "placeholder": "PLACEHOLDER: write your question here. {quote}",
    },
}

BLANK = "___"
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_NUMBER = re.compile(r"(?<![\w.,:/-])\d{1,9}(?:[.,]\d{1,6})?(?![\w]|[.,:/]\d)")
_CAPITAL = re.compile(r"[A-ZÄÖÜ]")
_ACRONYM = re.compile(r"[A-ZÄÖÜ]{2,8}")
# "Südkorea, Taiwan, Rumänien und Polen": names (capitalised words) joined by commas and a last
# "und"/"and"; an article before the last is left out of it
_NAME = r"[A-ZÄÖÜ][\w-]*(?: [A-ZÄÖÜ][\w-]*){0,3}"
_ENUMERATION = re.compile(
    rf"(?<![\w-])({_NAME}(?:, {_NAME})+),? (?:und|oder|sowie|and|or) "
    rf"(?:(?:die|der|das|den|dem|the) )?({_NAME})(?![\w-])"
)
_FIRST_WORDS = 6  # an order item: a sentence's first words
_SHORT = 160  # characters: a sentence that makes a handy match or order item


def _words(sentence: str) -> list[re.Match[str]]:
    return list(_WORD.finditer(sentence))


def _is_stop_word(word: str) -> bool:
    return any(word.casefold() in stop for stop in STOP_WORDS.values())


def _kind(word: str) -> str:
    """Return what kind of word it is, so that distractors are of the same kind."""
    if _NUMBER.fullmatch(word):
        return "number"
    return "acronym" if _ACRONYM.fullmatch(word) else "name"


def _numbers(text: Text, sentence: str) -> list[re.Match[str]]:
    """Return the numbers of a sentence as the bank's language writes them (2,5 or 2.5; 300)."""
    mark = "," if uses_decimal_comma(text.language) else "."
    other = "." if mark == "," else ","
    return [m for m in _NUMBER.finditer(sentence) if other not in m.group()]


def _names(sentence: str) -> list[re.Match[str]]:
    """Return a sentence's acronyms and capitalised words (not the first), longest first."""
    found = [
        m
        for m in _words(sentence)[1:]
        if all(_CAPITAL.match(part) for part in m.group().split("-"))  # not "US-gelieferten"
        and len(m.group()) >= 3
        and not _is_stop_word(m.group())
    ]
    return sorted(found, key=lambda m: (not _ACRONYM.fullmatch(m.group()), -len(m.group())))


def _blanked(sentence: str, *spans: tuple[int, int]) -> str:
    """Return the sentence with each span replaced by a blank."""
    for start, end in sorted(spans, reverse=True):
        sentence = sentence[:start] + BLANK + sentence[end:]
    return sentence


def _distractors(text: Text, answer: str, sentence: str, count: int) -> list[str]:
    """Return up to `count` words of the text of the answer's kind that the sentence lacks."""
    kind = _kind(answer)
    present = {m.group().casefold() for m in (*_words(sentence), *_NUMBER.finditer(sentence))}
    found: list[str] = []
    for other in text.sentences:
        pool = (
            [m.group() for m in _numbers(text, other)]
            if kind == "number"
            else [m.group() for m in _names(other)]
        )
        for word in pool:
            folded = word.casefold()
            if (
                _kind(word) == kind
                and folded not in present
                and all(folded != f.casefold() for f in found)
            ):
                found.append(word)
    found.sort(key=lambda w: abs(len(w) - len(answer)))  # stable: text order among equals
    return found[:count]


Builder = Callable[[Text], Iterator[Example]]


def _single(text: Text) -> Iterator[Example]:
    for index in text.order(0.0):
        sentence = text.sentences[index]
        for match in [*_names(sentence), *_numbers(text, sentence)][:2]:
            wrong = _distractors(text, match.group(), sentence, 3)
            if wrong:
                prompt = text.words["word" if _kind(match.group()) != "number" else "number"]
                yield Example(
                    "single",
                    {
                        "prompt": prompt.format(
                            quote=text.quoted(_blanked(sentence, match.span()))
                        ),
                        "source": sentence,
                        "correct": match.group(),
                        "wrong": wrong,
                    },
                    "single: one right answer among distractors (wrong), here other words of the "
                    "text of the same kind.",
                )


def _multiple(text: Text) -> Iterator[Example]:
    comment = "multiple: every right answer must be ticked; wrong lists the distractors."
    for index in text.order(0.12):
        sentence = text.sentences[index]
        found = _ENUMERATION.search(sentence)
        if found is None:
            continue
        items = [*found.group(1).split(", "), found.group(2)]
        wrong = [
            w
            for w in _distractors(text, items[0], sentence, 6)
            if all(w.casefold() not in i.casefold() for i in items)
        ][:2]
        if len(set(items)) == len(items) and wrong:
            quote = text.quoted(sentence[: found.start()] + "…" + sentence[found.end() :])
            fields: dict[str, Value] = {
                "prompt": text.words["several"].format(quote=quote),
                "source": sentence,
                "correct": items,
                "wrong": wrong,
            }
            yield Example("multiple", fields, comment)
    for index in text.order(0.12):  # no enumeration: two words taken out of one sentence
        sentence = text.sentences[index]
        names = _names(sentence)[:2]
        wrong = _distractors(text, names[0].group(), sentence, 2) if len(names) == 2 else []
        if len(wrong) == 2 and names[0].group().casefold() != names[1].group().casefold():
            quote = text.quoted(_blanked(sentence, names[0].span(), names[1].span()))
            fields = {
                "prompt": text.words["words"].format(quote=quote),
                "source": sentence,
                "correct": sorted((m.group() for m in names), key=sentence.find),
                "wrong": wrong,
            }
            yield Example("multiple", fields, comment)


def _truefalse(text: Text) -> Iterator[Example]:
    for index in text.order(0.25):
        sentence = text.sentences[index]
        plain = [m for m in _numbers(text, sentence) if m.group().isdigit()]
        if not plain:
            continue
        number = int(plain[0].group())
        changed = str(number + 2 if 1900 <= number <= 2100 else number * 2 or 1)
        statement = sentence[: plain[0].start()] + changed + sentence[plain[0].end() :]
        yield Example(
            "truefalse",
            {
                "prompt": statement,
                "source": sentence,
                "answer": False,
                "explanation": text.words["not_said"].format(right=plain[0].group(), wrong=changed),
            },
            "truefalse: the prompt is the statement. This one is the sentence with a number "
            "changed, so it is false; a true one is the sentence as it stands (answer: true).",
        )
    for index in text.order(0.25):
        yield Example(
            "truefalse",
            {"prompt": text.sentences[index], "source": text.sentences[index], "answer": True},
            "truefalse: the prompt is the statement, here the sentence as the text says it. "
            "A false statement (a number, name or list item changed, answer: false) tests more.",
        )


def _cloze(text: Text) -> Iterator[Example]:
    comment = (
        "cloze: the text with gaps [[answer]]; [[answer|other]] accepts either. The prompt "
        "is optional."
    )
    for pick in (lambda s: _numbers(text, s), _names):
        for index in text.order(0.37):
            sentence = text.sentences[index]
            for match in pick(sentence)[:1]:
                start, end = match.span()
                gapped = f"{sentence[:start]}[[{match.group()}]]{sentence[end:]}"
                yield Example(
                    "cloze",
                    {"prompt": text.words["cloze"], "source": sentence, "text": gapped},
                    comment,
                )


def _short(text: Text) -> Iterator[Example]:
    for index in text.order(0.5):
        sentence = text.sentences[index]
        for match in _names(sentence)[:1]:
            quote = text.quoted(_blanked(sentence, match.span()))
            yield Example(
                "short",
                {
                    "prompt": text.words["word"].format(quote=quote),
                    "source": sentence,
                    "answer": match.group(),
                },
                "short: a typed answer, compared ignoring case; answer: [one, other] accepts "
                "several.",
            )


def _numeric(text: Text) -> Iterator[Example]:
    for index in text.order(0.62):
        sentence = text.sentences[index]
        for match in _numbers(text, sentence)[:1]:
            quote = text.quoted(_blanked(sentence, match.span()))
            yield Example(
                "numeric",
                {
                    "prompt": text.words["number"].format(quote=quote),
                    "source": sentence,
                    "answer": match.group(),
                },
                "numeric: a number; tolerance (default 0) accepts answers that far off, unit "
                "is shown after the box.",
                raw=frozenset({"answer"}),
            )


def _halves(sentence: str) -> tuple[str, str]:
    words = sentence.split(" ")
    middle = (len(words) + 1) // 2
    return " ".join(words[:middle]) + " …", "… " + " ".join(words[middle:])


def _match(text: Text) -> Iterator[Example]:
    for passage in _passages(text, 0.75, 3):
        pairs = dict(_halves(text.sentences[i]) for i in passage)
        if len(pairs) == len(passage) and len(set(pairs.values())) == len(passage):
            yield Example(
                "match",
                {
                    "prompt": text.words["match"],
                    "source": " ".join(text.sentences[i] for i in passage),
                    "pairs": pairs,
                },
                "match: left: right pairs (the right sides distinct), shuffled for the "
                "student. These are three sentences of the text cut in two.",
            )


def _order(text: Text) -> Iterator[Example]:
    for passage in _passages(text, 0.87, 4):
        items = [_first_words(text.sentences[i]) for i in passage]
        if len(set(items)) == len(items):
            yield Example(
                "order",
                {
                    "prompt": text.words["order"],
                    "source": " ".join(text.sentences[i] for i in passage),
                    "items": items,
                },
                "order: the items in the right order; students see them shuffled. Here the "
                "beginnings of consecutive sentences of the text.",
            )


def _first_words(sentence: str) -> str:
    words = sentence.split(" ")
    return sentence if len(words) <= _FIRST_WORDS + 2 else " ".join(words[:_FIRST_WORDS]) + " …"


def _passages(text: Text, start: float, size: int) -> Iterator[tuple[int, ...]]:
    """Yield runs of `size` consecutive quotable sentences (three, then two), from a point on."""
    first = int(start * len(text.passages))
    ordered = [*text.passages[first:], *text.passages[:first]]
    for wanted in (size, 3, 2):
        runs = [
            run[offset : offset + wanted]
            for run in ordered
            for offset in range(len(run) - wanted + 1)
        ]
        # short sentences first: a long one makes a long item, and a long quote
        yield from sorted(runs, key=lambda r: max(len(text.sentences[i]) for i in r) > _SHORT)


def placeholder(qtype: str, text: Text) -> Example:
    """Return a question of the type that passes check on any text, marked as a placeholder."""
    sentence = text.sentences[0]
    words = text.words
    found = _words(sentence)
    word = found[0].group() if found else sentence
    quote = text.quoted(sentence)
    comment = f"{qtype}: PLACEHOLDER, no good example found in the text; rewrite it."
    fields: dict[str, Value] = {"prompt": words["placeholder"].format(quote=quote)}
    raw: frozenset[str] = frozenset()
    if qtype in ("single", "multiple"):
        fields |= {"source": sentence, "correct": word if qtype == "single" else [word]}
        fields["wrong"] = [words["wrong"]]
    elif qtype == "truefalse":
        fields |= {"prompt": sentence, "source": sentence, "answer": True}
    elif qtype == "cloze":
        fields = {"source": sentence, "text": sentence.replace(word, f"[[{word}]]", 1)}
    elif qtype == "short":
        fields |= {"source": sentence, "answer": word}
    elif qtype == "numeric":
        fields = {
            "prompt": words["count"].format(quote=quote),
            "source": sentence,
            "answer": str(len(sentence.split())),
            "answer_in_quote": False,  # worked out from the quote, not written in it
        }
        raw = frozenset({"answer"})
    elif qtype == "match":
        # three: check warns that two pairs give themselves away
        pairs = {words["left"].format(n=n): words["right"].format(n=n) for n in (1, 2, 3)}
        fields |= {"source": sentence, "pairs": pairs}
    else:
        distinct = list(dict.fromkeys(m.group() for m in _words(sentence)))[:4]
        items = distinct if len(distinct) >= 3 else [words["left"].format(n=n) for n in (1, 2, 3)]
        fields = {
            "prompt": words["order_words"].format(quote=quote),
            "source": sentence,
            "items": items,
        }
    return Example(qtype, fields, comment, placeholder=True, raw=raw)


BUILDERS: dict[str, Builder] = {
    "single": _single,
    "multiple": _multiple,
    "truefalse": _truefalse,
    "cloze": _cloze,
    "short": _short,
    "numeric": _numeric,
    "match": _match,
    "order": _order,
}


def candidates(qtype: str, text: Text, most: int = 6) -> list[Example]:
    """Return the type's candidates on this text, best first, the placeholder last."""
    found: list[Example] = []
    for example in BUILDERS[qtype](text):
        if len(found) == most:
            break
        found.append(example)
    return [*found, placeholder(qtype, text)]


def unused_first(examples: Sequence[Example], used: set[str]) -> list[Example]:
    """Return the examples with those quoting a sentence not used yet first."""
    return sorted(examples, key=lambda e: (e.placeholder, str(e.fields["source"]) in used))
