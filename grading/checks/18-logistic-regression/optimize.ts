/**
 * Exercise 6: optimize(w, b, X, Y, { numIterations, learningRate, printCost }): gradient descent;
 * the learned params, the last gradients, the costs at iterations 0, 100, 200, … — judged from the
 * returned values — and, with printCost, one printed line per recorded cost naming the iteration
 * and the cost (the exercise asks for the course's `Cost after iteration i: J`; any wording or
 * way of printing that names both passes).
 */
import { CheckFailure, DESCENT, EXACT, close, expectNumberClose, expectNumbersClose, expectObject, expectTensorClose } from "../../../lib/check/compare";
import * as ref from "../reference";
import { expectArgsIntact, fixture, FRESH, plainArg, tensorArg, type Check, type Student } from "../support";
import type { LogregFixtures, OptimizeCase } from "./common";

const cases = fixture<LogregFixtures>("logreg").optimize;

async function runCase(student: Student, c: OptimizeCase, printCost: boolean) {
  const { w, b, X, Y, numIterations, learningRate } = c.inputs;
  const what = `optimize(w, b, X, Y, { numIterations: ${numIterations}, learningRate: ${learningRate}${printCost ? ", printCost: true" : ""} }) for ${c.name}`;
  const returned = await student.call(what, tensorArg(w), plainArg(b), tensorArg(X), tensorArg(Y), plainArg({ numIterations, learningRate, printCost }));
  return { what, returned, got: expectObject(what, returned.value, ["params", "grads", "costs"]) };
}

const NUMBER = /-?\d+(?:\.\d+)?(?:e[-+]?\d+)?/gi;

/** The line (from `from` on) naming iteration `i` and a cost within 6-decimal printing of `cost`. */
function costLine(lines: string[], from: number, i: number, cost: number): number {
  for (let k = from; k < lines.length; k++) {
    const tokens = lines[k].match(NUMBER) ?? [];
    const iterationAt = tokens.findIndex((t) => /^\d+$/.test(t) && Number(t) === i);
    if (iterationAt < 0) continue;
    if (tokens.some((t, j) => j !== iterationAt && close(Number(t), cost, { rtol: 1e-4, atol: 1e-6 }))) return k;
  }
  return -1;
}

const printed = cases.find((c) => c.inputs.numIterations > 200)!;

const fresh = (): OptimizeCase => {
  const { w, b, X, Y } = ref.randomProblem(ref.size(2, 5), ref.size(4, 10));
  const [numIterations, learningRate] = [150, 0.1];
  return { name: "a fresh random case", inputs: { w, b, X, Y, numIterations, learningRate }, ...ref.optimize(w, b, X, Y, numIterations, learningRate) };
};

export const checks: Check[] = [
  ...[...cases.map((c) => () => c), fresh].map(
    (make, i): Check => ({
      title: `${i < cases.length ? cases[i].name : FRESH}: params, grads and costs`,
      async run(student) {
        const c = make();
        const { what, returned, got } = await runCase(student, c, false);
        const params = expectObject(`${what}.params`, got.params, ["w", "b"]);
        const grads = expectObject(`${what}.grads`, got.grads, ["dw", "db"]);
        expectTensorClose(`${what}.params.w`, params.w, c.w, DESCENT);
        expectNumberClose(`${what}.params.b`, params.b, c.b, DESCENT);
        expectTensorClose(`${what}.grads.dw (the gradient of the last iteration)`, grads.dw, c.dw, DESCENT);
        expectNumberClose(`${what}.grads.db`, grads.db, c.db, DESCENT);
        expectNumbersClose(`${what}.costs (recorded at iterations 0, 100, 200, …)`, got.costs, c.costs, DESCENT);
        // The caller's w is the starting point, not scratch space.
        expectArgsIntact("optimize", returned, ["w", "X", "Y"]);
      },
    }),
  ),
  {
    title: `printCost: true prints each recorded cost with its iteration, at i = 0, 100, 200 (${printed.name})`,
    async run(student) {
      const { what, returned, got } = await runCase(student, printed, true);
      expectNumbersClose(`${what}.costs`, got.costs, printed.costs, DESCENT);
      let from = 0;
      printed.costs.forEach((cost, k) => {
        const at = costLine(returned.printed, from, k * 100, cost);
        if (at < 0) {
          const shown = returned.printed.slice(0, 6).map((l) => JSON.stringify(l)).join(", ");
          throw new CheckFailure(
            `${what} should print a line like "Cost after iteration ${k * 100}: ${cost.toFixed(6)}" for each recorded cost (i = ${printed.costs.map((_, j) => j * 100).join(", ")}, in order); ` +
              `no line names iteration ${k * 100} with its cost. It printed ${returned.printed.length ? `${returned.printed.length} lines: ${shown}${returned.printed.length > 6 ? ", …" : ""}` : "nothing"}`,
          );
        }
        from = at + 1;
      });
    },
  },
  {
    title: "printCost: false prints no costs",
    async run(student) {
      const { what, returned } = await runCase(student, printed, false);
      const costLines = returned.printed.filter((line) => printed.costs.some((cost, j) => costLine([line], 0, j * 100, cost) === 0));
      if (costLines.length > 0) throw new CheckFailure(`${what} printed ${costLines.length} cost lines (${JSON.stringify(costLines[0])}); print them only when printCost is true`);
      expectNumberClose(`${what}.costs.length`, (returned.value as { costs: unknown[] }).costs.length, printed.costs.length, EXACT);
    },
  },
];
