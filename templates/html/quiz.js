// The quiz's behaviour in the page: read the controls, show feedback, keep progress. Whether an
// answer is right is QuizCheck's (quiz-check.js, inlined before this file). It never inserts bank
// text as HTML: feedback comes pre-rendered in the page, and the few strings this script writes go
// through textContent.
//
// Progress is kept per question in localStorage, under "quizgen/<bank>/<question id>/<hash>" (the
// hash, computed by quizgen, is of what the page shows and checks for that question): an edited
// question gets a new key and starts empty while every other answer stays; two copies of a quiz
// share the questions they have in common and never delete each other's entries.
// "quizgen/<bank>/whole" says that the whole quiz was checked. Other tabs follow by the storage event.
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("quiz-data").textContent);
  var S = data.strings;
  var checkOptions = { lang: data.lang, decimalComma: data.decimalComma, strings: S };
  var fill = QuizCheck.fill;
  var BAND_MESSAGES = {
    great: S.result_great, good: S.result_good, fair: S.result_fair, low: S.result_low,
  };
  // not "quizgen:<bank>:…": a quiz made by an earlier quizgen deletes every key of that shape
  var prefix = "quizgen/" + data.bank + "/";
  var wholeKey = prefix + "whole";
  var nameKey = prefix + "name";  // the name for the result to hand in
  var store = openStorage();
  var questions = Array.prototype.slice.call(document.querySelectorAll("fieldset.question"));
  var byId = Object.create(null);  // question ids are the bank's: "constructor" is one too
  questions.forEach(function (f) { byId[f.dataset.qid] = f; });
  var state = { whole: false };
  // the questions another version of the quiz (an older copy) holds progress for
  var otherVersions = Object.create(null);
  var checkDialog = document.getElementById("check-confirm");
  var resetDialog = document.getElementById("reset-confirm");
  var handIn = document.getElementById("hand-in");
  var nameBox = document.getElementById("student-name");

  function openStorage() {
    // file:// pages, private windows and strict settings may refuse storage: then nothing is kept.
    // Only read here: a full storage (every file:// page shares one) still gives back what it holds.
    try {
      var storage = window.localStorage;
      storage.getItem(wholeKey);
      return storage;
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

  function isTyped(control) {
    return control.tagName === "INPUT" && !isChoice(control);
  }

  function readAnswer(fieldset) {
    return controlsOf(fieldset).map(function (c) {
      return isChoice(c) ? c.checked : c.value;
    });
  }

  function writeAnswer(fieldset, values) {
    controlsOf(fieldset).forEach(function (c, i) {
      var value = Array.isArray(values) ? values[i] : undefined;
      if (isChoice(c)) c.checked = value === true;
      else c.value = typeof value === "string" ? value : "";
    });
  }

  function isAnswered(fieldset) {
    return controlsOf(fieldset).some(function (c) {
      return isChoice(c) ? c.checked : c.value.trim() !== "";
    });
  }

  function isChecked(fieldset) {
    return fieldset.hasAttribute("data-result");
  }

  function isOpen(fieldset) {
    return !isChecked(fieldset) && !isAnswered(fieldset);
  }

  function nameOf(fieldset) {
    return fill(S.question_number, { number: questions.indexOf(fieldset) + 1 });
  }

  function linkTo(fieldset) {
    var link = document.createElement("a");
    link.href = "#" + fieldset.id;
    link.textContent = nameOf(fieldset);
    return link;
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
      // the answer as text beside its box, so that a long one wraps whole (quiz.css)
      var typed = holder.querySelector(".typed");
      if (typed) typed.textContent = c.value;
    });
    var max = data.questions[fieldset.dataset.qid].points;
    var score = points(result.points);
    var partly = max === 1 ? fill(S.partly_one, { score: score })
      : fill(S.partly_other, { score: score, max: points(max) });
    var words = result.right ? S.right : result.share > 0 ? partly
      : answered ? S.wrong : S.unanswered;
    verdict.textContent = words + (result.note ? " " + result.note : "");
    // "partial": some parts earned their share (scoring: partial); its solution shows, as a wrong one's
    fieldset.setAttribute("data-result", result.right ? "right" : result.share > 0 ? "partial" : "wrong");
    fieldset.setAttribute("data-points", String(result.points));
    feedback.querySelector(".solution").hidden = result.right;
    feedback.hidden = false;
    hint(fieldset, "");
    fieldset.querySelector(".check-question").hidden = true;
    fieldset.querySelector(".retry-question").hidden = false;
  }

  function unlock(fieldset) {
    controlsOf(fieldset).forEach(function (c) {
      c.disabled = false;
      var holder = c.closest(".option, .field");
      holder.removeAttribute("data-mark");
      var typed = holder.querySelector(".typed");
      if (typed) typed.textContent = "";
    });
    fieldset.removeAttribute("data-result");
    fieldset.removeAttribute("data-points");
    fieldset.querySelector(".feedback").hidden = true;
    fieldset.querySelector(".check-question").hidden = false;
    fieldset.querySelector(".retry-question").hidden = true;
  }

  function hint(fieldset, text) {
    // shown on the card and read out (the box is a status region); written a moment later so
    // that the same words said twice are announced twice
    var box = fieldset.querySelector(".answer-first");
    window.clearTimeout(box.pending);
    box.textContent = "";
    if (text) box.pending = window.setTimeout(function () { box.textContent = text; }, 50);
  }

  function points(value) {
    return QuizCheck.formatPoints(value, data.lang);
  }

  function earned(fieldset) {
    return isChecked(fieldset) ? parseFloat(fieldset.getAttribute("data-points")) : 0;
  }

  function scoreOf(fieldsets) {
    return QuizCheck.total(fieldsets.map(earned));
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
    total.textContent = fill(S.score, { score: points(score), max: points(max) });
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
        review.appendChild(linkTo(f));
        review.appendChild(document.createTextNode(" "));
      });
      box.appendChild(review);
    }
    handIn.hidden = false;
  }

  function hideResult() {
    var box = document.getElementById("quiz-result");
    box.textContent = "";
    box.className = "";
    box.removeAttribute("data-score");
    box.removeAttribute("data-max");
    handIn.hidden = true;
  }

  function followResult() {
    if (state.whole) showResult();
    else hideResult();
  }

  function updateProgress() {
    var answered = questions.filter(isAnswered).length;
    document.getElementById("progress-bar").value = answered;
    document.getElementById("progress-text").textContent =
      fill(S.progress, { answered: answered, total: questions.length });
    document.getElementById("reset-quiz").hidden = answered === 0 && !state.whole;
  }

  // --- the result to hand in -------------------------------------------------------------------

  function add(parent, tag, className, text) {
    var node = parent.ownerDocument.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    parent.appendChild(node);
    return node;
  }

  function labelOf(control) {
    // the label as seen: without words for screen readers only ("place of …")
    var label = control.labels && control.labels[0];
    if (!label) return "";
    var seen = label.cloneNode(true);
    Array.prototype.forEach.call(seen.querySelectorAll(".sr-only"), function (n) { n.remove(); });
    return seen.textContent.replace(/\s+/g, " ").trim();
  }

  function answerText(fieldset) {
    // the answer as the student gave it: ticked options, typed texts ("…" for an empty gap among
    // others), each row's pick after its item
    var parts = [];
    var typed = false;
    controlsOf(fieldset).forEach(function (c) {
      if (isChoice(c)) {
        if (c.checked) parts.push(labelOf(c));
      } else if (c.tagName === "SELECT") {
        if (c.value !== "") parts.push(labelOf(c) + " \u2192 " + c.options[c.selectedIndex].text);
      } else {
        typed = typed || c.value.trim() !== "";
        parts.push(c.value.trim() || "\u2026");
      }
    });
    return typed || parts.some(function (p) { return p !== "\u2026"; }) ? parts.join("; ") : S.result_none;
  }

  function promptOf(fieldset) {
    var text = fieldset.querySelector(".q-prompt").textContent.replace(/\s+/g, " ").trim();
    return text.length > 140 ? text.slice(0, 139).trim() + "\u2026" : text;
  }

  function pointsOf(fieldset) {
    return fill(S.result_points_of, {
      score: points(earned(fieldset)), max: points(data.questions[fieldset.dataset.qid].points),
    });
  }

  function savedAt() {
    try {
      return new Date().toLocaleString(data.lang, { dateStyle: "long", timeStyle: "short" });
    } catch (e) {
      return new Date().toLocaleString();
    }
  }

  function resultSheet() {
    // built with textContent only: a name or an answer is shown as text, in the file too
    var sheet = document.createElement("article");
    sheet.className = "result-sheet";
    sheet.setAttribute("lang", data.lang);
    sheet.setAttribute("data-bank", data.bank);
    add(sheet, "p", "result-label", S.result_label);
    add(sheet, "h1", "", data.title);
    var facts = add(sheet, "dl", "", "");
    add(facts, "dt", "", S.result_name);
    add(facts, "dd", "result-name", nameBox.value.trim() || S.result_no_name);
    add(facts, "dt", "", S.result_date);
    add(facts, "dd", "result-date", savedAt());
    var table = add(sheet, "table", "", "");
    var columns = ["result-n", "result-q", "result-a", "result-p"];
    var widths = add(table, "colgroup", "", "");  // fixed widths, whatever row comes first
    columns.forEach(function (name) { add(widths, "col", name, ""); });
    var heads = add(table, "thead", "", "");
    // printed only, on each page: whose result this is (the code covers the name above)
    add(add(heads, "tr", "result-who", ""), "th", "", "").textContent =
      (nameBox.value.trim() || S.result_no_name) + " \u00b7 " + data.title;
    heads.firstChild.firstChild.colSpan = 4;
    var head = add(heads, "tr", "", "");
    [S.result_number, S.result_question, S.result_answer, S.result_points].forEach(function (h, i) {
      add(head, "th", columns[i], h).scope = "col";
    });
    var body = add(table, "tbody", "", "");
    questions.forEach(function (f, i) {
      var row = add(body, "tr", "", "");
      row.setAttribute("data-qid", f.dataset.qid);
      add(row, "td", "result-n", String(i + 1));
      add(row, "td", "result-q", promptOf(f));
      add(row, "td", "result-a", answerText(f));
      add(row, "td", "result-p", pointsOf(f));
    });
    var foot = add(add(table, "tfoot", "", ""), "tr", "", "");
    add(foot, "td", "", S.result_total).colSpan = 3;
    add(foot, "td", "result-p result-total",
      fill(S.result_points_of, { score: points(scoreOf(questions)), max: points(maxPoints()) }));
    var line = add(sheet, "p", "result-code-line", S.result_code + " ");
    add(line, "span", "result-code", ResultCode.code(ResultCode.fieldsOf(sheet)));
    var verify = add(sheet, "p", "result-verify", S.result_unchecked);
    verify.setAttribute("data-fits", S.result_fits);
    verify.setAttribute("data-edited", S.result_edited);
    add(sheet, "p", "result-made", S.result_made);
    return sheet;
  }

  function resultFile(sheet) {
    // a document of its own, serialised: its style and script are the ones quizgen hashed for
    // its Content Security Policy (data.result), and every text in it goes through the DOM
    var doc = document.implementation.createHTMLDocument("");
    var r = data.result;
    doc.documentElement.setAttribute("lang", data.lang);
    doc.head.textContent = "";
    [["charset", "utf-8"], ["http-equiv", "Content-Security-Policy", r.csp],
      ["name", "viewport", "width=device-width, initial-scale=1"],
      ["name", "referrer", "no-referrer"]].forEach(function (attributes) {
      var meta = doc.createElement("meta");
      meta.setAttribute(attributes[0], attributes[1]);
      if (attributes[2]) meta.setAttribute("content", attributes[2]);
      doc.head.appendChild(meta);
    });
    add(doc.head, "title", "", S.result_label + ": " + data.title);
    // a style element would be applied here, against this page's policy: its place is kept
    // by a stand-in, replaced in the text
    add(doc.head, "meta", "", "").setAttribute("name", "quizgen-style");
    add(add(doc.body, "main", "", ""), "div", "", "").replaceWith(doc.importNode(sheet, true));
    add(doc.body, "script", "", r.script);
    var style = "<" + "style>" + r.style + "</" + "style>";
    return "<!DOCTYPE html>\n" + doc.documentElement.outerHTML
      .replace('<meta name="quizgen-style">', function () { return style; }) + "\n";
  }

  function fileName() {
    var name = nameBox.value.normalize("NFC").replace(/[^\p{L}\p{N}]+/gu, "-")
      .replace(/^-+|-+$/g, "").slice(0, 60);
    return fill(S.result_file, { bank: data.bank }) + (name ? "-" + name : "") + ".html";
  }

  function saveResult() {
    // a download made here, from the page's own data: it works from file:// and sends nothing
    var blob = new Blob([resultFile(resultSheet())], { type: "text/html;charset=utf-8" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = fileName();
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(function () { URL.revokeObjectURL(link.href); }, 60000);
  }

  function printResult() {
    // the same sheet, printed alone (quiz-flow.css); its code needs no check, it was just made
    var holder = document.getElementById("result-print");
    var sheet = resultSheet();
    sheet.removeChild(sheet.querySelector(".result-verify"));
    holder.textContent = "";
    holder.appendChild(sheet);
    document.body.classList.add("print-result");
    window.print();
  }

  // --- storage ---------------------------------------------------------------------------------

  function entryKey(qid) {
    return prefix + qid + "/" + data.hashes[qid];
  }

  function readEntry(raw) {
    var entry;
    try {
      entry = JSON.parse(raw);
    } catch (e) {
      return null;
    }
    return entry && typeof entry === "object" && Array.isArray(entry.a) ? entry : null;
  }

  function hasProgress(entry) {
    return !!entry && (entry.c === true || entry.a.some(function (v) {
      return v === true || (typeof v === "string" && v.trim() !== "");
    }));
  }

  function put(key, value) {
    if (!store) return;
    try {
      if (value === null) store.removeItem(key);
      else store.setItem(key, value);
    } catch (e) {
      // full: this answer is not kept, so no older one may come back in its place (and removing
      // it frees room); the next save tries again, resets and the other tabs still reach storage
      try {
        store.removeItem(key);
      } catch (ignored) {
        store = null;  // revoked altogether
      }
      document.getElementById("storage-note").textContent = S.storage_off;
    }
  }

  function save(fieldset) {
    var qid = fieldset.dataset.qid;
    var entry = { a: readAnswer(fieldset), c: isChecked(fieldset) };
    if (hasProgress(entry)) put(entryKey(qid), JSON.stringify(entry));
    // where another version of the question has progress, an empty entry stays: it marks this
    // version as seen, so that the page says only once that the question was changed
    else put(entryKey(qid), qid in otherVersions ? JSON.stringify({ a: [], c: false }) : null);
  }

  function saveWhole() {
    put(wholeKey, state.whole ? "1" : null);
  }

  function apply(fieldset, entry) {
    writeAnswer(fieldset, entry ? entry.a : []);
    if (entry && entry.c === true) show(fieldset, isAnswered(fieldset));
    else if (isChecked(fieldset)) unlock(fieldset);
  }

  function parseKey(key) {
    // the question and whether the key is of this version of it, or null for no question's key
    if (!key || key.indexOf(prefix) !== 0) return null;
    var parts = key.slice(prefix.length).split("/");
    if (parts.length !== 2 || !(parts[0] in byId)) return null;
    return { qid: parts[0], current: parts[1] === data.hashes[parts[0]] };
  }

  function scan() {
    var current = Object.create(null);
    for (var i = 0; i < store.length; i++) {
      var key = store.key(i);
      var found = parseKey(key);
      if (!found) continue;
      var entry = readEntry(store.getItem(key));
      if (found.current) current[found.qid] = entry;
      else if (hasProgress(entry)) otherVersions[found.qid] = true;
    }
    return current;
  }

  function tellChanged(changed) {
    var note = document.getElementById("changed-note");
    var parts = changed.length === 1
      ? fill(S.changed_one, { question: "\u0000" }).split("\u0000")
      : [fill(S.changed_other, { count: changed.length }) + " "];
    // a moment after loading, so that screen readers announce it
    window.setTimeout(function () {
      note.textContent = "";
      note.appendChild(document.createTextNode(parts[0]));
      if (changed.length === 1) {
        note.appendChild(linkTo(changed[0]));
        note.appendChild(document.createTextNode(parts.slice(1).join("")));
      } else {
        changed.forEach(function (f, i) {
          if (i) note.appendChild(document.createTextNode(", "));
          note.appendChild(linkTo(f));
        });
      }
    }, 100);
  }

  function restore() {
    if (!store) {
      document.getElementById("storage-note").textContent = S.storage_off;
      return;
    }
    var saved;
    try {
      saved = scan();
      state.whole = store.getItem(wholeKey) === "1";
    } catch (e) {
      return;
    }
    nameBox.value = store.getItem(nameKey) || "";
    var changed = [];
    questions.forEach(function (f) {
      var qid = f.dataset.qid;
      if (qid in saved) apply(f, saved[qid]);
      else if (qid in otherVersions) changed.push(f);
    });
    changed.forEach(save);  // marks them seen: the note comes once
    if (state.whole) showResult();
    if (changed.length) tellChanged(changed);
  }

  function follow(event) {
    // another tab (or copy) of this quiz saved something: show the same here
    if (!store) return;
    if (event.key === null) {  // storage cleared
      questions.forEach(function (f) { apply(f, readEntry(store.getItem(entryKey(f.dataset.qid)))); });
      state.whole = store.getItem(wholeKey) === "1";
      nameBox.value = store.getItem(nameKey) || "";
    } else if (event.key === wholeKey) {
      state.whole = event.newValue === "1";
    } else if (event.key === nameKey) {
      nameBox.value = event.newValue || "";
      return;
    } else {
      var found = parseKey(event.key);
      if (!found) return;
      var entry = readEntry(event.newValue);
      if (!found.current) {
        if (hasProgress(entry)) otherVersions[found.qid] = true;
        return;
      }
      hint(byId[found.qid], "");
      apply(byId[found.qid], entry);
    }
    followResult();
    updateProgress();
  }

  // --- what the student does -------------------------------------------------------------------

  function remember(fieldset) {
    hint(fieldset, "");
    save(fieldset);
    updateProgress();
  }

  function checkQuestion(fieldset) {
    if (!isAnswered(fieldset)) {
      hint(fieldset, S.answer_first);
      return;
    }
    show(fieldset, true);
    save(fieldset);
    // every question checked, one by one, is the whole quiz checked: the total and the hand-in
    if (!state.whole && questions.every(isChecked)) {
      state.whole = true;
      saveWhole();
      updateProgress();
    }
    // once the whole quiz was checked, its total follows every later check
    if (state.whole) showResult();
    // to the result, not to "try again": a second Enter must not undo the answer
    fieldset.querySelector(".verdict").focus();
  }

  function retryQuestion(fieldset, event) {
    // "try again" takes the place of "check": a double click on that must not undo the answer
    if (event.detail > 1) return;
    unlock(fieldset);
    writeAnswer(fieldset, []);
    save(fieldset);
    // the total stays, counting this question as open, until "Reset everything"
    if (state.whole) showResult();
    updateProgress();
    controlsOf(fieldset)[0].focus();
  }

  function onEnter(fieldset, event) {
    // Enter moves on to the next box of the question; from the last it checks, as a form submits
    if (event.key !== "Enter" || event.isComposing || !isTyped(event.target)) return;
    event.preventDefault();
    var typed = controlsOf(fieldset).filter(isTyped);
    var next = typed[typed.indexOf(event.target) + 1];
    if (next) next.focus();
    else checkQuestion(fieldset);
  }

  function openDialog(dialog) {
    if (typeof dialog.showModal === "function") dialog.showModal();
    else dialog.setAttribute("open", "");
  }

  function closeDialog(dialog) {
    if (typeof dialog.close === "function") dialog.close();
    else dialog.removeAttribute("open");
  }

  function checkQuiz() {
    var open = questions.filter(isOpen);
    if (!open.length) {
      checkAll();
      return;
    }
    // unanswered questions would be locked with their solutions shown: ask first
    var name = nameOf(open[0]);
    document.getElementById("check-confirm-text").textContent = open.length === 1
      ? fill(S.check_open_one, { question: name })
      : fill(S.check_open_other, { count: open.length });
    openDialog(checkDialog);
  }

  function checkAll() {
    questions.forEach(function (f) {
      show(f, isAnswered(f));
      save(f);
    });
    state.whole = true;
    saveWhole();
    showResult();
    updateProgress();
  }

  function keepAnswering() {
    closeDialog(checkDialog);
    var first = questions.filter(isOpen)[0];
    if (first) controlsOf(first)[0].focus();
  }

  function resetQuiz() {
    closeDialog(resetDialog);
    questions.forEach(function (f) {
      unlock(f);
      writeAnswer(f, []);
      hint(f, "");
      save(f);
    });
    state.whole = false;
    saveWhole();
    // a shared classroom computer: the next student's result must not carry this name
    nameBox.value = "";
    put(nameKey, null);
    hideResult();
    updateProgress();
    document.getElementById("changed-note").textContent = "";
    document.getElementById("questions").focus();
  }

  questions.forEach(function (f) {
    f.addEventListener("input", function () { remember(f); });
    f.addEventListener("change", function () { remember(f); });
    f.addEventListener("keydown", function (event) { onEnter(f, event); });
    f.querySelector(".check-question").addEventListener("click", function () { checkQuestion(f); });
    f.querySelector(".retry-question").addEventListener("click", function (event) {
      retryQuestion(f, event);
    });
  });
  document.getElementById("check-quiz").addEventListener("click", checkQuiz);
  document.getElementById("check-confirm-yes").addEventListener("click", function () {
    closeDialog(checkDialog);
    checkAll();
  });
  document.getElementById("check-confirm-open").addEventListener("click", keepAnswering);
  checkDialog.addEventListener("cancel", function (event) {
    event.preventDefault();  // Escape is "keep answering": to the first open question
    keepAnswering();
  });
  document.getElementById("reset-quiz").addEventListener("click", function () { openDialog(resetDialog); });
  document.getElementById("reset-confirm-no").addEventListener("click", function () {
    closeDialog(resetDialog);
  });
  document.getElementById("reset-confirm-yes").addEventListener("click", resetQuiz);
  nameBox.addEventListener("input", function () {
    put(nameKey, nameBox.value.trim() ? nameBox.value : null);
  });
  document.getElementById("save-result").addEventListener("click", saveResult);
  document.getElementById("print-result").addEventListener("click", printResult);
  window.addEventListener("afterprint", function () {
    document.body.classList.remove("print-result");
  });
  window.addEventListener("storage", follow);
  restore();
  updateProgress();
  document.documentElement.classList.add("js");
})();
