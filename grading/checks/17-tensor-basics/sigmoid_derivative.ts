/** sigmoidDerivative(x): σ'(x) = σ(x)(1 − σ(x)), elementwise, any shape. */
import { tf } from "../../../lib/backend";
import { fixture, studentFunction } from "../../harness";
import { checkTensorCase, type Case } from "../support";

const cases = fixture<{ sigmoidDerivative: Case[] }>("grading_tensor_basics").sigmoidDerivative;

describe("sigmoidDerivative", () => {
  const sigmoidDerivative = () => studentFunction<(x: tf.Tensor) => unknown>("sigmoidDerivative");

  for (const c of cases) {
    it(`${c.name}: values and shape`, () => checkTensorCase("sigmoidDerivative", "x", sigmoidDerivative(), c));
  }
});
