// The quiz's behaviour: check answers against the embedded key, show feedback, keep progress.
// It never inserts bank text as HTML: feedback comes pre-rendered in the page, and the few
// strings this script writes go through textContent.
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("quiz-data").textContent);
  var S = data.strings;
  var storageKey = "quizgen:" + data.bank + ":" + data.version;
  var store = openStorage();
  var questions = Array.prototype.slice.call(document.querySelectorAll("fieldset.question"));
  var state = { answers: {}, checked: {}, whole: false };

  function openStorage() {
    // file:// pages, private windows and strict settings may refuse storage: then nothing is kept.
    try {
      var probe = "quizgen:probe";
      window.localStorage.setItem(probe, probe);
      window.localStorage.removeItem(probe);
      return window.localStorage;
    } catch (e) {
      return null;
    }
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : all;
    });
  }

  function normalise(text) {
    // a phone keyboard may type “ ” or – where the bank has " or -: those must not matter either
    var spaced = String(text).normalize("NFC").trim().replace(/\s+/g, " ")
      .replace(/[\u2010-\u2015\u2212]/g, "-").replace(/[\u201c\u201d\u201e\u00ab\u00bb]/g, '"')
      .replace(/[\u2018\u2019\u201a\u2039\u203a]/g, "'");
    try {
      return spaced.toLocaleLowerCase(data.lang);
    } catch (e) {
      return spaced.toLowerCase();  // a language tag this browser does not know
    }
  }

  function parseNumber(text, unit) {
    var t = String(text).normalize("NFKC").trim();
    if (unit && t.toLocaleLowerCase().endsWith(unit.toLocaleLowerCase())) {
      t = t.slice(0, t.length - unit.length);
    }
    t = t.replace(/[\s\u00a0\u202f']/g, "").replace(/\u2212/g, "-");
    if (data.decimalComma) {
      // 1.000,5 groups thousands with dots; otherwise a comma or a dot is the decimal mark
      t = /^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$/.test(t) ? t.replace(/\./g, "").replace(",", ".") : t.replace(",", ".");
    } else if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) {
      t = t.replace(/,/g, "");
    }
    return /^[+-]?(\d+\.?\d*|\.\d+)$/.test(t) ? parseFloat(t) : NaN;
  }

  function controlsOf(fieldset) {
    return Array.prototype.slice.call(fieldset.querySelectorAll("[data-control]"));
  }

  function isChoice(control) {
    return control.type === "radio" || control.type === "checkbox";
  }

  function readAnswer(fieldset) {
    return controlsOf(fieldset).map(function (c) {
      return isChoice(c) ? c.checked : c.value;
    });
  }

  function writeAnswer(fieldset, values) {
    controlsOf(fieldset).forEach(function (c, i) {
      if (!Array.isArray(values) || i >= values.length) return;
      if (isChoice(c)) c.checked = values[i] === true;
      else if (typeof values[i] === "string") c.value = values[i];
    });
  }

  function isAnswered(fieldset) {
    return controlsOf(fieldset).some(function (c) {
      return isChoice(c) ? c.checked : c.value.trim() !== "";
    });
  }

  // Return {right, marks: [per control: "right" | "wrong" | "missed" | ""], note}.
  function evaluate(fieldset) {
    var key = data.questions[fieldset.dataset.qid];
    var controls = controlsOf(fieldset);
    var marks = [];
    var note = "";
    var right = true;
    controls.forEach(function (c, i) {
      var ok;
      if (key.kind === "choice") {
        var wanted = key.correct.indexOf(c.value) >= 0;
        marks.push(c.checked ? (wanted ? "right" : "wrong") : (wanted ? "missed" : ""));
        ok = c.checked === wanted;
      } else if (key.kind === "text") {
        var given = normalise(c.value);
        ok = key.accepted[i].some(function (a) { return normalise(a) === given; });
        marks.push(ok ? "right" : "wrong");
      } else if (key.kind === "number") {
        var value = parseNumber(c.value, key.unit);
        if (isNaN(value) && c.value.trim() !== "") {
          note = fill(S.not_a_number, { value: c.value.trim() }) + " " +
            fill(S.number_example, { example: data.decimalComma ? "2,5" : "2.5" });
        }
        // a little slack for binary fractions: 2.6 - 2.5 is 0.10000000000000009
        ok = Math.abs(value - key.answer) <= key.tolerance + 1e-9 * Math.max(1, Math.abs(key.answer));
        marks.push(ok ? "right" : "wrong");
      } else {
        ok = c.value === key.correct[i];
        marks.push(ok ? "right" : "wrong");
      }
      right = right && ok;
    });
    return { right: right, marks: marks, note: note };
  }

  function show(fieldset, answered) {
    var result = evaluate(fieldset);
    var feedback = fieldset.querySelector(".feedback");
    var verdict = feedback.querySelector(".verdict");
    controlsOf(fieldset).forEach(function (c, i) {
      var holder = c.closest(".option, .field");
      if (result.marks[i]) holder.setAttribute("data-mark", result.marks[i]);
      else holder.removeAttribute("data-mark");
      c.disabled = true;
    });
    verdict.textContent = (result.right ? S.right : (answered ? S.wrong : S.unanswered)) +
      (result.note ? " " + result.note : "");
    fieldset.setAttribute("data-result", result.right ? "right" : "wrong");
    feedback.querySelector(".solution").hidden = result.right;
    feedback.hidden = false;
    fieldset.querySelector(".check-question").hidden = true;
    fieldset.querySelector(".retry-question").hidden = false;
    return result.right;
  }

  function clear(fieldset) {
    controlsOf(fieldset).forEach(function (c) {
      c.disabled = false;
      if (isChoice(c)) c.checked = false;
      else c.value = "";
      c.closest(".option, .field").removeAttribute("data-mark");
    });
    fieldset.removeAttribute("data-result");
    fieldset.querySelector(".feedback").hidden = true;
    fieldset.querySelector(".check-question").hidden = false;
    fieldset.querySelector(".retry-question").hidden = true;
  }

  function announce(text) {
    var region = document.getElementById("announcer");
    region.textContent = "";
    // a fresh text node is announced even when the same words come twice
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  function scoreOf(fieldsets) {
    return fieldsets.reduce(function (sum, f) {
      return sum + (f.getAttribute("data-result") === "right" ? data.questions[f.dataset.qid].points : 0);
    }, 0);
  }

  function maxPoints() {
    return questions.reduce(function (sum, f) { return sum + data.questions[f.dataset.qid].points; }, 0);
  }

  function showResult() {
    var box = document.getElementById("quiz-result");
    var score = scoreOf(questions);
    var max = maxPoints();
    var share = max ? score / max : 0;
    var message = share >= 0.9 ? S.result_great : share >= 0.7 ? S.result_good
      : share >= 0.5 ? S.result_fair : S.result_low;
    box.textContent = "";
    box.setAttribute("data-score", String(score));
    box.setAttribute("data-max", String(max));
    box.className = "shown " + (share >= 0.9 ? "great" : share >= 0.7 ? "good" : share >= 0.5 ? "fair" : "low");
    var total = document.createElement("p");
    total.className = "score";
    total.textContent = fill(S.score, { score: score, max: max });
    var meter = document.createElement("meter");
    meter.min = 0;
    meter.max = max || 1;
    meter.value = score;
    // the browser colours the bar: red below half, yellow below 70 %, green above
    meter.low = meter.max * 0.5;
    meter.high = meter.max * 0.7;
    meter.optimum = meter.max;
    meter.setAttribute("aria-hidden", "true");
    var words = document.createElement("p");
    words.textContent = message;
    box.appendChild(total);
    box.appendChild(meter);
    box.appendChild(words);
    var missed = questions.filter(function (f) { return f.getAttribute("data-result") !== "right"; });
    if (missed.length) {
      var review = document.createElement("p");
      review.className = "review";
      review.appendChild(document.createTextNode(S.review + " "));
      missed.forEach(function (f) {
        var link = document.createElement("a");
        link.href = "#" + f.id;
        link.textContent = fill(S.question_number, { number: questions.indexOf(f) + 1 });
        review.appendChild(link);
        review.appendChild(document.createTextNode(" "));
      });
      box.appendChild(review);
    }
  }

  function hideResult() {
    var box = document.getElementById("quiz-result");
    box.textContent = "";
    box.className = "";
    box.removeAttribute("data-score");
    box.removeAttribute("data-max");
  }

  function updateProgress() {
    var answered = questions.filter(isAnswered).length;
    document.getElementById("progress-bar").value = answered;
    document.getElementById("progress-text").textContent =
      fill(S.progress, { answered: answered, total: questions.length });
    document.getElementById("reset-quiz").hidden = answered === 0 && !state.whole;
  }

  function save() {
    if (!store) return;
    try {
      store.setItem(storageKey, JSON.stringify(state));
    } catch (e) {
      store = null;  // full or revoked: carry on without saving
    }
  }

  function remember(fieldset) {
    state.answers[fieldset.dataset.qid] = readAnswer(fieldset);
    updateProgress();
    save();
  }

  function checkQuestion(fieldset) {
    if (!isAnswered(fieldset)) {
      announce(S.answer_first);
      return;
    }
    var right = show(fieldset, true);
    state.checked[fieldset.dataset.qid] = true;
    // once the whole quiz was checked, its total follows every later check
    if (state.whole) showResult();
    save();
    fieldset.querySelector(".retry-question").focus();
    announce(right ? S.right : S.wrong);
  }

  function retryQuestion(fieldset) {
    clear(fieldset);
    delete state.checked[fieldset.dataset.qid];
    delete state.answers[fieldset.dataset.qid];
    // the total stays, counting this question as open, until "Reset everything"
    if (state.whole) showResult();
    updateProgress();
    save();
    controlsOf(fieldset)[0].focus();
  }

  function checkQuiz() {
    questions.forEach(function (f) {
      show(f, isAnswered(f));
      state.checked[f.dataset.qid] = true;
    });
    state.whole = true;
    showResult();
    updateProgress();
    save();
  }

  function resetQuiz() {
    questions.forEach(clear);
    state = { answers: {}, checked: {}, whole: false };
    hideResult();
    updateProgress();
    save();
    document.getElementById("questions").focus();
  }

  function forgetOlderVersions() {
    // answers to an earlier edit of this bank no longer fit its questions
    var prefix = "quizgen:" + data.bank + ":";
    var stale = [];
    for (var i = 0; i < store.length; i++) {
      var key = store.key(i);
      if (key && key.indexOf(prefix) === 0 && key !== storageKey) stale.push(key);
    }
    stale.forEach(function (key) { store.removeItem(key); });
  }

  function restore() {
    if (!store) {
      var note = document.getElementById("storage-note");
      note.textContent = S.storage_off;
      return;
    }
    var saved;
    try {
      forgetOlderVersions();
      saved = JSON.parse(store.getItem(storageKey) || "null");
    } catch (e) {
      saved = null;
    }
    if (!saved || typeof saved !== "object") return;
    questions.forEach(function (f) {
      var qid = f.dataset.qid;
      if (saved.answers && Object.prototype.hasOwnProperty.call(saved.answers, qid)) {
        writeAnswer(f, saved.answers[qid]);
        state.answers[qid] = readAnswer(f);
      }
      if (saved.checked && saved.checked[qid] === true) {
        show(f, isAnswered(f));
        state.checked[qid] = true;
      }
    });
    if (saved.whole === true) {
      state.whole = true;
      showResult();
    }
  }

  questions.forEach(function (f) {
    f.addEventListener("input", function () { remember(f); });
    f.addEventListener("change", function () { remember(f); });
    f.querySelector(".check-question").addEventListener("click", function () { checkQuestion(f); });
    f.querySelector(".retry-question").addEventListener("click", function () { retryQuestion(f); });
    f.addEventListener("keydown", function (event) {
      // Enter in a text box checks its question, as a form would submit
      if (event.key === "Enter" && event.target.matches("input[type=text]")) {
        event.preventDefault();
        checkQuestion(f);
      }
    });
  });
  document.getElementById("check-quiz").addEventListener("click", checkQuiz);
  document.getElementById("reset-quiz").addEventListener("click", resetQuiz);
  restore();
  updateProgress();
  document.documentElement.classList.add("js");
})();
