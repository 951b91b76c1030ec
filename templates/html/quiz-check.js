// The quiz's pure logic: reading numbers and texts as the bank's language writes them, checking
// one answer against its key entry, filling UI strings, the score band. No DOM and no page data:
// the language comes in as arguments, so Node's test runner (tests/js/) can call every function.
var QuizCheck = (function () {
  "use strict";

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : all;
    });
  }

  // How a typed text compares: typographic quotes and dashes as straight ones (a phone keyboard
  // types them), spaces collapsed; unless `exact`, also case, punctuation at the end, and the
  // difference between a hyphen and a space ("Biden Administration", "storm-shadow")
  function normalise(text, lang, exact) {
    var spaced = String(text).normalize("NFC").trim().replace(/\s+/g, " ")
      .replace(/[\u2010-\u2015\u2212]/g, "-").replace(/[\u201c\u201d\u201e\u00ab\u00bb]/g, '"')
      .replace(/[\u2018\u2019\u201a\u2039\u203a]/g, "'");
    if (exact) return spaced;
    // "ATACMS." ends a sentence, it is no other answer; a text of punctuation alone stays itself
    var bare = spaced.replace(/[\s.,;:!?\u2026]+$/, "");
    if (bare !== "") spaced = bare;
    var joined = spaced.replace(/\s*-\s*/g, " ").trim();
    if (joined !== "") spaced = joined;
    try {
      return spaced.toLocaleLowerCase(lang);
    } catch (e) {
      return spaced.toLowerCase();  // a language tag this browser does not know
    }
  }

  function parseNumber(text, unit, decimalComma) {
    // a full stop or other punctuation after the number or its unit ends the sentence, no more
    var t = String(text).normalize("NFKC").trim().replace(/[\s.,;:!?\u2026]+$/, "");
    if (unit && t.toLocaleLowerCase().endsWith(unit.toLocaleLowerCase())) {
      t = t.slice(0, t.length - unit.length);
    }
    t = t.replace(/[\s\u00a0\u202f']/g, "").replace(/\u2212/g, "-");
    if (decimalComma) {
      // 1.000,5 groups thousands with dots; otherwise a comma or a dot is the decimal mark
      t = /^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$/.test(t) ? t.replace(/\./g, "").replace(",", ".") : t.replace(",", ".");
    } else if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) {
      t = t.replace(/,/g, "");
    }
    return /^[+-]?(\d+\.?\d*|\.\d+)$/.test(t) ? parseFloat(t) : NaN;
  }

  // One checker per answer-key kind that quizgen/targets/html/quiz.py writes. Each gets the key
  // entry, one control's reading {value, checked}, its index and the options; it returns
  // {ok, mark, note}, mark being "right" | "wrong" | "missed" | "".
  var checkers = {
    choice: function (key, control) {
      var wanted = key.correct.indexOf(control.value) >= 0;
      return {
        ok: control.checked === wanted,
        mark: control.checked ? (wanted ? "right" : "wrong") : (wanted ? "missed" : ""),
      };
    },
    text: function (key, control, i, options) {
      var given = normalise(control.value, options.lang, key.exact);
      var ok = key.accepted[i].some(function (a) {
        return normalise(a, options.lang, key.exact) === given;
      });
      return { ok: ok, mark: ok ? "right" : "wrong" };
    },
    number: function (key, control, i, options) {
      var S = options.strings;
      var value = parseNumber(control.value, key.unit, options.decimalComma);
      var note = "";
      if (isNaN(value) && control.value.trim() !== "") {
        note = fill(S.not_a_number, { value: control.value.trim() }) + " " +
          fill(S.number_example, { example: options.decimalComma ? "2,5" : "2.5" });
      }
      // a little slack for binary fractions: 2.6 - 2.5 is 0.10000000000000009
      var ok = Math.abs(value - key.answer) <= key.tolerance + 1e-9 * Math.max(1, Math.abs(key.answer));
      return { ok: ok, mark: ok ? "right" : "wrong", note: note };
    },
    select: function (key, control, i) {
      var ok = control.value === key.correct[i];
      return { ok: ok, mark: ok ? "right" : "wrong" };
    },
  };
  var KINDS = Object.keys(checkers);

  // The share of a question's points that its parts earn under `scoring: partial`: multiple
  // choice right ticks minus wrong ticks (never below 0) over the right options; gaps, rows and
  // items each their share of the fields
  function partialShare(key, controls, results) {
    if (key.kind === "choice") {
      var ticked = 0;
      controls.forEach(function (control, i) {
        if (control.checked) ticked += results[i].mark === "right" ? 1 : -1;
      });
      return Math.max(0, ticked) / key.correct.length;
    }
    var right = results.filter(function (r) { return r.ok; }).length;
    return controls.length ? right / controls.length : 0;
  }

  // Return {right, share, points, marks: [one per control], note} for the readings
  // [{value, checked}] of a question's controls; options are {lang, decimalComma, strings}.
  // share is 1 for a right answer, else its parts' share when the key is partial, else 0;
  // points are the share of the key's points, rounded to hundredths.
  function check(key, controls, options) {
    if (!Object.prototype.hasOwnProperty.call(checkers, key.kind)) {
      throw new Error("quizgen: no checker for answer kind " + JSON.stringify(key.kind));
    }
    var results = controls.map(function (control, i) {
      return checkers[key.kind](key, control, i, options);
    });
    var right = results.every(function (r) { return r.ok; });
    var share = right ? 1 : (key.partial ? partialShare(key, controls, results) : 0);
    var note = "";
    results.forEach(function (r) { if (r.note) note = r.note; });
    return {
      right: right,
      share: share,
      // a question's points in hundredths, as shown: a total of them adds up to what rows say
      points: Math.round(key.points * share * 100) / 100,
      marks: results.map(function (r) { return r.mark; }),
      note: note,
    };
  }

  // The sum of points in hundredths, added as whole hundredths: no 1.9999999999999998
  function total(points) {
    return points.reduce(function (sum, p) { return sum + Math.round(p * 100); }, 0) / 100;
  }

  // Points as the page shows them: at most two decimals, in the page's language (0,67 in German)
  function formatPoints(value, lang) {
    var rounded = Math.round(value * 100) / 100;
    try {
      return rounded.toLocaleString(lang, { maximumFractionDigits: 2 });
    } catch (e) {
      return String(rounded);  // a language tag this browser does not know
    }
  }

  function band(share) {
    return share >= 0.9 ? "great" : share >= 0.7 ? "good" : share >= 0.5 ? "fair" : "low";
  }

  return {
    KINDS: KINDS,
    fill: fill,
    normalise: normalise,
    parseNumber: parseNumber,
    check: check,
    formatPoints: formatPoints,
    total: total,
    band: band,
  };
})();
if (typeof module !== "undefined") module.exports = QuizCheck;
