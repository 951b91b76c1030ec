"""The baseline for the Anki target: genanki alone writing the same notes (front, back, tags).

Usage: python bench/peers/raw_genanki.py NOTES_JSON OUT_APKG
"""

from __future__ import annotations

import json
import sys

import genanki

MODEL = genanki.Model(
    1607392319,
    "Benchmark Basic",
    fields=[{"name": "Front"}, {"name": "Back"}],
    templates=[
        {
            "name": "Card 1",
            "qfmt": "{{Front}}",
            "afmt": '{{FrontSide}}<hr id="answer">{{Back}}',
        }
    ],
)


def main() -> None:
    notes_file, out = sys.argv[1:3]
    with open(notes_file, encoding="utf-8") as file:
        notes = json.load(file)
    deck = genanki.Deck(2059400110, "Benchmark::Gemeinden")
    for note in notes:
        deck.add_note(
            genanki.Note(
                model=MODEL,
                fields=[note["front"], note["back"]],
                tags=note["tags"],
                guid=genanki.guid_for(note["id"]),
            )
        )
    genanki.Package(deck).write_to_file(out)


if __name__ == "__main__":
    main()
