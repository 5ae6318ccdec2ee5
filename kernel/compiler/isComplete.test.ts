import { strict as assert } from "assert";
import { isComplete, type CompleteStatus } from "./isComplete";

describe("kernel: is_complete", () => {
  const cases: [string, CompleteStatus["status"], string?][] = [
    ["1", "complete"],
    ["let x = 1;", "complete"],
    ["function f(a: number) {\n  return a;\n}", "complete"],
    ["<number>x", "complete"],
    ["", "complete"],
    ["function f(a: number) {", "incomplete", "  "],
    ["const X = [[1, 2],\n  [3, 4],", "incomplete", "  "],
    ["if (cost > 0.5) {\n  console.log(cost);", "incomplete", "  "],
    ["model(X, Y,", "incomplete", ""],
    ["const f = (z: number) =>", "incomplete", "  "],
    ["const note = `a template", "incomplete", ""],
    ["/* open comment", "incomplete", ""],
    ["const cost =", "incomplete", ""],
    ["x = 1 +\n", "incomplete", ""],
    ["let 1x = 3;", "invalid"],
    ["}", "invalid"],
    ['const s = "unterminated', "invalid"],
    ["1 +* 2", "invalid"],
    ["model(X, Y,\n\n", "invalid"], // a blank line ends the input, as in IPython's console
  ];
  for (const [code, status, indent] of cases) {
    it(`${JSON.stringify(code)} is ${status}`, () => {
      const got = isComplete(code);
      assert.equal(got.status, status);
      assert.equal(got.indent, status === "incomplete" ? indent : undefined);
    });
  }
});
