"""Names in a sentence: people, organisations, acronyms, and other proper names.

German capitalises every noun, so a single capitalised word is taken for a name only when the
rest of the text says so (a surname of a person named in full, a title before it, an acronym);
runs of two or more capitalised words are names in both languages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quizgen.draft.language import Language, word_set

_TOKEN = re.compile(r"[^\W_](?:[\w’'.-]*[^\W_])?")
_ROMAN = re.compile(r"[IVXLC]+")
_ACRONYM = re.compile(r"[A-ZÄÖÜ][A-ZÄÖÜ0-9]{1,7}")
_NATIONALITY = re.compile(r"(?:[a-z]ian|ean|ese|ish|ic)$")
_COUNTRY_ABBREVIATIONS = frozenset({"US", "USA", "UK", "UAE"})  # countries.py finds them
_NATIONALITIES = word_set("Dutch French Greek Thai Swiss Welsh Scottish Irish Danish")
_TITLE_END = re.compile(
    r"\w(minister|ministerin|sprecher|sprecherin|präsident|präsidentin|kanzler|kanzlerin|"
    r"chef|chefin|vorsitzende|vorsitzender|direktor|direktorin)$"
)
_FIRST_NAME_PART = 7
_NUMBER_WORDS = word_set(
    "zwei drei vier fünf sechs sieben acht neun zehn elf zwölf zwanzig dreißig hundert tausend "
    "two three four five six seven eight nine ten eleven twelve twenty thirty hundred "
    "thousand"
)
_SAYS = word_set(
    "said says told announced added warned sagte sagt erklärte erklärt betonte kündigte"
)


@dataclass(frozen=True)
class Name:
    """A proper name at character offsets of its sentence."""

    kind: str  # "person", "org", "acronym" or "name"
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str


def tokens(sentence: str) -> list[Token]:
    """Return the words of a sentence with their offsets ("Corp." keeps its full stop)."""
    found = []
    for match in _TOKEN.finditer(sentence):
        start, end = match.span()
        if sentence[end : end + 1] == "." and re.fullmatch(r"[A-Z][a-z]{1,4}", match.group()):
            end += 1  # "Corp.", "Inc.", "Dr.": a sentence's last word keeps it too (harmless)
        found.append(Token(start, end, sentence[start:end]))
    return found


def name_runs(
    sentence: str, language: Language, taken: list[tuple[int, int]]
) -> list[tuple[list[Token], bool]]:
    """Return runs of capitalised words (outside `taken` spans), each with: a title before it."""
    runs: list[tuple[list[Token], bool]] = []
    run: list[Token] = []
    titled = False
    previous: Token | None = None

    def close() -> None:
        nonlocal run
        while run and not run[-1].text[0].isupper():
            run.pop()
        if run:
            runs.append((run, titled))
        run = []

    words = tokens(sentence)
    for index, token in enumerate(words):
        adjacent = previous is not None and sentence[previous.end : token.start] == " "
        inside = any(a < token.end and token.start < b for a, b in taken)
        word = token.text
        if run and not adjacent:
            close()
        joins = bool(run) and word in language.joiners and run[-1].text in language.org_words
        if inside or not (word[0].isupper() or joins):
            close()
            titled = False
        elif is_title(word, language):
            close()
            titled = True
        elif word in language.function_words and not run:
            titled = False
        else:
            run.append(token)
            # a compound ends a name ("Storm Shadow-Raketen wurden …"), a double first name
            # does not ("Karl-Peter Naumann")
            if "-" in word and not _first_name(word, words[index + 1 : index + 2]):
                close()
                titled = False
        previous = token
    close()
    return runs


def is_title(word: str, language: Language) -> bool:
    """Return whether a word is a title kept outside a name ("Bundesverkehrsminister")."""
    if word in language.titles or word.rstrip(".") in language.titles:
        return True
    return language.code == "de" and _TITLE_END.search(word) is not None


def _first_name(word: str, following: list[Token]) -> bool:
    """Return whether a hyphenated word is a double first name: short parts, a surname next."""
    head, _, tail = word.partition("-")
    return (
        head.istitle()
        and tail.istitle()
        and len(tail) <= _FIRST_NAME_PART
        and bool(following)
        and following[0].text[0].isupper()
    )


def find_names(
    sentence: str,
    language: Language,
    taken: list[tuple[int, int]],
    surnames: set[str],
    acronyms: set[str],
) -> list[Name]:
    """Return the names of a sentence, classified, left to right."""
    found: list[Name] = []
    for run, titled in name_runs(sentence, language, taken):
        before = sentence[: run[0].start].split()
        if before and (before[-1][-1].isdigit() or before[-1].lower() in _NUMBER_WORDS):
            continue  # "26 Kilometern Länge": a unit, not a name
        found.extend(_names_of_run(sentence, run, titled, language, surnames, acronyms))
    return found


def _names_of_run(
    sentence: str,
    run: list[Token],
    titled: bool,
    language: Language,
    surnames: set[str],
    acronyms: set[str],
) -> list[Name]:
    start, end = run[0].start, run[-1].end
    text = sentence[start:end]
    if "-" in run[-1].text:  # "Storm Shadow-Raketen", "Biden-Administration", "ATACMS-Raketen"
        head, _, tail = run[-1].text.partition("-")
        compound_name = (
            len(run) > 1 or tail in language.org_heads or _is_acronym(head, acronyms) or titled
        )
        if not compound_name or not tail[:1].isalpha() or head in _COUNTRY_ABBREVIATIONS:
            return []
        end = run[-1].start + len(head)
        text = sentence[start:end]
        if len(run) == 1:
            kind = "acronym" if _is_acronym(head, acronyms) else "name"
            return (
                [Name(kind, start, end, text)]
                if kind == "acronym" or titled
                else [Name("org", start, end, text)]
            )
    words = text.split()
    if len(words) == 1:
        return _single(sentence, start, end, text, titled, language, surnames, acronyms)
    if any(w in language.org_words for w in words):
        return [Name("org", start, end, text)]
    if titled or _person_like(words, sentence[end:], surnames):
        return [Name("person", start, end, text)]
    return [Name("name", start, end, text)]


def _single(
    sentence: str,
    start: int,
    end: int,
    text: str,
    titled: bool,
    language: Language,
    surnames: set[str],
    acronyms: set[str],
) -> list[Name]:
    if _is_acronym(text, acronyms):
        return [Name("acronym", start, end, text)]
    if text in surnames or titled:
        return [Name("person", start, end, text)]
    nationality = _NATIONALITY.search(text) or text in _NATIONALITIES
    if language.code == "en" and start > 0 and not nationality:
        return [Name("name", start, end, text)]
    return []


def _is_acronym(word: str, acronyms: set[str]) -> bool:
    if word in _COUNTRY_ABBREVIATIONS:
        return False
    return word in acronyms or (_ACRONYM.fullmatch(word) is not None and not _ROMAN.fullmatch(word))


def _person_like(words: list[str], after: str, surnames: set[str]) -> bool:
    """Return whether a run of names reads as a person: a known surname, or saying something."""
    if not 2 <= len(words) <= 3 or any(not w.replace("-", "").isalpha() for w in words):
        return False
    if any(not w.split("-")[0].istitle() for w in words):
        return False
    following = after.strip(" ,").split(" ", 1)[0] if after.strip() else ""
    return words[-1] in surnames or following in _SAYS


def surnames_of(text_sentences: list[str], language: Language) -> set[str]:
    """Return the surnames of people named in full with a title or saying something.

    "Trump" alone is then that person too; a noun that ends a run ("Deutsche Bahn") is not.
    """
    surnames: set[str] = set()
    for sentence in text_sentences:
        for run, titled in name_runs(sentence, language, []):
            words = [t.text for t in run]
            if not 2 <= len(words) <= 3 or any(w in language.org_words for w in words):
                continue
            if titled or _person_like(words, sentence[run[-1].end :], set()):
                surnames.add(words[-1])
    return surnames


def long_form(sentence: str, acronym_start: int, acronym: str, language: Language) -> str | None:
    """Return the long form written before "(ACR)" or after "ACR (", if its letters fit."""
    before = sentence[:acronym_start]
    if before.endswith("("):
        words = before[:-1].split()
        for size in range(min(len(words), len(acronym) + 2), 0, -1):
            candidate = " ".join(words[-size:])
            if _fits(candidate, acronym, language):
                return candidate
        return None
    after = sentence[acronym_start + len(acronym) :]
    match = re.match(r" \(([^()]{3,80})\)", after)
    if match and _fits(match.group(1), acronym, language):
        return match.group(1)
    return None


def _fits(candidate: str, acronym: str, language: Language) -> bool:
    """Return whether the acronym abbreviates the candidate: same start, letters in order."""
    words = candidate.split()
    if not words or not all(w[0].isupper() or w in language.joiners for w in words):
        return False
    capitals = [w[0] for w in words if w[0].isupper()]
    if capitals[0] != acronym[0] or len(capitals) > len(acronym):
        return False
    position, lowered = 0, candidate.lower()
    for letter in acronym.lower():
        position = lowered.find(letter, position)
        if position < 0:
            return False
        position += 1
    return all(c in acronym for c in capitals)
