/** Exercise 5: image2vector(image): (length, height, depth) -> (length·height·depth, 1), numpy's (row-major) order. */
import { EXACT } from "../../../lib/check/compare";
import * as ref from "../reference";
import { fixture, FRESH, freshTensorCase, tensorCase, type Case, type Check } from "../support";

const cases = fixture<{ image2vector: Case[] }>("tensor_basics").image2vector;

// Exact: a reshape moves numbers, it does not compute with them.
export const checks: Check[] = [
  ...cases.map((c) => ({ ...tensorCase("image2vector", "image", c, EXACT), title: `${c.name}: a (length·height·depth, 1) column in numpy's order` })),
  {
    ...freshTensorCase("image2vector", "image", () => {
      const [length, height] = [ref.size(2, 5), ref.size(2, 5)];
      const image = Array.from({ length }, () => ref.matrix(height, 3, () => Math.fround(ref.random())));
      return { input: image, expected: image.flat(2).map((v) => [v]) };
    }, EXACT),
    title: `${FRESH}: a (length·height·depth, 1) column in numpy's order`,
  },
];
