// The Anki card back's typed-answer verdict (templates/anki/typed-answer.js) under Node, on the
// comparison markup real Anki makes (fixtures/anki-typeans.json, from tests/test_typed_answer_fixtures.py).
"use strict";

const { describe, test } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

const TYPED_JS = path.join(__dirname, "../../templates/anki/typed-answer.js");
const CHECK_JS = path.join(__dirname, "../../templates/html/quiz-check.js");
const QuizgenTyped = require(TYPED_JS);
globalThis.QuizCheck = require(CHECK_JS);  // as the card's first inline script defines it
const FIXTURES = JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures/anki-typeans.json"), "utf8"));
const ANKI = Object.fromEntries(FIXTURES.cases.map((c) => [c.name, c]));

const STRINGS = {
  accepted: "Deine Antwort gilt als richtig.",
  not_accepted: "Deine Antwort gilt nicht als richtig.",
  not_a_number: "„{value}“ ist keine Zahl, die das Quiz versteht.",
  number_example: "Schreibe sie zum Beispiel so: {example}",
};

// A DOM just big enough for Anki's comparison markup and the verdict element; the browser test
// (tests/test_anki_typed_browser.py) runs the same script on Chromium's own.
const ENTITIES = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'", darr: "\u2193" };
function decode(text) {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (all, name) => {
    if (name[0] === "#") return String.fromCodePoint(parseInt(name.slice(1).replace(/^x/i, "0x")));
    return ENTITIES[name] !== undefined ? ENTITIES[name] : all;
  });
}

class Text {
  constructor(value) { this.nodeType = 3; this.nodeName = "#text"; this.nodeValue = value; }
  get textContent() { return this.nodeValue; }
}

class Element {
  constructor(name, attributes) {
    this.nodeType = 1;
    this.nodeName = name.toUpperCase();
    this.attributes = attributes;
    this.childNodes = [];
    const element = this;
    this.classList = {
      add(name) { if (!this.contains(name)) element.setAttribute("class", (this.list().concat(name)).join(" ")); },
      remove(name) { element.setAttribute("class", this.list().filter((n) => n !== name).join(" ")); },
      contains(name) { return this.list().includes(name); },
      list() { return (element.getAttribute("class") || "").split(/\s+/).filter(Boolean); },
    };
  }
  getAttribute(name) { return Object.hasOwn(this.attributes, name) ? this.attributes[name] : null; }
  setAttribute(name, value) { this.attributes[name] = String(value); }
  removeAttribute(name) { delete this.attributes[name]; }
  hasAttribute(name) { return Object.hasOwn(this.attributes, name); }
  get textContent() { return this.childNodes.map((n) => n.textContent).join(""); }
  set textContent(value) { this.childNodes = value === "" ? [] : [new Text(String(value))]; }
  get innerHTML() { throw new Error("the script must not touch innerHTML"); }
  set innerHTML(value) { throw new Error("the script must not touch innerHTML"); }
  querySelector(selector) {
    const [, sigil, name] = /^([.#])([\w-]+)$/.exec(selector);
    for (const child of this.childNodes) {
      if (child.nodeType !== 1) continue;
      const hit = sigil === "#" ? child.getAttribute("id") === name : child.classList.contains(name);
      if (hit) return child;
      const deeper = child.querySelector(selector);
      if (deeper) return deeper;
    }
    return null;
  }
}

function parse(html) {
  const root = new Element("body", {});
  const open = [root];
  for (const [, close, tag, attrs, text] of html.matchAll(/<(\/?)(\w+)([^>]*)>|([^<]+)/g)) {
    const parent = open[open.length - 1];
    if (text !== undefined) { parent.childNodes.push(new Text(decode(text))); continue; }
    if (close) { open.pop(); continue; }
    const attributes = {};
    for (const [, name, quoted, bare] of attrs.matchAll(/([\w-]+)(?:=(?:"([^"]*)"|([^\s"]+)))?/g)) {
      attributes[name] = decode(quoted !== undefined ? quoted : bare !== undefined ? bare : "");
    }
    const element = new Element(tag, attributes);
    parent.childNodes.push(element);
    if (tag.toLowerCase() !== "br" && tag.toLowerCase() !== "input") open.push(element);
  }
  return root;
}

