/** Exercise 7: softmax(x): row-wise e^x / Σ_j e^x, for x of shape (m, n). */
import * as ref from "../reference";
import { fixture, freshTensorCase, tensorCase, type Case, type Check } from "../support";

const cases = fixture<{ softmax: Case[] }>("tensor_basics").softmax;

export const checks: Check[] = [
  ...cases.map((c) => tensorCase("softmax", "x", c)),
  freshTensorCase("softmax", "x", () => {
    const x = ref.matrix(ref.size(2, 5), ref.size(2, 7), () => ref.normal(2));
    return { input: x, expected: ref.softmax(x) };
  }),
];
