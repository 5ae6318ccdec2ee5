/** Exercise 4: sigmoidDerivative(x), σ'(x) = σ(x)(1 − σ(x)), elementwise, any shape. */
import * as ref from "../reference";
import { fixture, freshTensorCase, tensorCase, type Case, type Check } from "../support";

const cases = fixture<{ sigmoidDerivative: Case[] }>("tensor_basics").sigmoidDerivative;

export const checks: Check[] = [
  ...cases.map((c) => tensorCase("sigmoidDerivative", "x", c)),
  freshTensorCase("sigmoidDerivative", "x", () => {
    const x = ref.matrix(ref.size(2, 5), ref.size(2, 6), () => ref.normal(2));
    return { input: x, expected: ref.mapNested(x, ref.sigmoidDerivative) };
  }),
];
