// The quiz's pure logic (templates/html/quiz-check.js) under Node: node --test tests/js/
"use strict";

const { describe, test } = require("node:test");
const assert = require("node:assert/strict");
const QuizCheck = require("../../templates/html/quiz-check.js");

const STRINGS = {
  not_a_number: "„{value}“ ist keine Zahl.",
  number_example: "Zum Beispiel: {example}",
};
const GERMAN = { lang: "de", decimalComma: true, strings: STRINGS };
const ENGLISH = { lang: "en", decimalComma: false, strings: STRINGS };

function typed(...values) {
  return values.map((value) => ({ value: value, checked: false }));
}

function ticked(options, chosen) {
  return options.map((value) => ({ value: value, checked: chosen.includes(value) }));
}

// what a check says of the answer, without the points it earns (tested apart)
function verdict(result) {
  return { right: result.right, marks: result.marks, note: result.note };
}

function number(answer, tolerance, unit) {
  return { kind: "number", points: 1, answer: answer, tolerance: tolerance, unit: unit || "" };
}

describe("parseNumber", () => {
  const de = (text, unit) => QuizCheck.parseNumber(text, unit, true);
  const en = (text, unit) => QuizCheck.parseNumber(text, unit, false);

  test("a decimal comma in German is the decimal mark", () => {
    assert.equal(de("2,5"), 2.5);
    assert.equal(de("1,5"), 1.5);
  });

  test("punctuation after the number or its unit ends the sentence", () => {
    assert.equal(de("190 Meilen.", "Meilen"), 190);
    assert.equal(de("2,5."), 2.5);
    assert.equal(en("2.5 km!", "km"), 2.5);
    assert.equal(en("2.5."), 2.5);
    assert.equal(de("1.000."), 1000);
  });

  test("a dot is accepted as the decimal mark in German too", () => {
    assert.equal(de("2.5"), 2.5);
  });

  test("dots group thousands in German", () => {
    assert.equal(de("1.000"), 1000);
    assert.equal(de("12.345.678"), 12345678);
    assert.equal(de("1.000,5"), 1000.5);
  });

  test("commas group thousands in English", () => {
    assert.equal(en("1,000"), 1000);
    assert.equal(en("1,234,567.25"), 1234567.25);
  });

  test("a comma that does not group thousands is no number in English", () => {
    assert.ok(Number.isNaN(en("2,5")));
    assert.ok(Number.isNaN(en("1,00")));
  });

  test("a group that is not three digits is no thousands grouping", () => {
    assert.ok(Number.isNaN(de("1.00.000")));
    assert.equal(de("1.00"), 1);
  });

  test("a unit after the number is dropped, in any case", () => {
    assert.equal(de("190 Meilen", "Meilen"), 190);
    assert.equal(de("190 meilen", "Meilen"), 190);
    assert.equal(de("190 MEILEN", "Meilen"), 190);
    assert.equal(de("190Meilen", "Meilen"), 190);
    assert.equal(de("2,5 kg", "kg"), 2.5);
  });

  test("a unit the question does not have is no number", () => {
    assert.ok(Number.isNaN(de("190 Meilen")));
    assert.ok(Number.isNaN(de("190 km", "Meilen")));
  });

  test("a unit before the number is no number", () => {
    assert.ok(Number.isNaN(de("Meilen 190", "Meilen")));
  });

  test("U+2212 is a minus sign", () => {
    assert.equal(de("\u22123,5"), -3.5);
    assert.equal(en("\u22121,000"), -1000);
  });

  test("hyphen and plus signs are read", () => {
    assert.equal(de("-3"), -3);
    assert.equal(de("+3"), 3);
  });

  test("spaces, NBSP, narrow NBSP and apostrophes between digits are ignored", () => {
    assert.equal(de("  42  "), 42);
    assert.equal(de("1 000"), 1000);
    assert.equal(de("1\u00a0000"), 1000);
    assert.equal(de("1\u202f000,5"), 1000.5);
    assert.equal(en("1'000"), 1000);
    assert.equal(de("\u2212 3"), -3);
  });

  test("full-width digits are read (NFKC)", () => {
    assert.equal(en("\uff14\uff12"), 42);
  });

  test("a leading or trailing decimal mark is read", () => {
    assert.equal(de(",5"), 0.5);
    assert.equal(en(".5"), 0.5);
    assert.equal(en("5."), 5);
  });

  test("anything else is NaN", () => {
    for (const text of ["", " ", "abc", "2,5,5", "1e3", "0x10", "--3", "3-", "Infinity", "2.5.1"]) {
      assert.ok(Number.isNaN(de(text)), `German ${JSON.stringify(text)}`);
      assert.ok(Number.isNaN(en(text)), `English ${JSON.stringify(text)}`);
    }
  });
});

