/** The L1 and L2 checks (Exercises 8 and 9): a number for each fixture case, and the inputs left alive. */
import { expectNumberClose } from "../../../lib/check/compare";
import * as ref from "../reference";
import { expectArgsIntact, fixture, FRESH, tensorArg, type Case, type Check } from "../support";

type LossCase = Case<{ yhat: number[]; y: number[] }, number>;

function lossCase(fnName: "l1" | "l2", title: string, make: () => LossCase): Check {
  return {
    title: `${title}: the loss as a number`,
    async run(student) {
      const c = make();
      const what = `${fnName}(yhat, y) for ${c.name}`;
      const got = await student.call(what, tensorArg(c.inputs.yhat), tensorArg(c.inputs.y));
      expectNumberClose(what, got.value, c.expected);
      expectArgsIntact(fnName, got, ["yhat", "y"]);
    },
  };
}

export function lossChecks(fnName: "l1" | "l2"): Check[] {
  return [
    ...fixture<Record<string, LossCase[]>>("tensor_basics")[fnName].map((c) => lossCase(fnName, c.name, () => c)),
    lossCase(fnName, FRESH, () => {
      const m = ref.size(5, 30);
      const yhat = Array.from({ length: m }, () => Math.fround(ref.random()));
      const y = Array.from({ length: m }, () => (ref.random() < 0.5 ? 0 : 1));
      return { name: "a fresh random case", inputs: { yhat, y }, expected: ref[fnName](yhat, y) };
    }),
  ];
}
