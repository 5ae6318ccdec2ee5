import { strict as assert } from "assert";
import { tf } from "../backend";
import { assertClose, loadFixture } from "../../test/fixtures/fixtures";
import { l1 } from "./l1";

interface Case { inputs: { yhat: number[]; y: number[] }; expected: number; note?: string }
const fx = loadFixture("tensor_basics").fixtures as { L1: Case[] };

describe("l1", () => {
  for (const c of fx.L1) {
    it(`sums |y − ŷ| on tensors and on arrays: ${c.note}`, () => {
      const yhat = tf.tensor1d(c.inputs.yhat);
      const y = tf.tensor1d(c.inputs.y);
      const before = tf.memory().numTensors;
      const loss = l1(yhat, y);
      assert.equal(tf.memory().numTensors, before, "no tensor left behind");
      assert.equal(typeof loss, "number");
      assertClose(loss, c.expected, "l1(tensors)");
      assertClose(l1(c.inputs.yhat, Float64Array.from(c.inputs.y)), c.expected, "l1(arrays)");
      tf.dispose([yhat, y]);
    });
  }

  it("rejects mismatched shapes instead of broadcasting them", () => {
    const yhat = tf.tensor2d([[0.9], [0.2]]);
    assert.throws(() => l1(yhat, [1, 0]), /^Error: l1: yhat and y must have the same shape, got yhat \(2, 1\) and y \(2,\)$/);
    yhat.dispose();
  });

  it("rejects NaN", () => {
    assert.throws(() => l1([0.5, NaN], [1, 0]), /^Error: l1: yhat contains 1 NaN value, the first at index \[1\]; inputs must be finite$/);
  });
});