describe("normalise", () => {
  const norm = (text) => QuizCheck.normalise(text, "de");

  test("ignores case", () => {
    assert.equal(norm("Kiew"), norm("KIEW"));
    assert.equal(norm("ÄRA"), "ära");
  });

  test("trims and folds inner runs of spaces, tabs, NBSP", () => {
    assert.equal(norm("  New \t  York\u00a0 City "), "new york city");
  });

  test("keeps a single inner space", () => {
    assert.notEqual(norm("Newyork"), norm("New York"));
  });

  test("composes to NFC", () => {
    assert.equal(norm("Mu\u0308ller"), norm("M\u00fcller"));
    assert.equal(norm("Mu\u0308ller"), "m\u00fcller");
  });

  test("folds every dash and the minus sign to a hyphen", () => {
    for (const dash of ["\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212"]) {
      const exact = QuizCheck.normalise(`Nord${dash}Süd`, "de", true);
      assert.equal(exact, "Nord-Süd", `U+${dash.codePointAt(0).toString(16)}`);
      assert.equal(norm(`Nord${dash}Süd`), norm("Nord-Süd"));
    }
  });

  test("a hyphen and a space are alike", () => {
    assert.equal(norm("Biden Administration"), norm("Biden-Administration"));
    assert.equal(norm("storm-shadow"), norm("Storm Shadow"));
    assert.equal(norm("ATACMS - Raketen"), norm("ATACMS-Raketen"));
    assert.notEqual(norm("Stormshadow"), norm("Storm Shadow"));
    assert.equal(norm("-"), "-");
  });

  test("exact keeps case, punctuation and hyphens, and still folds spaces and quotes", () => {
    const exact = (text) => QuizCheck.normalise(text, "de", true);
    assert.notEqual(exact("Kiew"), exact("KIEW"));
    assert.notEqual(exact("ATACMS."), exact("ATACMS"));
    assert.notEqual(exact("Biden Administration"), exact("Biden-Administration"));
    assert.equal(exact("  H2O \u201eflüssig\u201c "), 'H2O "flüssig"');
  });

  test("folds curly and angle double quotes to a straight one", () => {
    for (const quote of ["\u201c", "\u201d", "\u201e", "\u00ab", "\u00bb"]) {
      assert.equal(norm(`${quote}x${quote}`), '"x"');
    }
  });

  test("folds curly and angle single quotes to an apostrophe", () => {
    for (const quote of ["\u2018", "\u2019", "\u201a", "\u2039", "\u203a"]) {
      assert.equal(norm(`Bob${quote}s`), "bob's");
    }
  });

  test("lower-cases by the bank's language", () => {
    assert.equal(QuizCheck.normalise("I", "tr"), "ı");
    assert.equal(QuizCheck.normalise("I", "en"), "i");
  });

  test("ignores trailing punctuation and the spaces around it", () => {
    for (const end of [".", ",", ";", ":", "!", "?", "\u2026", "...", " .", "?!", ". "]) {
      assert.equal(norm(`ATACMS${end}`), "atacms", JSON.stringify(end));
    }
  });

  test("keeps punctuation inside and at the start", () => {
    assert.equal(norm("Lockheed Martin Corp."), "lockheed martin corp");
    assert.equal(norm("U.S. Army"), "u.s. army");
    assert.equal(norm("...und"), "...und");
    assert.notEqual(norm("2.5"), norm("25"));
  });

  test("keeps a text that is punctuation alone", () => {
    assert.equal(norm("?"), "?");
    assert.equal(norm(" ... "), "...");
  });

  test("a language tag the runtime refuses falls back to plain lower case", () => {
    assert.equal(QuizCheck.normalise("ABC", "not a tag!"), "abc");
  });
});

