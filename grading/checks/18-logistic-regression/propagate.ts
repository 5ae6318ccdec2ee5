/** propagate(w, b, X, Y): the cost J and its gradients dw (n_x, 1), db (a number). */
import { tf } from "../../../lib/backend";
import { expectNumberClose, expectObject, expectTensorClose, tensorOf } from "../../../lib/check/compare";
import { callStudent, fixture, studentFunction } from "../../harness";
import { expectAlive } from "../support";
import type { LogregFixtures } from "./common";

const cases = fixture<LogregFixtures>("grading_logreg").propagate;

type Propagate = (w: tf.Tensor2D, b: number, X: tf.Tensor2D, Y: tf.Tensor2D) => unknown;

describe("propagate", () => {
  for (const c of cases) {
    it(`${c.name}: grads.dw, grads.db and cost`, async () => {
      const [w, X, Y] = [c.inputs.w, c.inputs.X, c.inputs.Y].map((v) => tensorOf(v) as tf.Tensor2D);
      const what = `propagate(w, b, X, Y) for ${c.name} (n_x = ${X.shape[0]}, m = ${X.shape[1]})`;
      const got = expectObject(what, await callStudent(what, studentFunction<Propagate>("propagate"), w, c.inputs.b, X, Y), ["grads", "cost"]);
      const grads = expectObject(`${what}.grads`, got.grads, ["dw", "db"]);
      expectTensorClose(`${what}.grads.dw`, grads.dw, c.dw);
      expectNumberClose(`${what}.grads.db`, grads.db, c.db);
      expectNumberClose(`${what}.cost`, got.cost, c.cost);
      for (const [name, t] of [["w", w], ["X", X], ["Y", Y]] as const) expectAlive(`propagate (argument ${name})`, t);
      tf.dispose([w, X, Y, grads.dw as tf.Tensor]);
    });
  }
});
