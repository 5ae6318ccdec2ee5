import { strict as assert } from "assert";
import { tf } from "../backend";
import { captureLog } from "../../test/fixtures/captureLog";
import { assertAllClose, assertClose, assertTensorClose, loadFixture, type Nested } from "../../test/fixtures/fixtures";
import { describeEachImplementation } from "../../test/fixtures/implementations";
import { optimize } from "./optimize";

interface OptimizeCase {
  inputs: { w: number[][]; b: number; X: number[][]; Y: number[][]; numIterations: number; learningRate: number };
  params: { w: Nested; b: number };
  grads: { dw: Nested; db: number };
  costs: number[];
}
const fx = loadFixture("logreg").fixtures.optimize as Record<"course" | "random", OptimizeCase>;

function tensors(c: OptimizeCase) {
  return { w: tf.tensor2d(c.inputs.w), X: tf.tensor2d(c.inputs.X), Y: tf.tensor2d(c.inputs.Y) };
}

describeEachImplementation("optimize", () => {
  for (const [name, c] of Object.entries(fx)) {
    it(`matches the numpy reference (${name} case: ${c.inputs.numIterations} iterations at ${c.inputs.learningRate})`, () => {
      const { w, X, Y } = tensors(c);
      const { numIterations, learningRate } = c.inputs;
      const { params, grads, costs } = optimize(w, c.inputs.b, X, Y, { numIterations, learningRate });
      assertTensorClose(params.w, c.params.w, "w");
      assertClose(params.b, c.params.b, "b");
      // Near the optimum dw and db are small differences of O(1) terms (|x|·|a − y| ≲ 1), so float32
      // keeps them to ~1e-7 absolute, not relative; |dw| ≈ 1e-3 here, so the floor still bites.
      assertTensorClose(grads.dw, c.grads.dw, "dw", { atol: 1e-6 });
      assertClose(grads.db, c.grads.db, "db", { atol: 1e-6 });
      assertAllClose(costs, c.costs, "costs");
      tf.dispose([w, X, Y, params.w, grads.dw]);
    });
  }

  it("reproduces the course's published values (100 iterations at 0.009)", () => {
    const { w, X, Y } = tensors(fx.course);
    const { params, grads } = optimize(w, 2, X, Y, { numIterations: 100, learningRate: 0.009 });
    assertTensorClose(params.w, [[0.19033591], [0.12259159]], "w");
    assertClose(params.b, 1.92535983008, "b");
    assertTensorClose(grads.dw, [[0.67752042], [1.41625495]], "dw");
    assertClose(grads.db, 0.219194504541, "db");
    tf.dispose([w, X, Y, params.w, grads.dw]);
  });

  it("records and prints the cost every 100 iterations, to 6 decimals", () => {
    const c = fx.random;
    const { w, X, Y } = tensors(c);
    const { result, lines } = captureLog(() => optimize(w, c.inputs.b, X, Y, { numIterations: 250, learningRate: 0.1, printCost: true }));
    assert.equal(result.costs.length, 3);
    assert.deepEqual(lines, c.costs.map((cost, k) => `Cost after iteration ${k * 100}: ${cost.toFixed(6)}`));
    const quiet = captureLog(() => optimize(w, c.inputs.b, X, Y, { numIterations: 10, learningRate: 0.1 }));
    assert.deepEqual(quiet.lines, []);
    tf.dispose([w, X, Y, result.params.w, result.grads.dw, quiet.result.params.w, quiet.result.grads.dw]);
  });

  it("does not leak tensors across iterations and leaves the caller's inputs alive and unchanged", () => {
    const { w, X, Y } = tensors(fx.random);
    const wBefore = Array.from(w.dataSync());
    const run = (numIterations: number) => {
      const before = tf.memory().numTensors;
      const out = optimize(w, 0.3, X, Y, { numIterations, learningRate: 0.1 });
      const growth = tf.memory().numTensors - before;
      tf.dispose([out.params.w, out.grads.dw]);
      return growth;
    };
    // Only the two returned tensors (params.w, grads.dw) remain, whether 1 or 300 iterations ran.
    assert.equal(run(1), 2);
    assert.equal(run(300), 2);
    assert.equal(run(0), 2);
    for (const t of [w, X, Y]) assert.equal(t.isDisposed, false);
    assert.deepEqual(Array.from(w.dataSync()), wBefore);
    tf.dispose([w, X, Y]);
  });

  it("with 0 iterations returns the initial parameters and the gradient there", () => {
    const c = fx.course;
    const { w, X, Y } = tensors(c);
    const { params, grads, costs } = optimize(w, c.inputs.b, X, Y, { numIterations: 0, learningRate: 0.1 });
    assert.notEqual(params.w, w, "a copy the caller can dispose independently");
    assertTensorClose(params.w, c.inputs.w, "w");
    assert.equal(params.b, c.inputs.b);
    assert.deepEqual(costs, []);
    const reference = loadFixture("logreg").fixtures.propagate.course.grads as { dw: Nested; db: number };
    assertTensorClose(grads.dw, reference.dw, "dw");
    assertClose(grads.db, reference.db, "db");
    tf.dispose([w, X, Y, params.w, grads.dw]);
  });

  describe("bad input", () => {
    let w: tf.Tensor2D;
    let X: tf.Tensor2D;
    let Y: tf.Tensor2D;
    before(() => ({ w, X, Y } = tensors(fx.course)));
    after(() => tf.dispose([w, X, Y]));

    it("rejects a non-positive or non-finite learning rate", () => {
      for (const learningRate of [0, -0.01, NaN, Infinity]) {
        assert.throws(() => optimize(w, 2, X, Y, { numIterations: 10, learningRate }), {
          message: `optimize: learningRate must be a positive finite number, got ${learningRate}`,
        });
      }
    });

    it("rejects a negative or fractional number of iterations", () => {
      for (const numIterations of [-1, 2.5, NaN]) {
        assert.throws(() => optimize(w, 2, X, Y, { numIterations, learningRate: 0.1 }), {
          message: `optimize: numIterations must be a non-negative integer, got ${numIterations}`,
        });
      }
    });

    it("rejects shapes and NaN like propagate, naming optimize", () => {
      const wRank1 = tf.tensor1d([1, 2]);
      assert.throws(() => optimize(wRank1 as unknown as tf.Tensor2D, 2, X, Y, { numIterations: 1, learningRate: 0.1 }), {
        message: "optimize: w must have shape (2, 1) to match X of shape (2, 3), got (2,) — a rank-1 array; reshape it to (2, 1)",
      });
      const Y2 = tf.tensor2d([[1, 0]]);
      assert.throws(() => optimize(w, 2, X, Y2, { numIterations: 1, learningRate: 0.1 }), {
        message: "optimize: Y must have shape (1, 3) to match X of shape (2, 3) (one label per column), got (1, 2)",
      });
      const Xnan = tf.tensor2d([[NaN, 2, -1], [3, 4, -3.2]]);
      assert.throws(() => optimize(w, 2, Xnan, Y, { numIterations: 1, learningRate: 0.1 }), {
        message: "optimize: X contains 1 NaN value, the first at index [0, 0]; inputs must be finite",
      });
      tf.dispose([wRank1, Y2, Xnan]);
    });

    it("stops with an error, and without leaking, when gradient descent diverges", () => {
      // Features of size 1e30 make w·x overflow float32 after one huge step: NaN gradients follow.
      const Xhuge = tf.tensor2d([[1e30, -1e30, 1e30], [1e30, 1e30, -1e30]]);
      const before = tf.memory().numTensors;
      assert.throws(
        () => optimize(w, 0, Xhuge, Y, { numIterations: 50, learningRate: 1e10 }),
        /^Error: optimize: gradient descent diverged at iteration \d+ \((cost|db) -?(NaN|Infinity)\); learningRate 10000000000 is probably too large, or X needs normalizing$/,
      );
      assert.equal(tf.memory().numTensors, before);
      Xhuge.dispose();
    });
  });
});
