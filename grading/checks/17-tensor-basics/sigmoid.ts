/** sigmoid(z): σ(z) = 1 / (1 + e^(−z)), elementwise, any shape. */
import { tf } from "../../../lib/backend";
import { fixture, studentFunction } from "../../harness";
import { checkTensorCase, type Case } from "../support";

const cases = fixture<{ sigmoid: Case[] }>("grading_tensor_basics").sigmoid;

describe("sigmoid", () => {
  const sigmoid = () => studentFunction<(z: tf.Tensor) => unknown>("sigmoid");

  for (const c of cases) {
    it(`${c.name}: values and shape`, () => checkTensorCase("sigmoid", "z", sigmoid(), c));
  }
});
