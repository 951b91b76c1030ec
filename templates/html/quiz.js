// The quiz's behaviour in the page: read the controls, show feedback, keep progress. Whether an
// answer is right is QuizCheck's (quiz-check.js, inlined before this file). It never inserts bank
// text as HTML: feedback comes pre-rendered in the page, and the few strings this script writes go
// through textContent.
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("quiz-data").textContent);
  var S = data.strings;
  var checkOptions = { lang: data.lang, decimalComma: data.decimalComma, strings: S };
  var fill = QuizCheck.fill;
  var BAND_MESSAGES = {
    great: S.result_great, good: S.result_good, fair: S.result_fair, low: S.result_low,
  };
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

  function evaluate(fieldset) {
    var readings = controlsOf(fieldset).map(function (c) {
      return { value: c.value, checked: c.checked === true };
    });
    return QuizCheck.check(data.questions[fieldset.dataset.qid], readings, checkOptions);
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
    var band = QuizCheck.band(share);
    box.textContent = "";
    box.setAttribute("data-score", String(score));
    box.setAttribute("data-max", String(max));
    box.className = "shown " + band;
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
    words.textContent = BAND_MESSAGES[band];
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
