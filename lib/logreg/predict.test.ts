import { strict as assert } from "assert";
import { tf } from "../backend";
import { loadFixture } from "../../test/fixtures/fixtures";
import { predict } from "./predict";

interface PredictCase {
  inputs: { w: number[][]; b: number; X: number[][] };
  predictions: number[][];
}
const fx = loadFixture("logreg").fixtures.predict as Record<"course" | "random", PredictCase>;

describe("predict", () => {
  for (const [name, c] of Object.entries(fx)) {
    it(`gives the numpy reference's 0/1 labels (${name} case)`, () => {
      const w = tf.tensor2d(c.inputs.w);
      const X = tf.tensor2d(c.inputs.X);
      const before = tf.memory().numTensors;
      const yHat = predict(w, c.inputs.b, X);
      assert.equal(tf.memory().numTensors, before + 1, "only the predictions are new");
      assert.equal(yHat.dtype, "float32");
      assert.deepEqual(yHat.arraySync(), c.predictions);
      tf.dispose([w, X, yHat]);
    });
  }

  it("reproduces the course's published example: [[1, 1, 0]]", () => {
    const w = tf.tensor2d([[0.1124579], [0.23106775]]);
    const X = tf.tensor2d([[1, -1.1, -3.2], [1.2, 2, 0.1]]);
    const yHat = predict(w, -0.3, X);
    assert.deepEqual(yHat.arraySync(), [[1, 1, 0]]);
    tf.dispose([w, X, yHat]);
  });

  it("predicts 0 at exactly A = 0.5 (the course's A > 0.5)", () => {
    const w = tf.tensor2d([[1]]);
    const X = tf.tensor2d([[0, 1e-3, -1e-3]]);
    const yHat = predict(w, 0, X);
    assert.deepEqual(yHat.arraySync(), [[0, 1, 0]]);
    tf.dispose([w, X, yHat]);
  });

  it("rejects bad shapes and a non-finite b, naming predict", () => {
    const w1 = tf.tensor1d([0.1, 0.2]);
    const X = tf.tensor2d([[1, -1.1, -3.2], [1.2, 2, 0.1]]);
    assert.throws(() => predict(w1 as unknown as tf.Tensor2D, 0, X), {
      message: "predict: w must have shape (2, 1) to match X of shape (2, 3), got (2,) — a rank-1 array; reshape it to (2, 1)",
    });
    const w = tf.tensor2d([[0.1], [0.2]]);
    assert.throws(() => predict(w, Infinity, X), { message: "predict: b must be a finite number, got Infinity" });
    const XT = tf.transpose(X) as tf.Tensor2D;
    assert.throws(() => predict(w, 0, XT), {
      message: "predict: w of shape (2, 1) and X of shape (3, 2) disagree on n_x: w needs one row per row (feature) of X — X looks transposed: the course stacks examples as columns, X is (n_x, m)",
    });
    tf.dispose([w1, X, w, XT]);
  });
});
