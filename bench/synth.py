"""Synthetic quizgen projects for the benchmarks: banks of every question type, in German.

Each question quotes its own sentence of a generated source text (local news from made-up towns),
so every bank passes `quizgen check --strict`. The same questions are also written for the peers the
suite compares with: notes for raw genanki, Markdown cards for ankdown, a text2qti quiz.

Usage: python bench/synth.py OUT_DIR QUESTIONS [--types single,multiple,...]
"""

from __future__ import annotations

import argparse
import html
import json
import random
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

TYPES = ("single", "multiple", "truefalse", "cloze", "short", "numeric", "match", "order")
GAP = re.compile(r"\[\[[^\]]*\]\]")
T = TypeVar("T")
NAME = re.compile(r"[a-z][a-z0-9-]*")
PER_BANK = 1000  # a department's bank is a chapter; 1,000 questions is about 600 KB of YAML
SENTENCES_PER_PARAGRAPH = 4
PARAGRAPHS_PER_SECTION = 10

PREFIXES = ["Groß", "Klein", "Ober", "Unter", "Neu", "Alt", "Bad ", "Hohen", "Nieder", "Mühl"]
STEMS = ["wörth", "bach", "hausen", "feld", "büren", "stätt", "heim", "furt", "brück", "münster"]
STEMS += ["dorf", "lände", "höfen", "rüti", "schwäbisch", "zell"]
MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September"]
MONTHS += ["Oktober", "November", "Dezember"]
BUILDINGS = ["Grundschule", "Stadtbücherei", "Brücke über die Mühlbach", "Festhalle"]
BUILDINGS += ["Kläranlage", "Fußgängerzone", "Sporthalle", "Jugendherberge", "Kirchturmuhr"]
CITIES = ["Köln", "München", "Düsseldorf", "Nürnberg", "Lübeck", "Göttingen", "Würzburg"]
CITIES += ["Saarbrücken", "Fürth", "Münster", "Zürich", "Bozen", "Linz", "Graz"]
FIRST = ["Jürgen", "Björn", "Özlem", "Käthe", "Sören", "Jörg", "Anna", "Lena", "Mehmet"]
FIRST += ["Günther", "Hülya", "Ulrike", "Bärbel", "Zoë"]
LAST = ["Müller", "Schäfer", "Köhler", "Bäcker", "Jäger", "Krüger", "Wöhler", "Hoffmann"]
LAST += ["Weiß", "Fuchs", "Lührs", "Böhm", "Yılmaz", "Strauß"]
OFFICES = ["das Bürgeramt", "die Kämmerei", "das Ordnungsamt", "das Bauamt", "das Standesamt"]
OFFICES += ["die Stadtwerke"]
ACTS = ["der Posaunenchor", "die Tanzgruppe „Wirbelwind“", "ein Feuerwerk über der Mühle"]
ACTS += ["die Blaskapelle", "ein Kinderchor", "das Puppentheater", "die Rede des Bürgermeisters"]
HILLS = ["Mühlberg", "Lärchenhang", "Sonnenbühl", "Schönblick", "Eichhöhe"]
FILLER = [
    "Der Sprecher der Verwaltung wollte sich zu den Kosten zunächst nicht äußern.",
    "Anwohnerinnen und Anwohner hatten sich seit Jahren über den Zustand beschwert.",
    "Die Lokalzeitung berichtete ausführlich über die Sitzung, die bis spät in die Nacht dauerte.",
    "Kritiker bemängelten, dass die Öffentlichkeit zu spät über die Pläne informiert worden sei.",
]


@dataclass
class Question:
    """One generated question: the sentence it quotes and the bank entry (as YAML data)."""

    sentence: str
    data: dict[str, Any]


@dataclass
class Project:
    """What was written: bank files, and the inputs for the peer tools."""

    root: Path
    banks: list[Path] = field(default_factory=list)
    questions: int = 0