describe("check: number", () => {
  test("a German answer with a decimal comma is right", () => {
    const result = QuizCheck.check(number(2.5, 0), typed("2,5"), GERMAN);
    assert.deepEqual(verdict(result), { right: true, marks: ["right"], note: "" });
  });

  test("1.000 is a thousand in German, 1,000 in English", () => {
    assert.equal(QuizCheck.check(number(1000, 0), typed("1.000"), GERMAN).right, true);
    assert.equal(QuizCheck.check(number(1000, 0), typed("1,000"), ENGLISH).right, true);
    assert.equal(QuizCheck.check(number(1000, 0), typed("1,000"), GERMAN).right, false);
  });

  test("exactly at the tolerance is right, on both sides", () => {
    assert.equal(QuizCheck.check(number(100, 5), typed("105"), GERMAN).right, true);
    assert.equal(QuizCheck.check(number(100, 5), typed("95"), GERMAN).right, true);
  });

  test("just over the tolerance is wrong", () => {
    assert.equal(QuizCheck.check(number(100, 5), typed("105,001"), GERMAN).right, false);
    assert.equal(QuizCheck.check(number(100, 5), typed("94,999"), GERMAN).right, false);
    assert.equal(QuizCheck.check(number(100, 0), typed("100,001"), GERMAN).right, false);
  });

  test("binary fractions get a little slack: 2.6 vs 2.5 ± 0.1 is right", () => {
    assert.ok(Math.abs(2.6 - 2.5) > 0.1);  // the reason for the slack
    assert.equal(QuizCheck.check(number(2.5, 0.1), typed("2,6"), GERMAN).right, true);
    assert.equal(QuizCheck.check(number(2.5, 0.1), typed("2,4"), GERMAN).right, true);
    assert.equal(QuizCheck.check(number(2.5, 0.1), typed("2,61"), GERMAN).right, false);
  });

  test("the slack grows with the answer but stays tiny", () => {
    assert.equal(QuizCheck.check(number(1e9, 0), typed("1000000000,5"), GERMAN).right, true);
    assert.equal(QuizCheck.check(number(1e9, 0), typed("1000000002"), GERMAN).right, false);
  });

  test("a negative answer typed with U+2212", () => {
    assert.equal(QuizCheck.check(number(-3.5, 0), typed("\u22123,5"), GERMAN).right, true);
    assert.equal(QuizCheck.check(number(-3.5, 0), typed("3,5"), GERMAN).right, false);
  });

  test("the unit may follow the number, in any case", () => {
    const key = number(190, 0, "Meilen");
    assert.equal(QuizCheck.check(key, typed("190 Meilen"), GERMAN).right, true);
    assert.equal(QuizCheck.check(key, typed("190 MEILEN"), GERMAN).right, true);
    assert.equal(QuizCheck.check(key, typed("190"), GERMAN).right, true);
  });

  test("2.5 and 2,5 both pass in German; 2,5 in English is no number", () => {
    assert.equal(QuizCheck.check(number(2.5, 0), typed("2.5"), GERMAN).right, true);
    assert.equal(QuizCheck.check(number(2.5, 0), typed("2,5"), GERMAN).right, true);
    assert.equal(QuizCheck.check(number(2.5, 0), typed("2.5"), ENGLISH).right, true);
    assert.equal(QuizCheck.check(number(2.5, 0), typed("2,5"), ENGLISH).right, false);
  });

  test("a wrong unit or a wrong number with the right unit fails", () => {
    const key = number(190, 0, "Meilen");
    assert.equal(QuizCheck.check(key, typed("190 km"), GERMAN).right, false);
    assert.equal(QuizCheck.check(key, typed("180 Meilen"), GERMAN).right, false);
    assert.equal(QuizCheck.check(key, typed("190 meilen"), GERMAN).right, true);
  });

  test("text that is no number is wrong, with a note in the bank's notation", () => {
    const german = QuizCheck.check(number(2.5, 0), typed("  zwei "), GERMAN);
    assert.deepEqual(verdict(german), {
      right: false,
      marks: ["wrong"],
      note: "„zwei“ ist keine Zahl. Zum Beispiel: 2,5",
    });
    const english = QuizCheck.check(number(2.5, 0), typed("2,5"), ENGLISH);
    assert.equal(english.note, "„2,5“ ist keine Zahl. Zum Beispiel: 2.5");
  });

  test("an empty box is wrong without a note", () => {
    const result = QuizCheck.check(number(0, 0), typed("  "), GERMAN);
    assert.deepEqual(verdict(result), { right: false, marks: ["wrong"], note: "" });
  });

  test("a wrong number gets no note", () => {
    assert.equal(QuizCheck.check(number(2.5, 0), typed("3"), GERMAN).note, "");
  });
});

