/** Exercise 6: normalizeRows(x): each row of x divided by its Euclidean length. */
import * as ref from "../reference";
import { fixture, freshTensorCase, tensorCase, type Case, type Check } from "../support";

const cases = fixture<{ normalizeRows: Case[] }>("tensor_basics").normalizeRows;

export const checks: Check[] = [
  ...cases.map((c) => tensorCase("normalizeRows", "x", c)),
  freshTensorCase("normalizeRows", "x", () => {
    const x = ref.matrix(ref.size(2, 6), ref.size(2, 5), () => ref.normal(2));
    return { input: x, expected: ref.normalizeRows(x) };
  }),
];