def place(number: int) -> str:
    """Return a made-up town name; the number makes it unique among the first 160 × 50."""
    prefix = PREFIXES[number % len(PREFIXES)]
    stem = STEMS[(number // len(PREFIXES)) % len(STEMS)]
    district = number // (len(PREFIXES) * len(STEMS))
    stem = stem.capitalize() if prefix.endswith(" ") else stem
    return f"{prefix}{stem}" + (f"-{LAST[district % len(LAST)]}dorf" if district else "")


def question(number: int, qtype: str, rng: random.Random) -> Question:
    """Return question `number` of the given type with its quoted sentence."""
    town, year = place(number), 1950 + rng.randrange(75)
    made = MAKERS[qtype](town, year, rng)
    data: dict[str, Any] = {"id": f"{qtype}-{number:05d}", "type": qtype, **made.data}
    explanation = data.pop("explanation")
    data["source"] = made.sentence
    data["explanation"] = explanation
    if number % 10 == 0:  # some explanations link to a public page, as real banks do
        data["explanation"] += (
            f" Mehr dazu im [Stadtarchiv](https://www.example.org/archiv/{number})."
        )
    data["tags"] = ["gemeinden", qtype]
    return Question(made.sentence, data)


def _single(town: str, year: int, rng: random.Random) -> Question:
    building, *others = rng.sample(BUILDINGS, 4)
    money = f"{rng.randrange(1, 20)},{rng.randrange(10)}"
    month = rng.choice(MONTHS)
    sentence = (
        f"Der Gemeinderat von {town} beschloss im {month} {year}, {money} Millionen Euro für die "
        f"Sanierung der {building} bereitzustellen."
    )
    return Question(
        sentence,
        {
            "prompt": f"Wofür stellte der Gemeinderat von {town} im {month} {year} "
            f"**{money} Millionen Euro** bereit?",
            "correct": f"Für die Sanierung der {building}",
            "wrong": [f"Für die Sanierung der {b}" for b in others],
            "explanation": f"Das Geld ist laut Text für die Sanierung der {building} bestimmt.",
        },
    )


def _multiple(town: str, year: int, rng: random.Random) -> Question:
    cities = rng.sample(CITIES, 6)
    correct, wrong = cities[:4], cities[4:]
    sentence = (
        f"Am Schüleraustausch des Gymnasiums {town} nahmen {year % 100 + 20} Jugendliche aus "
        f"{correct[0]}, {correct[1]}, {correct[2]} und {correct[3]} teil."
    )
    return Question(
        sentence,
        {
            "prompt": f"Aus welchen Städten kamen die Jugendlichen beim Schüleraustausch des "
            f"Gymnasiums {town}?",
            "correct": correct,
            "wrong": wrong,
            "explanation": f"Genannt werden {', '.join(correct[:3])} und {correct[3]}.",
        },
    )


def _truefalse(town: str, year: int, rng: random.Random) -> Question:
    members, true = rng.randrange(20, 200), rng.random() < 0.5
    sentence = (
        f"Die Freiwillige Feuerwehr {town} wurde im Jahr {year} gegründet und zählt heute "
        f"{members} aktive Mitglieder."
    )
    claimed = year if true else year + rng.randrange(1, 9)
    return Question(
        sentence,
        {
            "prompt": f"Die Freiwillige Feuerwehr {town} wurde im Jahr {claimed} gegründet.",
            "answer": true,
            "explanation": ("Richtig" if true else "Falsch")
            + f": Laut Text wurde sie {year} gegründet und hat {members} aktive Mitglieder.",
        },
    )


def _cloze(town: str, year: int, rng: random.Random) -> Question:
    line, hill = rng.randrange(1, 20), rng.choice(HILLS)
    sentence = (
        f"Die Straßenbahnlinie {line} verbindet seit {year} den Bahnhof von {town} mit dem "
        f"Klinikum am {hill}, das täglich von über tausend Fahrgästen angesteuert wird."
    )
    text = sentence.replace(f"von {town}", f"von [[{town}]]").replace(
        f"am {hill}", f"am [[{hill}|{hill}-Hang]]"
    )
    return Question(
        sentence,
        {
            "prompt": "Ergänze den Satz.",
            "text": text,
            "explanation": f"Die Linie {line} fährt vom Bahnhof {town} zum Klinikum am {hill}.",
        },
    )


def _short(town: str, year: int, rng: random.Random) -> Question:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    sentence = (
        f"Die Bürgermeisterin von {town}, {first} {last}, eröffnete {year} das neue Hallenbad "
        f"an der Schützenstraße."
    )
    return Question(
        sentence,
        {
            "prompt": f"Wie heißt die Bürgermeisterin von {town}, die {year} das neue Hallenbad "
            f"eröffnete, mit Nachnamen?",
            "answer": [last, f"{first} {last}"],
            "explanation": f"Das Hallenbad eröffnete Bürgermeisterin {first} {last}.",
        },
    )


def _numeric(town: str, year: int, rng: random.Random) -> Question:
    depth = f"{rng.randrange(3, 60)},{rng.randrange(1, 10)}"
    sentence = (
        f"Der Öhrsee bei {town} ist an seiner tiefsten Stelle {depth} Meter tief und bedeckt "
        f"eine Fläche von {rng.randrange(5, 300)} Hektar."
    )
    return Question(
        sentence,
        {
            "prompt": f"Wie tief ist der Öhrsee bei {town} an seiner tiefsten Stelle?",
            "answer": Plain(depth),
            "tolerance": Plain("0,1"),
            "unit": "Meter",
            "explanation": f"Laut Text ist der See bis zu {depth} Meter tief.",
        },
    )


def _match(town: str, year: int, rng: random.Random) -> Question:
    people = [
        f"{f} {last}" for f, last in zip(rng.sample(FIRST, 3), rng.sample(LAST, 3), strict=True)
    ]
    offices = rng.sample(OFFICES, 3)
    sentence = (
        f"Im Rathaus von {town} leitet {people[0]} {offices[0]}, {people[1]} {offices[1]} und "
        f"{people[2]} {offices[2]}."
    )
    return Question(
        sentence,
        {
            "prompt": f"Ordne jeder Person im Rathaus von {town} ihr Amt zu.",
            "pairs": dict(zip(people, offices, strict=True)),
            "explanation": "So steht es im Text über die Ämter des Rathauses.",
        },
    )


def _order(town: str, year: int, rng: random.Random) -> Question:
    acts = rng.sample(ACTS, 3)
    sentence = (
        f"Beim Stadtfest {year} in {town} trat zuerst {acts[0]} auf, danach {acts[1]}, und zum "
        f"Schluss gab es {acts[2]}."
    )
    return Question(
        sentence,
        {
            "prompt": f"Bringe die Programmpunkte des Stadtfests {year} in {town} in die "
            f"richtige Reihenfolge.",
            "items": [a[0].upper() + a[1:] for a in acts],
            "explanation": f"Den Abschluss bildete {acts[2]}.",
        },
    )


MAKERS = {
    "single": _single,
    "multiple": _multiple,
    "truefalse": _truefalse,
    "cloze": _cloze,
    "short": _short,
    "numeric": _numeric,
    "match": _match,
    "order": _order,
}


class Plain(str):
    """A value written as a plain YAML scalar (a number in the bank's own spelling: 12,5)."""


def scalar(text: str) -> str:
    """Return text as a YAML scalar: plain when it is a lowercase name, else double-quoted."""
    if NAME.fullmatch(text) and text not in ("true", "false", "yes", "no", "on", "off", "null"):
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def yaml_value(value: Any, indent: str) -> str:
    """Return a value as block YAML after a key: text double-quoted, lists and maps as blocks."""
    if isinstance(value, Plain):
        return f" {value}"
    if isinstance(value, bool):
        return " true" if value else " false"
    if isinstance(value, str):
        return " " + json.dumps(value, ensure_ascii=False)  # JSON strings are YAML strings
    if isinstance(value, list):
        return "".join(f"\n{indent}  - {json.dumps(v, ensure_ascii=False)}" for v in value)
    pairs = (
        f"{json.dumps(k, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False)}"
        for k, v in value.items()
    )
    return "".join(f"\n{indent}  {p}" for p in pairs)


def bank_yaml(header: dict[str, Any], questions: Sequence[Question]) -> str:
    """Return a bank file as a teacher writes one: block style, one blank line between questions."""
    lines = [f"{key}:{yaml_value(value, '')}" for key, value in header.items()]
    lines.append("questions:")
    for q in questions:
        items = iter(q.data.items())
        key, value = next(items)
        lines.append(f"\n  - {key}:{yaml_value(value, '    ')}")
        lines += [f"    {key}:{yaml_value(value, '    ')}" for key, value in items]
    return "\n".join(lines) + "\n"


def source_text(questions: Sequence[Question], padding: int, rng: random.Random) -> str:
    """Return the source: sections of paragraphs, each quoted sentence plus `padding` fillers."""
    sentences: list[str] = []
    for q in questions:
        sentences.append(q.sentence)
        sentences += [rng.choice(FILLER) for _ in range(padding)]
    per_section = SENTENCES_PER_PARAGRAPH * PARAGRAPHS_PER_SECTION
    parts = []
    for number, start in enumerate(range(0, len(sentences), per_section), 1):
        section = sentences[start : start + per_section]
        paragraphs = [
            " ".join(section[i : i + SENTENCES_PER_PARAGRAPH])
            for i in range(0, len(section), SENTENCES_PER_PARAGRAPH)
        ]
        parts.append(f"Aus den Gemeinden, Teil {number}\n\n" + "\n\n".join(paragraphs))
    return "\n\n".join(parts) + "\n"


def generate(count: int, types: Sequence[str] = TYPES, seed: int = 0) -> list[Question]:
    """Return `count` questions, the types taking turns."""
    rng = random.Random(seed)
    return [question(n, types[n % len(types)], rng) for n in range(count)]


def chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    """Yield the items in parts of at most `size` (questions in banks, cards in files)."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def write_project(
    root: Path,
    count: int,
    *,
    types: Sequence[str] = TYPES,
    per_bank: int = PER_BANK,
    padding: int = 1,
    seed: int = 0,
) -> Project:
    """Write a project of `count` questions in banks of `per_bank`, each with its own source."""
    rng = random.Random(seed + 1)
    project = Project(root, questions=count)
    (root / "questions").mkdir(parents=True, exist_ok=True)
    (root / "seeds").mkdir(exist_ok=True)
    questions = generate(count, types, seed)
    banks = list(chunks(questions, per_bank))
    for number, part in enumerate(banks, 1):
        name = f"gemeinden-{number:02d}" if len(banks) > 1 else "gemeinden"
        (root / "seeds" / f"{name}.txt").write_text(source_text(part, padding, rng), "utf-8")
        header = {
            "bank": name,
            "title": f"Aus den Gemeinden – Teil {number}",
            "language": "de",
            "source": f"seeds/{name}.txt",
            "description": "Fragen zu **Lokalnachrichten** aus erfundenen Gemeinden: Gemeinderäte, "
            "Feuerwehren, Stadtfeste und Seen.",
            "tags": ["synthetisch"],
            "deck": f"Benchmark::Gemeinden {number:02d}",
        }
        path = root / "questions" / f"{name}.yaml"
        path.write_text(bank_yaml(header, part), "utf-8")
        project.banks.append(path)
    write_peer_inputs(root / "peers", questions)
    return project


def card(data: dict[str, Any]) -> tuple[str, str]:
    """Return a question as the front and back of a plain flash card (Markdown text)."""
    qtype, prompt = data["type"], data.get("prompt", "")
    front, back = prompt, ""
    if qtype in ("single", "multiple"):
        correct = data["correct"] if qtype == "multiple" else [data["correct"]]
        options = sorted([*correct, *data["wrong"]])
        front += "\n\n" + "\n".join(f"- {o}" for o in options)
        back = ", ".join(correct)
    elif qtype == "truefalse":
        back = "richtig" if data["answer"] else "falsch"
    elif qtype == "cloze":
        front = GAP.sub("…", data["text"])
        back = data["text"].replace("[[", "**").replace("]]", "**")
    elif qtype == "short":
        back = data["answer"][0]
    elif qtype == "numeric":
        back = f"{data['answer']} {data['unit']}"
    elif qtype == "match":
        front += "\n\n" + "\n".join(f"- {left}" for left in sorted(data["pairs"]))
        back = "\n".join(f"- {left}: {right}" for left, right in data["pairs"].items())
    else:
        front += "\n\n" + "\n".join(f"- {item}" for item in sorted(data["items"]))
        back = "\n".join(f"{n}. {item}" for n, item in enumerate(data["items"], 1))
    return front, f"{back}\n\n{data['explanation']}\n\n> {data['source']}"


def write_peer_inputs(folder: Path, questions: Sequence[Question]) -> None:
    """Write the same questions for raw genanki (notes.json), ankdown (cards/) and text2qti."""
    (folder / "cards").mkdir(parents=True, exist_ok=True)
    notes, markdown = [], []
    for q in questions:
        front, back = card(q.data)
        notes.append(
            {
                "front": html.escape(front).replace("\n", "<br>"),
                "back": html.escape(back).replace("\n", "<br>"),
                "tags": q.data["tags"],
                "id": q.data["id"],
            }
        )
        markdown.append(f"{front}\n\n%\n\n{back}\n\n%\n\n{', '.join(q.data['tags'])}\n")
    (folder / "notes.json").write_text(json.dumps(notes, ensure_ascii=False), "utf-8")
    for number, part in enumerate(chunks(markdown, PER_BANK), 1):
        (folder / "cards" / f"gemeinden-{number:02d}.md").write_text(
            "\n---\n\n".join(part), "utf-8"
        )
    singles = [q.data for q in questions if q.data["type"] == "single"]
    (folder / "quiz.txt").write_text(text2qti_quiz(singles), "utf-8")


def text2qti_quiz(singles: Sequence[dict[str, Any]]) -> str:
    """Return the single-choice questions as a text2qti quiz (correct choice marked with *)."""
    lines = ["Quiz title: Aus den Gemeinden", "Quiz description: Lokalnachrichten", ""]
    for number, data in enumerate(singles, 1):
        lines.append(f"{number}.  {data['prompt']}")
        options = sorted([data["correct"], *data["wrong"]])
        for letter, option in zip("abcdefgh", options, strict=False):
            mark = "*" if option == data["correct"] else ""
            lines.append(f"{mark}{letter}) {option}")
        lines.append("")
    return "\n".join(lines)


def hostile_banks() -> dict[str, str]:
    """Return banks the loader must refuse quickly: an alias bomb and deep nesting."""
    head = 'bank: hostile\ntitle: "Feindselig"\nlanguage: de\nsource: seeds/gemeinden.txt\n'
    laughs = ["a0: &a0 [Ä, Ö, Ü, ß, Ä, Ö, Ü, ß, Ä]"]
    laughs += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 10)]
    bomb = head + "\n".join(laughs) + "\nquestions: [*a9]\n"
    nested = head + "questions: " + "[" * 100_000 + "]" * 100_000 + "\n"
    return {"alias-bomb": bomb, "deep-nesting": nested}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("questions", type=int)
    parser.add_argument("--types", default=",".join(TYPES))
    parser.add_argument("--per-bank", type=int, default=PER_BANK)
    args = parser.parse_args()
    project = write_project(
        args.out, args.questions, types=args.types.split(","), per_bank=args.per_bank
    )
    print(f"{project.questions} questions in {len(project.banks)} bank(s) under {args.out}")


if __name__ == "__main__":
    main()