describe("check: choice", () => {
  const single = { kind: "choice", points: 1, correct: ["2"] };
  const multiple = { kind: "choice", points: 2, correct: ["0", "3"] };
  const options = ["1", "3", "0", "2"];

  test("the right option alone is right", () => {
    const result = QuizCheck.check(single, ticked(options, ["2"]), GERMAN);
    assert.deepEqual(verdict(result), { right: true, marks: ["", "", "", "right"], note: "" });
  });

  test("a wrong option is marked wrong and the right one missed", () => {
    const result = QuizCheck.check(single, ticked(options, ["1"]), GERMAN);
    assert.deepEqual(verdict(result), { right: false, marks: ["wrong", "", "", "missed"], note: "" });
  });

  test("nothing chosen marks every right option missed", () => {
    const result = QuizCheck.check(multiple, ticked(options, []), GERMAN);
    assert.deepEqual(result.marks, ["", "missed", "missed", ""]);
    assert.equal(result.right, false);
  });

  test("multiple choice is right only when wholly right", () => {
    assert.equal(QuizCheck.check(multiple, ticked(options, ["0", "3"]), GERMAN).right, true);
    const some = QuizCheck.check(multiple, ticked(options, ["0"]), GERMAN);
    assert.deepEqual(verdict(some), { right: false, marks: ["", "missed", "right", ""], note: "" });
    const extra = QuizCheck.check(multiple, ticked(options, ["0", "3", "2"]), GERMAN);
    assert.deepEqual(verdict(extra), { right: false, marks: ["", "right", "right", "wrong"], note: "" });
  });

  test("true/false keys name the values true and false", () => {
    const key = { kind: "choice", points: 1, correct: ["false"] };
    assert.equal(QuizCheck.check(key, ticked(["true", "false"], ["false"]), GERMAN).right, true);
    assert.equal(QuizCheck.check(key, ticked(["true", "false"], ["true"]), GERMAN).right, false);
  });
});

