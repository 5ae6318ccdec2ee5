import { strict as assert } from "assert";
import { tf } from "../backend";
import { assertClose, assertTensorClose, loadFixture, type Nested } from "../../test/fixtures/fixtures";
import { sigmoidDerivative } from "./sigmoidDerivative";

interface Case<I> { inputs: I; expected: Nested; note?: string }
const fx = loadFixture("tensor_basics").fixtures as {
  sigmoidDerivative: Case<{ x: Nested }>[];
  sigmoidDerivativeScalar: Case<{ x: number }>[];
};

describe("sigmoidDerivative", () => {
  for (const c of fx.sigmoidDerivative) {
    it(`matches numpy on a tensor: ${c.note}`, () => {
      const x = tf.tensor(c.inputs.x);
      const ds = sigmoidDerivative(x);
      assertTensorClose(ds, c.expected, "sigmoidDerivative(x)");
      tf.dispose([x, ds]);
    });
  }

  it("gives a number for a number", () => {
    for (const c of fx.sigmoidDerivativeScalar) {
      // Both are float64, but the reference computes s·(1 − s) as the course writes it, and 1 − s
      // loses digits once s ≈ 1 (at x = 12 about 5 of them: relative error ~1e-12); σ(x)·σ(−x) does not.
      assertClose(sigmoidDerivative(c.inputs.x), c.expected as number, `sigmoidDerivative(${c.inputs.x})`, { rtol: 1e-9 });
    }
  });

  it("leaves no intermediate tensors behind", () => {
    const x = tf.tensor1d([1, 2, 3]);
    const before = tf.memory().numTensors;
    const ds = sigmoidDerivative(x);
    assert.equal(tf.memory().numTensors, before + 1);
    tf.dispose([x, ds]);
  });
});
