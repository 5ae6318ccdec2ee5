/** Exercise 3: sigmoid(z), σ(z) = 1 / (1 + e^(−z)), elementwise, any shape. */
import * as ref from "../reference";
import { fixture, freshTensorCase, tensorCase, type Case, type Check } from "../support";

const cases = fixture<{ sigmoid: Case[] }>("tensor_basics").sigmoid;

export const checks: Check[] = [
  ...cases.map((c) => tensorCase("sigmoid", "z", c)),
  freshTensorCase("sigmoid", "z", () => {
    const z = ref.matrix(ref.size(2, 5), ref.size(2, 6), () => ref.normal(3));
    return { input: z, expected: ref.mapNested(z, ref.sigmoid) };
  }),
];