describe("check: text", () => {
  const cloze = { kind: "text", points: 1, accepted: [["Kiew", "Kyjiw"], ["ATACMS"]] };

  test("every gap accepts any of its own alternatives", () => {
    assert.equal(QuizCheck.check(cloze, typed("Kiew", "ATACMS"), GERMAN).right, true);
    assert.equal(QuizCheck.check(cloze, typed("kyjiw", " atacms "), GERMAN).right, true);
  });

  test("an alternative of another gap is wrong", () => {
    const result = QuizCheck.check(cloze, typed("ATACMS", "Kiew"), GERMAN);
    assert.deepEqual(verdict(result), { right: false, marks: ["wrong", "wrong"], note: "" });
  });

  test("fair by default: a full stop, a hyphen for a space, case", () => {
    const short = { kind: "text", points: 1, accepted: [["Biden-Administration"]], exact: false };
    for (const answer of ["Biden Administration", "biden-administration.", "BIDEN ADMINISTRATION"]) {
      assert.equal(QuizCheck.check(short, typed(answer), GERMAN).right, true, answer);
    }
  });

  test("an exact key takes the text as written, spaces aside", () => {
    const formula = { kind: "text", points: 1, accepted: [["H2O"]], exact: true };
    assert.equal(QuizCheck.check(formula, typed(" H2O "), GERMAN).right, true);
    for (const answer of ["h2o", "H2O.", "H-2O"]) {
      assert.equal(QuizCheck.check(formula, typed(answer), GERMAN).right, false, answer);
    }
  });

  test("one wrong gap makes the question wrong and is marked alone", () => {
    const result = QuizCheck.check(cloze, typed("Kiew", "HIMARS"), GERMAN);
    assert.deepEqual(verdict(result), { right: false, marks: ["right", "wrong"], note: "" });
  });

  test("typographic quotes and dashes match straight ones in either direction", () => {
    const key = { kind: "text", points: 1, accepted: [["\u201eStorm Shadow\u201c \u2013 Typ"]] };
    assert.equal(QuizCheck.check(key, typed('"storm shadow" - typ'), GERMAN).right, true);
    const straight = { kind: "text", points: 1, accepted: [["Nord-Süd"]] };
    assert.equal(QuizCheck.check(straight, typed("Nord\u2013Süd"), GERMAN).right, true);
  });

  test("the wording of the article passes in any case, with or without its full stop", () => {
    const key = { kind: "text", points: 1, accepted: [["Lockheed Martin Corp.", "Lockheed Martin"]] };
    for (const text of ["lockheed martin corp.", "Lockheed Martin Corp", "LOCKHEED MARTIN", "lockheed martin.", "Lockheed-Martin"]) {
      assert.equal(QuizCheck.check(key, typed(text), GERMAN).right, true, text);
    }
    for (const text of ["Lockheed", "Lockheed Martin Corp.s", "Martin Corp.", "LockheedMartin"]) {
      assert.equal(QuizCheck.check(key, typed(text), GERMAN).right, false, text);
    }
  });

  test("a trailing full stop, question or exclamation mark or ellipsis is no other answer", () => {
    const key = { kind: "text", points: 1, accepted: [["ATACMS"]] };
    for (const text of ["ATACMS.", "atacms!", "ATACMS?", "ATACMS\u2026", "ATACMS ;"]) {
      assert.equal(QuizCheck.check(key, typed(text), GERMAN).right, true, text);
    }
    assert.equal(QuizCheck.check(key, typed(".ATACMS"), GERMAN).right, false);
    assert.equal(QuizCheck.check(key, typed("ATACMS-"), GERMAN).right, true);  // a hyphen: a space
  });

  test("any accepted text passes, not only the first", () => {
    const key = { kind: "text", points: 1, accepted: [["Wladimir Putin", "Putin"]] };
    assert.equal(QuizCheck.check(key, typed("Putin"), GERMAN).right, true);
    assert.equal(QuizCheck.check(key, typed("putin."), GERMAN).right, true);
    assert.equal(QuizCheck.check(key, typed("Wladimir"), GERMAN).right, false);
  });

  test("punctuation alone does not pass for an empty answer", () => {
    const key = { kind: "text", points: 1, accepted: [["Kiew"]] };
    assert.equal(QuizCheck.check(key, typed("."), GERMAN).right, false);
  });

  test("an empty answer is wrong", () => {
    const key = { kind: "text", points: 1, accepted: [["Kiew"]] };
    assert.equal(QuizCheck.check(key, typed(""), GERMAN).right, false);
  });
});

