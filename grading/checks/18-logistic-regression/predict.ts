/** Exercise 7: predict(w, b, X): 0/1 predictions of shape (1, m); 1 exactly where σ(wᵀX + b) > 0.5. */
import { EXACT, expectTensorClose } from "../../../lib/check/compare";
import { expectArgsIntact, fixture, plainArg, tensorArg, type Check } from "../support";
import type { LogregFixtures } from "./common";

const cases = fixture<LogregFixtures>("logreg").predict;

export const checks: Check[] = cases.map((c) => ({
  title: `${c.name}: a (1, m) row of 0/1`,
  async run(student) {
    const what = `predict(w, b, X) for ${c.name}`;
    const got = await student.call(what, tensorArg(c.inputs.w), plainArg(c.inputs.b), tensorArg(c.inputs.X));
    expectTensorClose(what, got.value, c.YPrediction, EXACT);
    expectArgsIntact("predict", got, ["w", "X"]);
  },
}));
