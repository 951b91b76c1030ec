// The result file's verification code (templates/html/result-code.js) under Node: node --test tests/js/
"use strict";

const { describe, test } = require("node:test");
const assert = require("node:assert/strict");
const ResultCode = require("../../templates/html/result-code.js");

const FIELDS = ["lighthouse", "The Lighthouse", "Ada", "1 December 2026", "builder", "1", "Mary Ellis", "1 of 1", "1 of 1"];

describe("ResultCode.code", () => {
  test("ten letters of Crockford's base 32 in two groups, the same for the same fields", () => {
    const code = ResultCode.code(FIELDS);
    assert.match(code, /^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    assert.equal(ResultCode.code([...FIELDS]), code);
  });

  test("any change to one field changes the code", () => {
    const code = ResultCode.code(FIELDS);
    FIELDS.forEach((field, i) => {
      const edited = [...FIELDS];
      edited[i] = field + "x";
      assert.notEqual(ResultCode.code(edited), code, `field ${i}`);
    });
    const score = [...FIELDS];
    score[7] = "0 of 1";
    assert.notEqual(ResultCode.code(score), code);
  });

  test("fields cannot be shifted across their boundaries", () => {
    assert.notEqual(ResultCode.code(["a\nb", "c"]), ResultCode.code(["a", "b\nc"]));
    assert.notEqual(ResultCode.code(["a\\", "nb"]), ResultCode.code(["a", "\\nb"]));
    assert.notEqual(ResultCode.code(["ab", ""]), ResultCode.code(["a", "b"]));
  });

  test("non-Latin text and emoji are covered", () => {
    assert.notEqual(ResultCode.code(["Müller 😀"]), ResultCode.code(["Muller 😀"]));
  });
});
