import { strict as assert } from "assert";
import { tf } from "../backend";
import { assertTensorClose, loadFixture, type Nested } from "../../test/fixtures/fixtures";
import { normalizeRows } from "./normalizeRows";

interface Case { inputs: { x: Nested }; expected: Nested; note?: string }
const fx = loadFixture("tensor_basics").fixtures as { normalizeRows: Case[] };

describe("normalizeRows", () => {
  for (const c of fx.normalizeRows) {
    it(`divides each row by its L2 norm: ${c.note}`, () => {
      const x = tf.tensor2d(c.inputs.x as number[][]);
      const before = tf.memory().numTensors;
      const n = normalizeRows(x);
      assert.equal(tf.memory().numTensors, before + 1, "only the result survives");
      assertTensorClose(n, c.expected, "normalizeRows(x)");
      tf.dispose([x, n]);
    });
  }

  it("leaves a row of zeros as zeros instead of NaN", () => {
    const x = tf.tensor2d([[0, 0], [3, 4]]);
    const n = normalizeRows(x);
    assertTensorClose(n, [[0, 0], [0.6, 0.8]], "normalizeRows(x)");
    tf.dispose([x, n]);
  });

  it("computes integer tensors in float32", () => {
    const x = tf.tensor2d([[0, 3, 4], [1, 6, 4]], undefined, "int32");
    const n = normalizeRows(x);
    assertTensorClose(n, fx.normalizeRows[0].expected, "normalizeRows(int32 x)");
    tf.dispose([x, n]);
  });

  it("rejects a rank-1 array", () => {
    const x = tf.tensor1d([3, 4]);
    assert.throws(() => normalizeRows(x as unknown as tf.Tensor2D), /^Error: normalizeRows: x must have shape \(\?, \?\), got \(2,\) — a rank-1 array; it must be a rank-2 matrix$/);
    x.dispose();
  });
});
