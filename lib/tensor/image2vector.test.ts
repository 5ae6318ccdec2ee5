import { strict as assert } from "assert";
import { tf } from "../backend";
import { assertTensorClose, loadFixture, type Nested } from "../../test/fixtures/fixtures";
import { image2vector } from "./image2vector";

interface Case { inputs: { image: Nested }; expected: Nested; note?: string }
const fx = loadFixture("tensor_basics").fixtures as { image2vector: Case[] };

describe("image2vector", () => {
  for (const c of fx.image2vector) {
    it(`unrolls like numpy's reshape: ${c.note}`, () => {
      const image = tf.tensor3d(c.inputs.image as number[][][]);
      const v = image2vector(image);
      assertTensorClose(v, c.expected, "image2vector(image)");
      tf.dispose([image, v]);
    });
  }

  it("rejects an image that is not rank 3", () => {
    const flat = tf.zeros([12, 1]);
    assert.throws(() => image2vector(flat as unknown as tf.Tensor3D), /^Error: image2vector: image must have shape \(\?, \?, \?\), got \(12, 1\)$/);
    flat.dispose();
  });
});
