// In a saved result file: say whether its verification code still fits what the file shows.
(function () {
  "use strict";
  var sheet = document.querySelector(".result-sheet");
  var status = sheet && sheet.querySelector(".result-verify");
  if (!status) return;
  var code = sheet.querySelector(".result-code");  // taken out by hand: nothing fits
  var fits = !!code && ResultCode.code(ResultCode.fieldsOf(sheet)) === code.textContent.trim();
  status.textContent = status.getAttribute(fits ? "data-fits" : "data-edited");
  status.className = "result-verify " + (fits ? "fits" : "edited");
})();
