// The typed-answer verdict on the card back (filled in with issue 11).
var QuizgenTyped = { show: function () {} };
QuizgenTyped.show(document);