function attribute(value) {
  return JSON.stringify(value).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function back(ankiHtml, key, overrides) {
  const data = Object.assign({ key: key, lang: "de", decimalComma: true, strings: STRINGS }, overrides);
  return parse(`<div class="qg-typein">${ankiHtml}</div>` +
    `<p class="qg-typed-verdict" hidden data-key="${attribute(data)}"></p>`);
}

function text(...accepted) {
  return { kind: "text", points: 1, accepted: [accepted] };
}

function number(answer, tolerance, unit) {
  return { kind: "number", points: 1, answer: answer, tolerance: tolerance, unit: unit || "" };
}

function seen(root) {
  const verdict = root.querySelector(".qg-typed-verdict");
  return {
    hidden: verdict.hasAttribute("hidden"),
    class: verdict.getAttribute("class"),
    text: verdict.textContent,
  };
}

describe("typedText", () => {
  for (const c of FIXTURES.cases) {
    test(`reads back what was typed: ${c.name}`, () => {
      const code = parse(c.html).querySelector("#typeans");
      assert.equal(QuizgenTyped.typedText(code), c.typed.normalize("NFC"));
    });
  }

  test("the fixtures come from Anki and cover every form of its markup", () => {
    assert.match(FIXTURES.anki, /^\d+\.\d+/);
    assert.ok(ANKI.exact.html.includes("<span class=typeGood>ATACMS</span></code>"));
    assert.ok(!ANKI.empty.html.includes("<span"));
    assert.ok(ANKI["second accepted"].html.includes("typeMissed>---------<"));
    assert.ok(ANKI["lone combining mark"].html.includes("typeBad>\u00a0\u0301<"));
  });

  test("nothing to read is the empty text", () => {
    assert.equal(QuizgenTyped.typedText(null), "");
    assert.equal(QuizgenTyped.typedText(undefined), "");
    assert.equal(QuizgenTyped.typedText(parse("<input id=typeans>").querySelector("#typeans")), "");
    assert.equal(QuizgenTyped.typedText(parse("<code id=typeans></code>").querySelector("#typeans")), "");
  });

  test("the expected line never leaks into the typed text", () => {
    // typed "Putin" against "Wladimir Putin": the expected line holds "Wladimir " as typeMissed
    const code = parse(ANKI["second accepted"].html).querySelector("#typeans");
    assert.equal(QuizgenTyped.typedText(code), "Putin");
  });

  test("a hyphen the student typed is kept, Anki's placeholder hyphens are not", () => {
    assert.equal(QuizgenTyped.typedText(parse(ANKI["dashes only"].html).querySelector("#typeans")), "---");
  });
});

describe("show", () => {
  const FAIR = [
    ["case", text("Lockheed Martin Corp.", "Lockheed Martin")],
    ["second accepted", text("Wladimir Putin", "Putin")],
    ["unit", number(190, 0, "Meilen")],
    ["decimal point", number(2.5, 0)],
    ["full stop", text("ATACMS")],
    ["exact", text("ATACMS")],
    ["umlauts", text("Müller-Lüdenscheidt", "Mueller-Lüdenscheid")],
    ["decomposed umlaut", text("Müller")],
    ["markup characters", text("a < b & c", "A<B & C > D")],
  ];
  for (const [name, key] of FAIR) {
    test(`an accepted text is accepted: ${name} (${JSON.stringify(ANKI[name].typed)})`, () => {
      const root = back(ANKI[name].html, key);
      assert.equal(QuizgenTyped.show(root), "ok");
      assert.deepEqual(seen(root), { hidden: false, class: "qg-typed-verdict qg-typed-ok", text: STRINGS.accepted });
    });
  }

  test("a wrong text is not accepted", () => {
    const root = back(ANKI["nothing in common"].html, text("Kiew", "Kyjiw"));
    assert.equal(QuizgenTyped.show(root), "wrong");
    assert.deepEqual(seen(root), { hidden: false, class: "qg-typed-verdict qg-typed-wrong", text: STRINGS.not_accepted });
  });

  test("a wrong number is not accepted, and 2.5 in English against 2,5 neither", () => {
    assert.equal(QuizgenTyped.show(back(ANKI.unit.html, number(180, 5, "Meilen"))), "wrong");
    const english = back(ANKI["decimal point"].html, number(25, 0), { lang: "en", decimalComma: false });
    assert.equal(QuizgenTyped.show(english), "wrong");
  });

  test("a text that is no number says how to write one, in the bank's notation", () => {
    const root = back(ANKI["nothing in common"].html, number(2.5, 0));
    assert.equal(QuizgenTyped.show(root), "wrong");
    assert.equal(seen(root).text, "Deine Antwort gilt nicht als richtig. „Odessa“ ist keine Zahl, " +
      "die das Quiz versteht. Schreibe sie zum Beispiel so: 2,5");
  });

  test("nothing typed leaves the verdict hidden and empty", () => {
    const root = back(ANKI.empty.html, text("ATACMS"));
    assert.equal(QuizgenTyped.show(root), "");
    assert.deepEqual(seen(root), { hidden: true, class: "qg-typed-verdict", text: "" });
  });

  test("hostile typed text and hostile strings stay text", () => {
    const hostile = "<img src=x onerror=alert(1)>";
    const strings = Object.assign({}, STRINGS, { accepted: hostile });
    const root = back(ANKI.hostile.html, text("Kiew", hostile), { strings: strings });
    assert.equal(QuizgenTyped.show(root), "ok");
    const verdict = root.querySelector(".qg-typed-verdict");
    assert.equal(verdict.childNodes.length, 1);
    assert.equal(verdict.childNodes[0].nodeType, 3);
    assert.equal(verdict.textContent, hostile);
  });

  test("showing again gives the same, and a new answer replaces the old verdict", () => {
    const root = back(ANKI.case.html, text("Lockheed Martin Corp."));
    QuizgenTyped.show(root);
    const first = seen(root);
    assert.equal(QuizgenTyped.show(root), "ok");
    assert.deepEqual(seen(root), first);
    // Anki desktop keeps the page: the same verdict element may meet another comparison
    const code = root.querySelector("#typeans");
    code.childNodes = parse(ANKI["nothing in common"].html).querySelector("#typeans").childNodes;
    assert.equal(QuizgenTyped.show(root), "wrong");
    assert.equal(seen(root).class, "qg-typed-verdict qg-typed-wrong");
    code.childNodes = [new Text("Lockheed Martin Corp.")];  // and then nothing typed
    assert.equal(QuizgenTyped.show(root), "");
    assert.deepEqual(seen(root), { hidden: true, class: "qg-typed-verdict", text: "" });
  });

  test("missing elements or data leave the card as Anki made it, without an error", () => {
    assert.equal(QuizgenTyped.show(null), "");
    assert.equal(QuizgenTyped.show({}), "");
    assert.equal(QuizgenTyped.show(parse(ANKI.case.html)), "");  // no verdict element
    const alone = parse(`<p class="qg-typed-verdict" hidden data-key="${attribute({ key: text("x"), strings: STRINGS })}"></p>`);
    assert.equal(QuizgenTyped.show(alone), "");  // no comparison
    assert.equal(seen(alone).hidden, true);
  });

  test("a data-key that is not one the script understands leaves the verdict hidden", () => {
    const broken = [
      "",
      "{not json",
      "null",
      JSON.stringify({ strings: STRINGS }),
      JSON.stringify({ key: { kind: "choice", correct: ["0"] }, strings: STRINGS }),
      JSON.stringify({ key: { kind: "toString" }, strings: STRINGS }),
      JSON.stringify({ key: text("ATACMS") }),
      JSON.stringify({ key: text("ATACMS"), strings: { accepted: "ja" } }),
      JSON.stringify({ key: number(1, 0), strings: { accepted: "ja", not_accepted: "nein" } }),
    ];
    for (const value of broken) {
      const root = parse(`${ANKI["full stop"].html}<p class="qg-typed-verdict" hidden data-key="${value.replace(/"/g, "&quot;")}"></p>`);
      assert.equal(QuizgenTyped.show(root), "", value);
      assert.equal(seen(root).hidden, true, value);
    }
  });

  test("without QuizCheck (its script missing) the verdict stays hidden", () => {
    const saved = globalThis.QuizCheck;
    delete globalThis.QuizCheck;
    try {
      const root = back(ANKI["full stop"].html, text("ATACMS"));
      assert.equal(QuizgenTyped.show(root), "");
      assert.equal(seen(root).hidden, true);
    } finally {
      globalThis.QuizCheck = saved;
    }
  });
});

describe("the script as a card carries it", () => {
  const source = fs.readFileSync(TYPED_JS, "utf8");

  test("has no double braces, which Anki's template engine would read", () => {
    for (const file of [TYPED_JS, CHECK_JS]) {
      const text = fs.readFileSync(file, "utf8");
      assert.ok(!text.includes("{{") && !text.includes("}}"), file);
    }
  });

  test("is ES5 in its syntax: no arrows, let, const, classes or template literals", () => {
    const code = source.replace(/\/\/.*$/gm, "").replace(/"(?:[^"\\]|\\.)*"/g, '""');
    for (const pattern of [/=>/, /\blet\b/, /\bconst\b/, /\bclass\b/, /`/]) {
      assert.doesNotMatch(code, pattern);
    }
  });

  test("never writes markup and asks no network", () => {
    for (const word of ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "fetch", "XMLHttpRequest", "eval"]) {
      assert.ok(!source.includes(word), word);
    }
  });

  test("both scripts, run twice in one page as Anki desktop does, define QuizCheck and QuizgenTyped only", () => {
    const context = vm.createContext({});
    const check = fs.readFileSync(CHECK_JS, "utf8");
    for (let run = 0; run < 2; run++) {
      vm.runInContext(check, context);
      vm.runInContext(source, context);
    }
    assert.deepEqual(Object.keys(context).sort(), ["QuizCheck", "QuizgenTyped"]);
    assert.equal(typeof context.QuizgenTyped.show, "function");
    assert.equal(context.QuizgenTyped.show(null), "");  // no document there: nothing to do
  });
});