describe("check: select", () => {
  const key = { kind: "select", points: 1, correct: ["0", "1", "2"] };

  test("every row on its partner is right", () => {
    const result = QuizCheck.check(key, typed("0", "1", "2"), GERMAN);
    assert.deepEqual(verdict(result), { right: true, marks: ["right", "right", "right"], note: "" });
  });

  test("a swapped pair marks both rows wrong", () => {
    const result = QuizCheck.check(key, typed("0", "2", "1"), GERMAN);
    assert.deepEqual(verdict(result), { right: false, marks: ["right", "wrong", "wrong"], note: "" });
  });

  test("an unchosen row is wrong", () => {
    assert.equal(QuizCheck.check(key, typed("0", "1", ""), GERMAN).right, false);
  });

  test("values compare exactly", () => {
    assert.equal(QuizCheck.check(key, typed("0", "1", " 2"), GERMAN).right, false);
  });
});

describe("check: kinds", () => {
  test("the known kinds are the four Python writes", () => {
    assert.deepEqual(QuizCheck.KINDS, ["choice", "text", "number", "select"]);
  });

  test("an unknown kind is an error naming it", () => {
    assert.throws(
      () => QuizCheck.check({ kind: "essay", correct: [] }, typed("x"), GERMAN),
      /no checker for answer kind "essay"/,
    );
  });
});

describe("band", () => {
  test("each band starts at its edge", () => {
    assert.equal(QuizCheck.band(1), "great");
    assert.equal(QuizCheck.band(0.9), "great");
    assert.equal(QuizCheck.band(0.7), "good");
    assert.equal(QuizCheck.band(0.5), "fair");
    assert.equal(QuizCheck.band(0), "low");
  });

  test("just below an edge is the band below", () => {
    assert.equal(QuizCheck.band(0.8999), "good");
    assert.equal(QuizCheck.band(0.6999), "fair");
    assert.equal(QuizCheck.band(0.4999), "low");
  });

  test("9 of 10 points is great, 7 of 10 good (no rounding trouble)", () => {
    assert.equal(QuizCheck.band(9 / 10), "great");
    assert.equal(QuizCheck.band(7 / 10), "good");
    assert.equal(QuizCheck.band(5 / 10), "fair");
  });
});

describe("fill", () => {
  test("fills every named placeholder", () => {
    assert.equal(QuizCheck.fill("{score} von {max}", { score: 3, max: 10 }), "3 von 10");
  });

  test("fills a placeholder used twice", () => {
    assert.equal(QuizCheck.fill("{n}+{n}", { n: 1 }), "1+1");
  });

  test("leaves an unknown placeholder as it is", () => {
    assert.equal(QuizCheck.fill("{score} von {max}", { score: 3 }), "3 von {max}");
  });

  test("does not read inherited properties", () => {
    assert.equal(QuizCheck.fill("{constructor}", {}), "{constructor}");
  });

  test("a value containing braces is not filled again", () => {
    assert.equal(QuizCheck.fill("{a} {b}", { a: "{b}", b: "x" }), "{b} x");
  });
});

