/** Exercise 3: sigmoid(z), elementwise, any shape (the helper of propagate and predict). */
import * as ref from "../reference";
import { fixture, freshTensorCase, tensorCase, type Check } from "../support";
import type { LogregFixtures } from "./common";

export const checks: Check[] = [
  ...fixture<LogregFixtures>("logreg").sigmoid.map((c) => tensorCase("sigmoid", "z", c)),
  freshTensorCase("sigmoid", "z", () => {
    const z = ref.matrix(1, ref.size(3, 9), () => ref.normal(3));
    return { input: z, expected: ref.mapNested(z, ref.sigmoid) };
  }),
];
