/** predict(w, b, X): 0/1 predictions of shape (1, m); 1 exactly where σ(wᵀX + b) > 0.5. */
import { tf } from "../../../lib/backend";
import { expectTensorClose, tensorOf } from "../../../lib/check/compare";
import { callStudent, fixture, studentFunction } from "../../harness";
import { expectAlive } from "../support";
import { EXACT, type LogregFixtures } from "./common";

const cases = fixture<LogregFixtures>("grading_logreg").predict;

type Predict = (w: tf.Tensor2D, b: number, X: tf.Tensor2D) => unknown;

describe("predict", () => {
  for (const c of cases) {
    it(`${c.name}: a (1, m) row of 0/1`, async () => {
      const [w, X] = [c.inputs.w, c.inputs.X].map((v) => tensorOf(v) as tf.Tensor2D);
      const what = `predict(w, b, X) for ${c.name}`;
      const got = await callStudent(what, studentFunction<Predict>("predict"), w, c.inputs.b, X);
      expectTensorClose(what, got, c.YPrediction, EXACT);
      expectAlive("predict (argument w)", w);
      expectAlive("predict (argument X)", X);
      tf.dispose([w, X, got as tf.Tensor]);
    });
  }
});
