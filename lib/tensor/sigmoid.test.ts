import { strict as assert } from "assert";
import { tf } from "../backend";
import { assertClose, assertTensorClose, loadFixture, type Nested } from "../../test/fixtures/fixtures";
import { sigmoid } from "./sigmoid";

interface Case<I> { inputs: I; expected: Nested; note?: string }
const fx = loadFixture("tensor_basics").fixtures as {
  sigmoid: Case<{ z: Nested }>[];
  sigmoidScalar: Case<{ z: number }>[];
};

describe("sigmoid", () => {
  for (const c of fx.sigmoid) {
    it(`matches numpy on a tensor: ${c.note}`, () => {
      const z = tf.tensor(c.inputs.z);
      const s = sigmoid(z);
      assertTensorClose(s, c.expected, "sigmoid(z)");
      tf.dispose([z, s]);
    });
  }

  it("gives a number for a number (float64, like math.exp)", () => {
    for (const c of fx.sigmoidScalar) {
      const s = sigmoid(c.inputs.z);
      assert.equal(typeof s, "number");
      assertClose(s, c.expected as number, `sigmoid(${c.inputs.z})`, { rtol: 1e-14 });
    }
  });

  it("keeps the shape and does not overflow for large |z|", () => {
    const z = tf.tensor2d([[-1000, 1000]]);
    const s = sigmoid(z);
    assert.deepEqual(s.shape, [1, 2]);
    assert.deepEqual(Array.from(s.dataSync()), [0, 1]);
    assert.equal(sigmoid(-1000), 0);
    tf.dispose([z, s]);
  });

  it("computes integer tensors in float32 (numpy promotes them too)", () => {
    const z = tf.tensor1d([1, 2, 3], "int32");
    const s = sigmoid(z);
    assert.equal(s.dtype, "float32");
    assertTensorClose(s, fx.sigmoid[0].expected, "sigmoid(int32 z)");
    tf.dispose([z, s]);
  });

  it("rejects what is neither a number nor a tensor", () => {
    assert.throws(() => sigmoid([1, 2, 3] as unknown as number), /^Error: sigmoid: z must be a number or a tf.Tensor, got a JS array of length 3$/);
  });
});
