import { strict as assert } from "assert";
import { tf } from "../backend";
import { dot, dotMethod } from "./dot";

/** The exact-as-possible dot product of the float32 values: float64 products and sums. */
function referenceDot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

describe("dot (the lib's vector dot product)", () => {
  it("agrees with a float64 sum of the same float32 values (on the active backend)", () => {
    for (const n of [1, 15, 16, 33, 1000, 100_003]) {
      const [a, b] = tf.tidy(() => [tf.randomUniform([n], -1, 1, "float32", n), tf.randomUniform([n], -1, 1, "float32", n + 1)]);
      try {
        const expected = referenceDot(a.dataSync() as Float32Array, b.dataSync() as Float32Array);
        const got = dot(a, b);
        // float32 products, float64 block sums: |error| ≲ 1e-7·Σ|aᵢbᵢ| ≤ 1e-7·n
        assert.ok(Math.abs(got - expected) <= 1e-7 * n, `n=${n}: ${got} vs ${expected} (${dotMethod(a, b)})`);
      } finally {
        tf.dispose([a, b]);
      }
    }
  });

  it("runs in place on the wasm backend (the SIMD kernel on tfjs's heap)", function () {
    if (tf.getBackend() !== "wasm") this.skip();
    const a = tf.tensor1d([1, 2, 3]);
    assert.equal(dotMethod(a, a), "wasm-simd-in-place");
    assert.equal(dot(a, a), 14);
    a.dispose();
  });

  it("accepts (n, 1) / (1, n) tensors and plain arrays", () => {
    const col = tf.tensor2d([1, 2, 3], [3, 1]);
    const row = tf.tensor2d([4, 5, 6], [1, 3]);
    assert.equal(dot(col, row), 32);
    assert.equal(dot(Float64Array.from([1, 2, 3]), [4, 5, 6]), 32);
    assert.equal(dot(Float32Array.from([0.5, 2]), Float32Array.from([4, 0.25])), 2.5);
    tf.dispose([col, row]);
  });

  it("names both shapes when they are not vectors of one length", () => {
    const m = tf.zeros([2, 3]);
    const v = tf.zeros([3]);
    const u = tf.zeros([4]);
    assert.throws(() => dot(m, v), /^Error: dot: a and b must be vectors \(1-D, or \(n, 1\) \/ \(1, n\)\), got shapes \(2, 3\) and \(3,\); for matrices use tf.matMul$/);
    assert.throws(() => dot(v, u), /^Error: dot: a and b must be vectors of the same length, got shapes \(3,\) and \(4,\) \(3 vs 4 values\)$/);
    u.dispose();
    assert.throws(() => dot(v, u), /dot: b has been disposed/);
    tf.dispose([m, v]);
  });
});
