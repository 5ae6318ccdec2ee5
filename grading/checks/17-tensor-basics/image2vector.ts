/** image2vector(image): (length, height, depth) -> (length·height·depth, 1), numpy's (row-major) order. */
import { tf } from "../../../lib/backend";
import { fixture, studentFunction } from "../../harness";
import { checkTensorCase, type Case } from "../support";

const cases = fixture<{ image2vector: Case[] }>("grading_tensor_basics").image2vector;

describe("image2vector", () => {
  const image2vector = () => studentFunction<(image: tf.Tensor3D) => unknown>("image2vector");

  for (const c of cases) {
    // Exact: a reshape moves numbers, it does not compute with them.
    it(`${c.name}: a (length·height·depth, 1) column in numpy's order`, () =>
      checkTensorCase("image2vector", "image", image2vector() as (x: tf.Tensor) => unknown, c, { rtol: 0, atol: 0 }));
  }
});
