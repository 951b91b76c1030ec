// Parse a GIFT file with the independent gift-pegjs parser and print what it read as JSON.
// Used by tests/test_gift.py: quizgen's GIFT writer is checked by a parser that is not ours.
"use strict";
const fs = require("node:fs");
const { parse } = require("gift-pegjs");

try {
  process.stdout.write(JSON.stringify(parse(fs.readFileSync(process.argv[2], "utf8"))));
} catch (error) {
  process.stderr.write(`${error.location ? `${error.location.start.line}:${error.location.start.column}: ` : ""}${error.message}\n`);
  process.exit(1);
}
