// A saved result's verification code: a short digest of what the result says (bank, name, date,
// each question's answer and points, the total), so that a teacher can spot a result edited by
// hand. It is no signature: the quiz works offline, and whoever reads this script can make a code
// for any result. The quiz page writes it; the saved result file checks it again when opened.
var ResultCode = (function () {
  "use strict";

  var ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";  // Crockford's base 32: no I, L, O or U

  function fnv1a(text, seed) {
    var hash = seed >>> 0;
    for (var i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 16777619) >>> 0;
    }
    return hash;
  }

  function letters(hash) {
    var out = "";
    for (var i = 0; i < 5; i++) out += ALPHABET[(hash >>> (i * 5)) & 31];
    return out;
  }

  // "K3M9Q-7TXWA" for a list of texts: escaped and joined so that no two lists read alike
  function code(fields) {
    var text = fields.map(function (field) {
      return String(field).replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
    }).join("\n");
    return letters(fnv1a(text, 2166136261)) + "-" + letters(fnv1a(text, 0x5bd1e995));
  }

  function textOf(node) {
    return node ? node.textContent.replace(/\s+/g, " ").trim() : "";
  }

  // What the code covers, read from a result sheet as it shows it
  function fieldsOf(sheet) {
    var fields = [sheet.getAttribute("data-bank"), textOf(sheet.querySelector("h1")),
      textOf(sheet.querySelector(".result-name")), textOf(sheet.querySelector(".result-date"))];
    Array.prototype.forEach.call(sheet.querySelectorAll("tbody tr"), function (row) {
      fields.push(row.getAttribute("data-qid"));
      Array.prototype.forEach.call(row.cells, function (cell) { fields.push(textOf(cell)); });
    });
    fields.push(textOf(sheet.querySelector(".result-total")));
    return fields;
  }

  return { code: code, fieldsOf: fieldsOf };
})();
if (typeof module !== "undefined") module.exports = ResultCode;
