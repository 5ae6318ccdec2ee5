import { strict as assert } from "assert";
import { tf } from "../backend";
import { assertAllClose, assertClose, flatten, loadFixture, type Nested } from "../../test/fixtures/fixtures";
import { propagate } from "./propagate";
import { propagateLoop } from "./propagateLoop";

interface PropagateCase {
  inputs: { w: number[][]; b: number; X: number[][]; Y: number[][] };
  grads: { dw: Nested; db: number };
  cost: number;
}
const fx = loadFixture("logreg").fixtures.propagate as Record<"course" | "random", PropagateCase>;

describe("propagateLoop", () => {
  for (const [name, c] of Object.entries(fx)) {
    it(`matches the float64 numpy reference on plain arrays (${name} case)`, () => {
      const { w, b, X, Y } = c.inputs;
      const { grads, cost } = propagateLoop(w, b, X.map((row) => Float64Array.from(row)), Y);
      const tol = { rtol: 1e-12 }; // both float64; only the summation order differs
      assert.deepEqual([grads.dw.length, grads.dw[0].length], [w.length, 1]);
      assertAllClose(flatten(grads.dw), flatten(c.grads.dw), "dw", tol);
      assertClose(grads.db, c.grads.db, "db", tol);
      assertClose(cost, c.cost, "cost", tol);
    });

    it(`agrees with the vectorized propagate on the same tensors (${name} case)`, () => {
      const w = tf.tensor2d(c.inputs.w);
      const X = tf.tensor2d(c.inputs.X);
      const Y = tf.tensor2d(c.inputs.Y);
      const loop = propagateLoop(w, c.inputs.b, X, Y);
      const vec = propagate(w, c.inputs.b, X, Y);
      assertAllClose(vec.grads.dw.dataSync(), flatten(loop.grads.dw), "dw");
      assertClose(vec.grads.db, loop.grads.db, "db");
      assertClose(vec.cost, loop.cost, "cost");
      tf.dispose([w, X, Y, vec.grads.dw]);
    });
  }

  it("rejects the same bad inputs as propagate, naming propagateLoop", () => {
    const { X, Y } = fx.course.inputs;
    assert.throws(() => propagateLoop([1, 2] as unknown as number[][], 2, X, Y), {
      message: "propagateLoop: w must have shape (2, 1) to match X of shape (2, 3), got (2,) — a rank-1 array; reshape it to (2, 1)",
    });
    assert.throws(() => propagateLoop([[1], [2]], 2, X, [[1, 0]]), {
      message: "propagateLoop: Y must have shape (1, 3) to match X of shape (2, 3) (one label per column), got (1, 2)",
    });
    assert.throws(() => propagateLoop([[1], [2]], 2, [[1, 2, 3], [4, 5]], Y), {
      message: "propagateLoop: X must be rectangular (every row as long as row 0: 3 entries), got row 1 with 2",
    });
    assert.throws(() => propagateLoop([[1], [2]], 2, X, [[1, 255, 0]]), {
      message: "propagateLoop: Y must hold labels in [0, 1] (the course uses 0 and 1), got 255 at index [0, 1]",
    });
    assert.throws(() => propagateLoop([[1], [NaN]], 2, X, Y), {
      message: "propagateLoop: w must be finite, got NaN at index [1, 0]",
    });
  });
});
