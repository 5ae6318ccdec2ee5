import { strict as assert } from "assert";
import { tf } from "../backend";
import { captureLog } from "../../test/fixtures/captureLog";
import { checkAnswer, expectAbove, expectBelow, expectClose, expectEqual } from "./expect";

const printed = (check: () => void) => captureLog(check).lines;

/** The CheckFailure's message, asserting the check threw one. */
function failure(check: () => void): string {
  try {
    captureLog(check);
  } catch (err) {
    assert.equal((err as Error).name, "CheckFailure", String(err));
    return (err as Error).message;
  }
  assert.fail("the check should have failed");
}

describe("lesson verdicts", () => {
  describe("expectClose", () => {
    it("prints ✔ and the value when the numbers agree within float32 rounding", () => {
      const out = printed(() => expectClose("J", 0.6931472, Math.log(2)));
      assert.deepEqual(out, ["✔ J: 0.6931472"]);
    });

    it("throws with the expected and the actual value, and the allowed difference", () => {
      assert.equal(failure(() => expectClose("db", 0.25, 0.2)), "✘ db: expected 0.2, got 0.25 (allowed difference 0.000003)");
    });

    it("prints integers as TypeScript writes them and at most 6 values of a long array", () => {
      assert.deepEqual(printed(() => expectClose("n_x", 3072, 3072)), ["✔ n_x: 3072"]);
      const column = tf.range(0, 10).reshape([10, 1]);
      assert.deepEqual(printed(() => expectClose("x", column, column)), ["✔ x: [[0], [1], [2], [3], [4], [5], …]"]);
      column.dispose();
    });

    it("compares arrays, typed arrays and tensors entry by entry and names the first difference", () => {
      captureLog(() => expectClose("dw", Float32Array.of(1, 2, 3), [1, 2, 3 + 1e-7]));
      const t = tf.tensor2d([[1, 2], [3, 5]]);
      const message = failure(() => expectClose("M", t, [[1, 2], [3, 4]], { rtol: 0, atol: 0 }));
      assert.match(message, /^✘ M: first difference at \[1, 1\]: expected 4, got 5 \(allowed difference 0\)\n  expected: \[\[1, 2\], \[3, 4\]\]\n  got:      \[\[1, 2\], \[3, 5\]\]$/);
      t.dispose();
    });

    it("tells a wrong shape from wrong values (the rank-1 pitfall) and a wrong length", () => {
      const row = tf.tensor1d([1, 2, 3]);
      assert.match(failure(() => expectClose("A", row, [[1, 2, 3]])), /^✘ A: expected shape \(1, 3\), got \(3,\)/);
      assert.match(failure(() => expectClose("v", [1, 2], [1, 2, 3])), /^✘ v: expected 3 values, got 2/);
      row.dispose();
    });

    it("fails on NaN", () => {
      assert.match(failure(() => expectClose("J", NaN, 0.5)), /^✘ J: expected 0\.5, got NaN/);
    });
  });

  describe("expectEqual, expectBelow, expectAbove", () => {
    it("expectEqual compares strings, numbers and shapes exactly", () => {
      assert.deepEqual(printed(() => expectEqual("X shape", [12288, 209], [12288, 209])), ["✔ X shape: [12288, 209]"]);
      assert.equal(failure(() => expectEqual("X shape", [209, 12288], [12288, 209])), "✘ X shape: expected [12288, 209], got [209, 12288]");
      assert.equal(failure(() => expectEqual("shape", "(3,)", "(3, 1)")), '✘ shape: expected "(3, 1)", got "(3,)"');
    });

    it("expectBelow / expectAbove hold strictly, and NaN fails both", () => {
      assert.deepEqual(printed(() => expectBelow("J after the step", 0.5, 0.6931)), ["✔ J after the step: 0.5 (below 0.6931)"]);
      assert.equal(failure(() => expectBelow("J after the step", 0.7, 0.7)), "✘ J after the step: expected a value below 0.7, got 0.7");
      assert.match(failure(() => expectBelow("error", NaN, 1e-5)), /got NaN/);
      captureLog(() => expectAbove("concave points", 3, 0));
      assert.equal(failure(() => expectAbove("concave points", 0, 0)), "✘ concave points: expected a value above 0, got 0");
      assert.match(failure(() => expectAbove("x", NaN, 0)), /got NaN/);
    });
  });

  describe("checkAnswer", () => {
    it("accepts an answer rounded to 3 decimals", () => {
      assert.deepEqual(printed(() => checkAnswer("myLoss", 0.693, Math.log(2))), ["✔ myLoss: 0.693"]);
    });

    it("says a blank is not answered yet, without giving the answer away", () => {
      for (const blank of [NaN, [NaN, NaN], tf.fill([1, 3], NaN)]) {
        const message = failure(() => checkAnswer("myLoss", blank, [0.6931, 1, 2].slice(0, Array.isArray(blank) ? 2 : 1)));
        assert.equal(message, "✘ myLoss: not answered yet — replace the NaN blank above with your answer");
        if (blank instanceof tf.Tensor) blank.dispose();
      }
      assert.equal(failure(() => checkAnswer("u + col", "", "(3, 3)")), '✘ u + col: not answered yet — write your answer in the "" blank above');
    });

    it("shows the expected value and the learner's for a wrong answer", () => {
      assert.equal(failure(() => checkAnswer("myLoss", 0.5, Math.log(2))), "✘ myLoss: expected 0.69314718, yours 0.5 (allowed difference 0.0010693147)");
      assert.equal(failure(() => checkAnswer("u + col", "(3,)", "(3, 3)")), '✘ u + col: expected "(3, 3)", yours "(3,)"');
      assert.match(failure(() => checkAnswer("myXShape", [500, 3072], [3072, 500], { rtol: 0, atol: 0 })), /^✘ myXShape: first difference at \[0\]: expected 3072, yours 500/);
    });
  });
});
