"""What the drafter knows of each language: small word lists, and the texts of its questions."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

SUPPORTED = ("de", "en")


def word_set(words: str) -> frozenset[str]:
    """Return the space-separated words of a list written as one string."""
    return frozenset(words.split(" "))


@dataclass(frozen=True)
class Language:
    """Word lists and question texts of one language."""

    code: str
    # capitalised words that never start or join a name (articles, pronouns, conjunctions …)
    function_words: frozenset[str]
    titles: frozenset[str]  # stay outside a name gap: "Präsident [[Wladimir Putin]]"
    org_words: frozenset[str]  # a name holding one is an organisation
    org_heads: frozenset[str]  # "Biden-Administration": the part before the hyphen is a name
    scale_words: frozenset[str]  # "3 Millionen Euro": the gap is the number, these stay visible
    joiners: frozenset[str]  # lower-case words inside names ("Bank of England")
    list_joiners: tuple[str, ...]  # the words between a list's last two items
    articles: frozenset[str]
    decimal_comma: bool
    cloze_prompt: str
    acronym_prompt: str  # {acronym}
    list_prompt: str  # {sentence}: the sentence with a blank
    list_frame: str  # {sentence}: a statement about what the text says
    numeric_prompt: str  # {sentence}: the sentence with the number left out
    countries_prompt: str  # {sentence}: the sentence with its list of countries left out
    acronyms_prompt: str  # match each acronym to its long form
    titles_prompt: str  # match each person to the title before the name
    blank: str = "___"
    gap: str = "…"  # where a number or a list is left out


_DE = Language(
    code="de",
    function_words=word_set(
        "Der Die Das Den Dem Des Ein Eine Einer Eines Einem Einen Er Sie Es Wir Ihr Ich Man "
        "Dies Diese Dieser Dieses Diesem Diesen Jene Jener Jenes Welche Welcher Welches "
        "Und Oder Aber Doch Denn Sondern Sowie Weil Wenn Als Ob Obwohl Während Bevor Nachdem "
        "Da Dass Damit Auch Noch Schon Nur Bereits Jedoch Zudem Außerdem Laut Nach Vor Bei Mit "
        "Von Zu Zur Zum Im In Am An Auf Aus Für Über Unter Gegen Seit Bis Durch Ohne Um Trotz "
        "Wie Was Wer Wo Wann Warum Dort Hier Heute Gestern Morgen Dabei Dazu Darauf Deshalb "
        "Sein Seine Seiner Ihre Ihrer Unser Unsere Alle Viele Einige Mehrere Kein Keine "
        "So Nun Zwar Etwa Rund Fast Mehr Weitere Andere Ab Zwischen Neben Hinter Wegen Statt "
        "Innerhalb Außerhalb Jetzt Künftig Zunächst Später Damals Inzwischen Beim Vom Ins Ans"
    ),
    titles=word_set(
        "Präsident Präsidentin Kanzler Kanzlerin Bundeskanzler Bundeskanzlerin Minister "
        "Ministerin Außenminister Außenministerin Verteidigungsminister Verteidigungsministerin "
        "Premierminister Premierministerin Regierungschef Regierungschefin Bundespräsident "
        "Bundespräsidentin König Königin Papst Senator Senatorin Gouverneur Gouverneurin "
        "General Generalin Botschafter Botschafterin Sprecher Sprecherin Chef Chefin "
        "Vorsitzende Vorsitzender Bürgermeister Bürgermeisterin Dr. Prof. Herr Frau"
    ),
    org_words=word_set(
        "Corp. Inc. Ltd. GmbH AG SE Co. Konzern Bank Ministerium Partei Rat Kommission "
        "Regierung Universität Institut Agentur Behörde Verband Gruppe Haus Parlament "
        "Bundestag Armee Organisation Stiftung Gericht"
    ),
    org_heads=word_set("Administration Regierung Partei Konzern Lager Gruppe"),
    scale_words=word_set("Tausend Millionen Million Milliarden Milliarde Mio. Mrd."),
    joiners=frozenset(),
    list_joiners=("und", "sowie", "oder"),
    articles=word_set("der die das den dem des"),
    decimal_comma=True,
    cloze_prompt="Ergänze den Satz.",
    acronym_prompt="Wofür steht die Abkürzung {acronym}?",
    list_prompt="Welches Land fehlt in diesem Satz des Textes? „{sentence}“",
    list_frame="Laut Text gilt: {sentence}",
    numeric_prompt="Welche Zahl fehlt? „{sentence}“",
    countries_prompt="Welche Länder nennt der Text an der Stelle von „…“? „{sentence}“",
    acronyms_prompt="Ordne jeder Abkürzung zu, wofür sie laut Text steht.",
    titles_prompt="Ordne jeder Person das Amt zu, das der Text ihr gibt.",
)

_EN = Language(
    code="en",
    function_words=word_set(
        "The A An This That These Those It Its He She They We You I His Her Their Our "
        "And Or But So Yet For Nor If When While Although Though Because Since After Before "
        "As At By In On Of To From With Without Into Over Under About Against During Between "
        "According There Here Then Now Today Yesterday Tomorrow However Also Some Many Most "
        "Several Other Another Each Every All Both No Not Only Even Still Such What Which Who "
        "Whom Whose Where Why How Mr Mrs Ms Monday Tuesday Wednesday Thursday Friday Saturday "
        "Sunday"
    ),
    titles=word_set(
        "President Vice Chancellor Minister Prime Secretary Senator Governor Mayor King Queen "
        "Pope General Ambassador Spokesman Spokeswoman Spokesperson Chief Chairman Chairwoman "
        "Director Commissioner Dr. Prof. Mr. Mrs. Ms. Sir Dame Lord Lady CEO Representative Rep. Sen. "
        "Gov."
    ),
    org_words=word_set(
        "Corp. Corporation Inc. Ltd. Co. Company Group Bank Agency Ministry Department Council "
        "Commission Party University Institute Organization Organisation Association "
        "Administration Office House Parliament Congress Senate Court Foundation Army Navy "
        "Force Service Authority Fund College School"
    ),
    org_heads=frozenset(),
    scale_words=word_set("thousand million billion trillion"),
    joiners=frozenset({"of"}),
    list_joiners=("and", "or"),
    articles=frozenset({"the"}),
    decimal_comma=False,
    cloze_prompt="Fill in the gap.",
    acronym_prompt="What does {acronym} stand for?",
    list_prompt="Which country is missing from this sentence of the text? “{sentence}”",
    list_frame="According to the text: {sentence}",
    numeric_prompt="Which number is missing? “{sentence}”",
    countries_prompt="Which countries does the text name in place of “…”? “{sentence}”",
    acronyms_prompt="Match each abbreviation to what it stands for in the text.",
    titles_prompt="Match each person to the title the text gives them.",
)


def language(code: str) -> Language:
    """Return a supported language by its code ('de', 'en', or a tag such as 'de-AT')."""
    return {"de": _DE, "en": _EN}[code.split("-")[0].lower()]


_WORD = re.compile(r"[^\W\d_]+")


@cache
def _markers() -> dict[str, frozenset[str]]:
    return {
        "de": word_set(
            "der die das und ist nicht mit von den dem sich auch auf für eine ein zu im wurde hat"
        ),
        "en": word_set("the and is of to in that was for with as on by has have it are from this"),
    }


def guess_language(text: str) -> str:
    """Return 'de' or 'en', whichever's commonest words the text uses more."""
    words = [w.lower() for w in _WORD.findall(text)]
    counts = {code: sum(w in marks for w in words) for code, marks in _markers().items()}
    return max(SUPPORTED, key=lambda code: (counts[code], code == "de"))
