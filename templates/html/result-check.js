// In a saved result file: say whether its verification code still fits what the file shows.
(function () {
  "use strict";
  var sheet = document.querySelector(".result-sheet");
  var status = sheet && sheet.querySelector(".result-verify");
  if (!status) return;
  var written = ResultCode.code(ResultCode.fieldsOf(sheet));
  var fits = written === sheet.querySelector(".result-code").textContent.trim();
  status.textContent = status.getAttribute(fits ? "data-fits" : "data-edited");
  status.className = "result-verify " + (fits ? "fits" : "edited");
})();
