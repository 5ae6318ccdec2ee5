/** Exercise 7: predict(w, b, X): 0/1 predictions of shape (1, m); 1 exactly where σ(wᵀX + b) > 0.5. */
import { EXACT, expectTensorClose } from "../../../lib/check/compare";
import * as ref from "../reference";
import { expectArgsIntact, fixture, FRESH, plainArg, tensorArg, type Check } from "../support";
import type { LogregFixtures, PredictCase } from "./common";

const cases = fixture<LogregFixtures>("logreg").predict;

const fresh = (): PredictCase => {
  for (;;) {
    const { w, b, X } = ref.randomProblem(ref.size(2, 6), ref.size(3, 12), 1);
    // float32 must land on the same side of 0.5: keep every activation clear of it.
    if (ref.activations(w, b, X).every((a) => Math.abs(a - 0.5) > 1e-3)) return { name: "a fresh random case", inputs: { w, b, X }, YPrediction: ref.predict(w, b, X) };
  }
};

export const checks: Check[] = [...cases.map((c) => () => c), fresh].map((make, i) => ({
  title: `${i < cases.length ? cases[i].name : FRESH}: a (1, m) row of 0/1`,
  async run(student) {
    const c = make();
    const what = `predict(w, b, X) for ${c.name}`;
    const got = await student.call(what, tensorArg(c.inputs.w), plainArg(c.inputs.b), tensorArg(c.inputs.X));
    expectTensorClose(what, got.value, c.YPrediction, EXACT);
    expectArgsIntact("predict", got, ["w", "X"]);
  },
}));
