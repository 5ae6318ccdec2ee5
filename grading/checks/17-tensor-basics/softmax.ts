/** softmax(x): row-wise e^x / Σ_j e^x, for x of shape (m, n). */
import { tf } from "../../../lib/backend";
import { fixture, studentFunction } from "../../harness";
import { checkTensorCase, type Case } from "../support";

const cases = fixture<{ softmax: Case[] }>("grading_tensor_basics").softmax;

describe("softmax", () => {
  const softmax = () => studentFunction<(x: tf.Tensor2D) => unknown>("softmax");

  for (const c of cases) {
    it(`${c.name}: values and shape`, () => checkTensorCase("softmax", "x", softmax() as (x: tf.Tensor) => unknown, c));
  }
});
