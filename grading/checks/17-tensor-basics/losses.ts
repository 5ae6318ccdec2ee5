/** The L1 and L2 checks: a number for each fixture case, and the inputs left alive. */
import { tf } from "../../../lib/backend";
import { expectNumberClose, tensorOf } from "../../../lib/check/compare";
import { callStudent, fixture, studentFunction } from "../../harness";
import { expectAlive, type Case } from "../support";

type LossCase = Case<{ yhat: number[]; y: number[] }, number>;

export function describeLoss(fnName: "l1" | "l2"): void {
  const cases = fixture<Record<string, LossCase[]>>("grading_tensor_basics")[fnName];
  describe(fnName, () => {
    for (const c of cases) {
      it(`${c.name}: the loss as a number`, async () => {
        const yhat = tensorOf(c.inputs.yhat);
        const y = tensorOf(c.inputs.y);
        const what = `${fnName}(yhat, y) for ${c.name}`;
        const got = await callStudent(what, studentFunction<(yhat: tf.Tensor, y: tf.Tensor) => unknown>(fnName), yhat, y);
        expectNumberClose(what, got, c.expected);
        expectAlive(fnName, yhat);
        expectAlive(fnName, y);
        tf.dispose([yhat, y]);
      });
    }
  });
}
