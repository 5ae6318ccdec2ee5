import { strict as assert } from "assert";
import { tf } from "../backend";
import { assertClose, loadFixture } from "../../test/fixtures/fixtures";
import { l2 } from "./l2";

interface Case { inputs: { yhat: number[]; y: number[] }; expected: number; note?: string }
const fx = loadFixture("tensor_basics").fixtures as { L2: Case[] };

describe("l2", () => {
  for (const c of fx.L2) {
    it(`sums (y − ŷ)² on tensors and on arrays: ${c.note}`, () => {
      const yhat = tf.tensor1d(c.inputs.yhat);
      const y = tf.tensor1d(c.inputs.y);
      const before = tf.memory().numTensors;
      const loss = l2(yhat, y);
      assert.equal(tf.memory().numTensors, before, "no tensor left behind");
      assertClose(loss, c.expected, "l2(tensors)");
      assertClose(l2(c.inputs.yhat, c.inputs.y), c.expected, "l2(arrays)");
      tf.dispose([yhat, y]);
    });
  }

  it("rejects mismatched shapes and infinite values", () => {
    assert.throws(() => l2([1, 2, 3], [1, 2]), /^Error: l2: yhat and y must have the same shape, got yhat \(3,\) and y \(2,\)$/);
    assert.throws(() => l2([1, 2], [Infinity, -Infinity]), /^Error: l2: y contains 2 infinite values, the first at index \[0\]; inputs must be finite$/);
  });
});
