import { strict as assert } from "assert";
import { History, globToRegExp } from "./history";

describe("kernel: history", () => {
  const history = new History();
  ["let w = 0;", "6 * 7", "w + 1", "6 * 7", "console.log(w)"].forEach((input, i) => history.add(i + 1, input));
  history.setOutput(2, "42");
  history.setOutput(4, "42");

  it("tail gives the last n inputs in order", () => {
    assert.deepEqual(history.query({ hist_access_type: "tail", n: 2 }), [
      [1, 4, "6 * 7"],
      [1, 5, "console.log(w)"],
    ]);
  });
  it("output=true pairs each input with its text output (null when none)", () => {
    assert.deepEqual(history.query({ hist_access_type: "tail", n: 2, output: true }), [
      [1, 4, ["6 * 7", "42"]],
      [1, 5, ["console.log(w)", null]],
    ]);
  });
  it("range gives start <= line < stop of the current session (1, or 0 as IPython allows)", () => {
    assert.deepEqual(history.query({ hist_access_type: "range", session: 1, start: 2, stop: 4 }), [
      [1, 2, "6 * 7"],
      [1, 3, "w + 1"],
    ]);
    assert.equal(history.query({ hist_access_type: "range", session: 0, start: 1 }).length, 5);
    assert.deepEqual(history.query({ hist_access_type: "range", session: 7, start: 1 }), []);
  });
  it("search globs whole inputs; unique keeps the latest of each; n keeps the last n", () => {
    assert.deepEqual(history.query({ hist_access_type: "search", pattern: "6 ? 7" }).map((h) => h[1]), [2, 4]);
    assert.deepEqual(history.query({ hist_access_type: "search", pattern: "6 ? 7", unique: true }), [[1, 4, "6 * 7"]]);
    assert.deepEqual(history.query({ hist_access_type: "search", pattern: "*w*", n: 2 }).map((h) => h[1]), [3, 5]);
  });
  it("glob semantics follow SQLite GLOB (case-sensitive, [sets], literal regex characters)", () => {
    assert.ok(globToRegExp("a[bc]d").test("acd"));
    assert.ok(!globToRegExp("a[^bc]d").test("acd"));
    assert.ok(!globToRegExp("ABC").test("abc"));
    assert.ok(globToRegExp("f(x).y").test("f(x).y"));
    assert.ok(!globToRegExp("f(x).y").test("f(x)zy"));
    assert.ok(globToRegExp("*").test("two\nlines"));
  });
});
