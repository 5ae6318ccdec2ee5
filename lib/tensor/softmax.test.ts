import { strict as assert } from "assert";
import { tf } from "../backend";
import { assertTensorClose, loadFixture, type Nested } from "../../test/fixtures/fixtures";
import { softmax } from "./softmax";

interface Case { inputs: { x: Nested }; expected: Nested; note?: string }
const fx = loadFixture("tensor_basics").fixtures as { softmax: Case[] };
// float32 cannot hold anything below its smallest normal number (subnormals aside): an exact
// e^(-133) ≈ 1e-58 comes out as 0. Smaller expected values are compared as zero.
const FLOAT32_MIN_NORMAL = 1.1754943508222875e-38;

describe("softmax", () => {
  for (const c of fx.softmax) {
    it(`matches numpy row by row: ${c.note}`, () => {
      const x = tf.tensor2d(c.inputs.x as number[][]);
      const before = tf.memory().numTensors;
      const s = softmax(x);
      assert.equal(tf.memory().numTensors, before + 1, "only the result survives");
      assertTensorClose(s, c.expected, "softmax(x)", { atol: FLOAT32_MIN_NORMAL });
      const rowSums = tf.sum(s, 1);
      assertTensorClose(rowSums, new Array(s.shape[0]).fill(1), "row sums");
      tf.dispose([x, s, rowSums]);
    });
  }

  it("rejects a rank-1 array", () => {
    const x = tf.tensor1d([1, 2, 3]);
    assert.throws(() => softmax(x as unknown as tf.Tensor2D), /^Error: softmax: x must have shape \(\?, \?\), got \(3,\)/);
    x.dispose();
  });
});
