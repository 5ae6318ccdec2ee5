/** The L1 and L2 checks (Exercises 8 and 9): a number for each fixture case, and the inputs left alive. */
import { expectNumberClose } from "../../../lib/check/compare";
import { expectArgsIntact, fixture, tensorArg, type Case, type Check } from "../support";

type LossCase = Case<{ yhat: number[]; y: number[] }, number>;

export function lossChecks(fnName: "l1" | "l2"): Check[] {
  return fixture<Record<string, LossCase[]>>("tensor_basics")[fnName].map((c) => ({
    title: `${c.name}: the loss as a number`,
    async run(student) {
      const what = `${fnName}(yhat, y) for ${c.name}`;
      const got = await student.call(what, tensorArg(c.inputs.yhat), tensorArg(c.inputs.y));
      expectNumberClose(what, got.value, c.expected);
      expectArgsIntact(fnName, got, ["yhat", "y"]);
    },
  }));
}
