import { strict as assert } from "assert";
import { tf } from "../backend";
import { assertClose, assertTensorClose, loadFixture, type Nested } from "../../test/fixtures/fixtures";
import { describeEachImplementation } from "../../test/fixtures/implementations";
import { propagate } from "./propagate";

interface PropagateCase {
  inputs: { w: number[][]; b: number; X: number[][]; Y: number[][] };
  grads: { dw: Nested; db: number };
  cost: number;
}
const fx = loadFixture("logreg").fixtures.propagate as Record<"course" | "random", PropagateCase>;

function tensors(c: PropagateCase) {
  return { w: tf.tensor2d(c.inputs.w), X: tf.tensor2d(c.inputs.X), Y: tf.tensor2d(c.inputs.Y) };
}

describeEachImplementation("propagate", () => {
  for (const [name, c] of Object.entries(fx)) {
    it(`matches the numpy reference (${name} case)`, () => {
      const { w, X, Y } = tensors(c);
      const before = tf.memory().numTensors;
      const { grads, cost } = propagate(w, c.inputs.b, X, Y);
      assert.equal(tf.memory().numTensors, before + 1, "only dw is new");
      assertTensorClose(grads.dw, c.grads.dw, "dw");
      assertClose(grads.db, c.grads.db, "db");
      assertClose(cost, c.cost, "cost");
      tf.dispose([w, X, Y, grads.dw]);
    });
  }

  it("reproduces the course's published values", () => {
    const { w, X, Y } = tensors(fx.course);
    const { grads, cost } = propagate(w, 2, X, Y);
    assertTensorClose(grads.dw, [[0.99845601], [2.39507239]], "dw");
    assertClose(grads.db, 0.00145557813678, "db");
    assertClose(cost, 5.801545319394553, "cost");
    tf.dispose([w, X, Y, grads.dw]);
  });

  it("keeps the cost finite when float32 rounds A to exactly 1", () => {
    // z = 40: A = σ(40) is 1 in float32, so Y log A + (1 − Y) log(1 − A) would be 0·(−∞) = NaN.
    const w = tf.tensor2d([[1]]);
    const X = tf.tensor2d([[40, -40]]);
    const Y = tf.tensor2d([[1, 1]]);
    const { grads, cost } = propagate(w, 0, X, Y);
    assertClose(cost, 20, "cost", { rtol: 1e-6 }); // (softplus(−40) + softplus(40)) / 2 ≈ 20
    tf.dispose([w, X, Y, grads.dw]);
  });

  it("accepts int32 inputs (e.g. raw labels) by computing in float32", () => {
    const c = fx.course;
    const w = tf.tensor2d(c.inputs.w);
    const X = tf.tensor2d(c.inputs.X);
    const Y = tf.tensor2d(c.inputs.Y, undefined, "int32");
    const { grads, cost } = propagate(w, c.inputs.b, X, Y);
    assertClose(cost, c.cost, "cost");
    tf.dispose([w, X, Y, grads.dw]);
  });

  describe("bad input: a clear error naming propagate and the shapes", () => {
    let X: tf.Tensor2D; // (2, 3)
    let Y: tf.Tensor2D;
    let w: tf.Tensor2D;
    before(() => {
      X = tf.tensor2d([[1, 2, -1], [3, 4, -3.2]]);
      Y = tf.tensor2d([[1, 0, 1]]);
      w = tf.tensor2d([[1], [2]]);
    });
    after(() => tf.dispose([X, Y, w]));

    it("rank-1 w", () => {
      const w1 = tf.tensor1d([1, 2]);
      assert.throws(() => propagate(w1 as unknown as tf.Tensor2D, 2, X, Y), {
        message: "propagate: w must have shape (2, 1) to match X of shape (2, 3), got (2,) — a rank-1 array; reshape it to (2, 1)",
      });
      w1.dispose();
    });

    it("rank-1 Y", () => {
      const Y1 = tf.tensor1d([1, 0, 1]);
      assert.throws(() => propagate(w, 2, X, Y1 as unknown as tf.Tensor2D), {
        message: "propagate: Y must have shape (1, 3) to match X of shape (2, 3) (one label per column), got (3,) — a rank-1 array; reshape it to (1, 3)",
      });
      Y1.dispose();
    });

    it("w as a row instead of a column", () => {
      const wRow = tf.tensor2d([[1, 2]]);
      assert.throws(() => propagate(wRow, 2, X, Y), {
        message: "propagate: w must have shape (2, 1) to match X of shape (2, 3), got (1, 2) — it looks transposed; use .transpose()",
      });
      wRow.dispose();
    });

    it("w and X disagree on n_x", () => {
      const w3 = tf.zeros([3, 1]) as tf.Tensor2D;
      assert.throws(() => propagate(w3, 2, X, Y), {
        message: "propagate: w of shape (3, 1) and X of shape (2, 3) disagree on n_x: w needs one row per row (feature) of X — X looks transposed: the course stacks examples as columns, X is (n_x, m)",
      });
      const w5 = tf.zeros([5, 1]) as tf.Tensor2D;
      assert.throws(() => propagate(w5, 2, X, Y), {
        message: "propagate: w of shape (5, 1) and X of shape (2, 3) disagree on n_x: w needs one row per row (feature) of X",
      });
      tf.dispose([w3, w5]);
    });

    it("m differs between X and Y", () => {
      const Y4 = tf.tensor2d([[1, 0, 1, 0]]);
      assert.throws(() => propagate(w, 2, X, Y4), {
        message: "propagate: Y must have shape (1, 3) to match X of shape (2, 3) (one label per column), got (1, 4)",
      });
      Y4.dispose();
    });

    it("X of the wrong rank, or not a tensor", () => {
      const X3 = tf.zeros([2, 3, 1]);
      assert.throws(() => propagate(w, 2, X3 as tf.Tensor2D, Y), { message: "propagate: X must have shape (?, ?), got (2, 3, 1)" });
      X3.dispose();
      assert.throws(() => propagate(w, 2, [[1, 2, -1], [3, 4, -3.2]] as unknown as tf.Tensor2D, Y), {
        message: "propagate: X must be a tf.Tensor of shape (?, ?), got a nested JS array (2 rows)",
      });
    });

    it("NaN / Infinity in X, w or b", () => {
      const Xnan = tf.tensor2d([[1, 2, -1], [3, NaN, -3.2]]);
      assert.throws(() => propagate(w, 2, Xnan, Y), {
        message: "propagate: X contains 1 NaN value, the first at index [1, 1]; inputs must be finite",
      });
      const wInf = tf.tensor2d([[Infinity], [2]]);
      assert.throws(() => propagate(wInf, 2, X, Y), {
        message: "propagate: w contains 1 infinite value, the first at index [0, 0]; inputs must be finite",
      });
      assert.throws(() => propagate(w, NaN, X, Y), { message: "propagate: b must be a finite number, got NaN" });
      tf.dispose([Xnan, wInf]);
    });

    it("labels outside [0, 1]", () => {
      const Y255 = tf.tensor2d([[1, 255, 0]]);
      assert.throws(() => propagate(w, 2, X, Y255), {
        message: "propagate: Y must hold labels in [0, 1] (the course uses 0 and 1), got 255 at index [0, 1]",
      });
      Y255.dispose();
    });

    it("leaves no tensors behind when it throws", () => {
      const Y4 = tf.tensor2d([[1, 0, 1, 0]]);
      const before = tf.memory().numTensors;
      assert.throws(() => propagate(w, 2, X, Y4));
      assert.equal(tf.memory().numTensors, before);
      Y4.dispose();
    });
  });
});
