/** Exercise 5: propagate(w, b, X, Y): the cost J and its gradients dw (n_x, 1), db (a number). */
import { expectNumberClose, expectObject, expectTensorClose } from "../../../lib/check/compare";
import * as ref from "../reference";
import { expectArgsIntact, fixture, FRESH, plainArg, tensorArg, type Check } from "../support";
import type { LogregFixtures, PropagateCase } from "./common";

const cases = fixture<LogregFixtures>("logreg").propagate;

const fresh = (): PropagateCase => {
  const { w, b, X, Y } = ref.randomProblem(ref.size(2, 6), ref.size(3, 12));
  return { name: "a fresh random case", inputs: { w, b, X, Y }, ...ref.propagate(w, b, X, Y) };
};

export const checks: Check[] = [...cases.map((c) => () => c), fresh].map((make, i) => ({
  title: `${i < cases.length ? cases[i].name : FRESH}: grads.dw, grads.db and cost`,
  async run(student) {
    const c = make();
    const { w, b, X, Y } = c.inputs;
    const what = `propagate(w, b, X, Y) for ${c.name} (n_x = ${X.length}, m = ${X[0].length})`;
    const returned = await student.call(what, tensorArg(w), plainArg(b), tensorArg(X), tensorArg(Y));
    const got = expectObject(what, returned.value, ["grads", "cost"]);
    const grads = expectObject(`${what}.grads`, got.grads, ["dw", "db"]);
    expectTensorClose(`${what}.grads.dw`, grads.dw, c.dw);
    expectNumberClose(`${what}.grads.db`, grads.db, c.db);
    expectNumberClose(`${what}.cost`, got.cost, c.cost);
    expectArgsIntact("propagate", returned, ["w", "X", "Y"]);
  },
}));
