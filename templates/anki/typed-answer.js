// The Anki card back's fair verdict on a typed answer. Anki compares the typed text letter by letter
// with the first accepted answer only; this reads the typed text back out of Anki's comparison and
// judges it with QuizCheck (templates/html/quiz-check.js), the HTML quiz's own rule. Without
// scripts the verdict element keeps its `hidden` and the card is Anki's comparison alone.
// Kept ES5 for the phones' webviews; never two braces in a row (Anki's template syntax).
var QuizgenTyped = (function () {
  "use strict";

  // the UI strings each kind of key needs: QuizCheck fills the number ones into its note
  var NEEDS = {
    text: ["accepted", "not_accepted"],
    number: ["accepted", "not_accepted", "not_a_number", "number_example"],
  };
  // Anki puts U+00A0 before a span that starts with a combining mark, so it does not join the
  // span before; this takes it off again (the Unicode class where the webview knows it)
  var ISOLATED_MARK = (function () {
    try {
      return new RegExp("^\u00a0(?=\\p{M})", "u");
    } catch (e) {
      return /^\u00a0(?=[\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u0610-\u061a\u064b-\u065f\u0900-\u0903\u093a-\u094f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\u3099\u309a\ufe20-\ufe2f])/;
    }
  })();

  function classes(node) {
    return " " + (node.getAttribute("class") || "") + " ";
  }

  // Return the text the student typed, from Anki's <code id=typeans>: "" when nothing was typed
  // (Anki then shows the expected text bare) or when the markup is not Anki's comparison.
  function typedText(code) {
    var nodes = code && code.childNodes;
    if (!nodes) return "";
    var parts = [];
    for (var i = 0; i < nodes.length; i++) {
      var node = nodes[i];
      if (node.nodeType === 3) {
        if (node.nodeValue.replace(/\s+/g, "") !== "") return "";  // the bare expected text
        continue;
      }
      if (node.nodeType !== 1) continue;
      // the typed line ends where the arrow to the expected line begins
      if (node.nodeName.toLowerCase() === "br" || node.getAttribute("id") === "typearrow") break;
      var name = classes(node);
      // typeMissed spans on the typed line are "-" placeholders for letters not typed
      if (name.indexOf(" typeGood ") >= 0 || name.indexOf(" typeBad ") >= 0) {
        parts.push(node.textContent.replace(ISOLATED_MARK, ""));
      }
    }
    return parts.join("");
  }

  function readData(element) {
    try {
      var data = JSON.parse(element.getAttribute("data-key") || "null");
    } catch (e) {
      return null;
    }
    var kind = data && data.key && data.key.kind;
    if (!Object.prototype.hasOwnProperty.call(NEEDS, kind) || !data.strings) return null;
    for (var i = 0; i < NEEDS[kind].length; i++) {
      if (typeof data.strings[NEEDS[kind][i]] !== "string") return null;
    }
    return data;
  }

  function conceal(verdict) {
    verdict.textContent = "";
    verdict.classList.remove("qg-typed-ok");
    verdict.classList.remove("qg-typed-wrong");
    verdict.setAttribute("hidden", "");
  }

  // Judge what was typed and say so in root's .qg-typed-verdict; again and again gives the same.
  // Return "ok", "wrong", or "" when there is nothing to judge (the verdict stays hidden).
  function show(root) {
    root = root || (typeof document !== "undefined" ? document : null);
    if (!root || !root.querySelector) return "";
    var verdict = root.querySelector(".qg-typed-verdict");
    if (!verdict) return "";
    var data = readData(verdict);
    var typed = typedText(root.querySelector("#typeans"));
    if (!data || typeof QuizCheck === "undefined" || typed.replace(/\s+/g, "") === "") {
      conceal(verdict);
      return "";
    }
    var S = data.strings;
    var result = QuizCheck.check(data.key, [{ value: typed, checked: false }], {
      lang: data.lang || "",
      decimalComma: !!data.decimalComma,
      strings: S,
    });
    var text = result.right ? S.accepted : S.not_accepted;
    if (!result.right && result.note) text += " " + result.note;
    verdict.textContent = String(text);  // bank and catalogue text is text, never markup
    verdict.classList.remove(result.right ? "qg-typed-wrong" : "qg-typed-ok");
    verdict.classList.add(result.right ? "qg-typed-ok" : "qg-typed-wrong");
    verdict.removeAttribute("hidden");
    return result.right ? "ok" : "wrong";
  }

  return { typedText: typedText, show: show };
})();
if (typeof module !== "undefined") module.exports = QuizgenTyped;