describe("check: points", () => {
  const options = ["1", "3", "0", "2"];
  // right options 0, 2 and 3 of four; 3 points
  const multiple = { kind: "choice", points: 3, correct: ["0", "2", "3"] };
  const partial = Object.assign({}, multiple, { partial: true });

  test("all or nothing by default: a wholly right answer earns every point, else none", () => {
    assert.equal(QuizCheck.check(multiple, ticked(options, ["0", "2", "3"]), GERMAN).points, 3);
    const some = QuizCheck.check(multiple, ticked(options, ["0", "2"]), GERMAN);
    assert.deepEqual([some.share, some.points], [0, 0]);
    const cloze = { kind: "text", points: 2, accepted: [["Kiew"], ["ATACMS"]] };
    assert.equal(QuizCheck.check(cloze, typed("Kiew", "HIMARS"), GERMAN).points, 0);
    const match = { kind: "select", points: 2, correct: ["0", "1"] };
    assert.equal(QuizCheck.check(match, typed("0", "0"), GERMAN).points, 0);
  });

  test("partial multiple choice: right ticks minus wrong ticks over the right options", () => {
    const two = QuizCheck.check(partial, ticked(options, ["0", "2"]), GERMAN);
    assert.deepEqual([two.right, two.share, two.points], [false, 2 / 3, 2]);
    const mixed = QuizCheck.check(partial, ticked(options, ["0", "2", "1"]), GERMAN);
    assert.deepEqual([mixed.share, mixed.points], [1 / 3, 1]);
    const all = QuizCheck.check(partial, ticked(options, ["0", "1", "2", "3"]), GERMAN);
    assert.equal(all.points, 2);  // three right ticks, one wrong
    assert.equal(QuizCheck.check(partial, ticked(options, ["0", "2", "3"]), GERMAN).points, 3);
  });

  test("partial multiple choice never goes below 0", () => {
    const key = { kind: "choice", points: 2, correct: ["0"], partial: true };
    const result = QuizCheck.check(key, ticked(["0", "1", "2"], ["1", "2"]), GERMAN);
    assert.deepEqual([result.share, result.points], [0, 0]);
    const one = QuizCheck.check(key, ticked(["0", "1", "2"], ["0", "1"]), GERMAN);
    assert.equal(one.points, 0);
  });

  test("partial cloze: each gap its share", () => {
    const cloze = { kind: "text", points: 2, accepted: [["Kiew"], ["ATACMS"]], partial: true };
    const half = QuizCheck.check(cloze, typed("Kiew", "HIMARS"), GERMAN);
    assert.deepEqual([half.right, half.share, half.points], [false, 0.5, 1]);
    assert.equal(QuizCheck.check(cloze, typed("", ""), GERMAN).points, 0);
  });

  test("partial match and order: each row or item in its right place its share", () => {
    const match = { kind: "select", points: 4, correct: ["2", "0", "1", "3"], partial: true };
    const three = QuizCheck.check(match, typed("2", "0", "3", "3"), GERMAN);
    assert.deepEqual([three.share, three.points], [0.75, 3]);
    const order = { kind: "select", points: 1, correct: ["3", "1", "2"], partial: true };
    const one = QuizCheck.check(order, typed("3", "2", "1"), GERMAN);
    assert.deepEqual([one.share, one.points], [1 / 3, 0.33]);  // points in hundredths
  });

  test("a wrong single choice or number earns nothing, partial or not", () => {
    const key = { kind: "number", points: 2, answer: 5, tolerance: 0, unit: "", partial: true };
    assert.equal(QuizCheck.check(key, typed("4"), GERMAN).points, 0);
  });
});

describe("total", () => {
  test("adds points as whole hundredths: a third and three more make 2, not 1.9999999999999998", () => {
    const third = QuizCheck.check(
      { kind: "select", points: 1, correct: ["1", "2", "3"], partial: true }, typed("1", "3", "2"), GERMAN,
    ).points;
    assert.equal(third, 0.33);
    assert.equal(QuizCheck.total([1, 0.33, 0.33, 0.33]), 1.99);
    assert.equal(QuizCheck.total([0.1, 0.2]), 0.3);
    assert.equal(QuizCheck.total([]), 0);
  });

  test("the band at exactly half is fair, as the rows add up", () => {
    const rows = [1, 0.5, 0.25, 0.25];
    assert.equal(QuizCheck.band(QuizCheck.total(rows) / 4), "fair");
  });
});

describe("formatPoints", () => {
  test("at most two decimals, in the page's language", () => {
    assert.equal(QuizCheck.formatPoints(2 / 3, "de"), "0,67");
    assert.equal(QuizCheck.formatPoints(2 / 3, "en"), "0.67");
    assert.equal(QuizCheck.formatPoints(3, "de"), "3");
    assert.equal(QuizCheck.formatPoints(1 / 3 + 1 / 3 + 1 / 3, "en"), "1");
  });

  test("a language tag the runtime refuses falls back to plain digits", () => {
    assert.equal(QuizCheck.formatPoints(0.5, "x-not-a-tag!"), "0.5");
  });
});
