/** Exercise 5: propagate(w, b, X, Y): the cost J and its gradients dw (n_x, 1), db (a number). */
import { expectNumberClose, expectObject, expectTensorClose } from "../../../lib/check/compare";
import { expectArgsIntact, fixture, plainArg, tensorArg, type Check } from "../support";
import type { LogregFixtures } from "./common";

const cases = fixture<LogregFixtures>("logreg").propagate;

export const checks: Check[] = cases.map((c) => ({
  title: `${c.name}: grads.dw, grads.db and cost`,
  async run(student) {
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
