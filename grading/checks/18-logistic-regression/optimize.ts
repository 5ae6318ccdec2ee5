/**
 * optimize(w, b, X, Y, { numIterations, learningRate, printCost }): gradient descent; the learned
 * params, the last gradients, the costs at iterations 0, 100, 200, …, and the course's printout.
 */
import { tf } from "../../../lib/backend";
import { CheckFailure, expectNumberClose, expectNumbersClose, expectObject, expectTensorClose, tensorOf } from "../../../lib/check/compare";
import { callStudent, fixture, studentFunction, withCapturedLog } from "../../harness";
import { DESCENT, type LogregFixtures, type OptimizeCase } from "./common";

const cases = fixture<LogregFixtures>("grading_logreg").optimize;

type Optimize = (
  w: tf.Tensor2D,
  b: number,
  X: tf.Tensor2D,
  Y: tf.Tensor2D,
  options: { numIterations: number; learningRate: number; printCost?: boolean },
) => unknown;

async function runCase(c: OptimizeCase, printCost: boolean) {
  const [w, X, Y] = [c.inputs.w, c.inputs.X, c.inputs.Y].map((v) => tensorOf(v) as tf.Tensor2D);
  const { numIterations, learningRate } = c.inputs;
  const what = `optimize(w, b, X, Y, { numIterations: ${numIterations}, learningRate: ${learningRate}${printCost ? ", printCost: true" : ""} }) for ${c.name}`;
  const { result, lines } = await withCapturedLog(() =>
    callStudent(what, studentFunction<Optimize>("optimize"), w, c.inputs.b, X, Y, { numIterations, learningRate, printCost }),
  );
  return { what, got: expectObject(what, result, ["params", "grads", "costs"]), lines, w, X, Y };
}

describe("optimize", () => {
  for (const c of cases) {
    it(`${c.name}: params, grads and costs`, async () => {
      const { what, got, w, X, Y } = await runCase(c, false);
      const params = expectObject(`${what}.params`, got.params, ["w", "b"]);
      const grads = expectObject(`${what}.grads`, got.grads, ["dw", "db"]);
      expectTensorClose(`${what}.params.w`, params.w, c.w, DESCENT);
      expectNumberClose(`${what}.params.b`, params.b, c.b, DESCENT);
      expectTensorClose(`${what}.grads.dw (the gradient of the last iteration)`, grads.dw, c.dw, DESCENT);
      expectNumberClose(`${what}.grads.db`, grads.db, c.db, DESCENT);
      expectNumbersClose(`${what}.costs (recorded at iterations 0, 100, 200, …)`, got.costs, c.costs, DESCENT);
      // The caller's w is the starting point, not scratch space.
      expectTensorClose(`the w passed to optimize, after the call (it must not be changed or disposed)`, w, c.inputs.w, { rtol: 0, atol: 0 });
      tf.dispose([w, X, Y, params.w as tf.Tensor, grads.dw as tf.Tensor]);
    });
  }

  const printed = cases.find((c) => c.inputs.numIterations > 200)!;
  it(`printCost: true prints "Cost after iteration i: J" at i = 0, 100, 200 (${printed.name})`, async () => {
    const { what, got, lines, w, X, Y } = await runCase(printed, true);
    const costLines = lines.filter((line) => /cost after iteration/i.test(line));
    const iterations = costLines.map((line) => Number(/iteration\s+(\d+)/i.exec(line)?.[1]));
    const expectedIterations = printed.costs.map((_, i) => i * 100);
    if (iterations.join() !== expectedIterations.join()) {
      throw new CheckFailure(
        `${what} should print ${expectedIterations.length} lines "Cost after iteration i: J" for i = ${expectedIterations.join(", ")}; it printed ${costLines.length ? costLines.map((l) => JSON.stringify(l)).join(", ") : "none"}`,
      );
    }
    costLines.forEach((line, k) => {
      const value = Number(/:\s*(-?[\d.eE+-]+)\s*$/.exec(line)?.[1]);
      // Printed with 6 decimals like the course's "%f": allow that rounding.
      expectNumberClose(`the cost printed in ${JSON.stringify(line)}`, value, printed.costs[k], { rtol: 1e-4, atol: 1e-6 });
    });
    tf.dispose([w, X, Y, (got.params as { w: tf.Tensor }).w, (got.grads as { dw: tf.Tensor }).dw]);
  });

  it("printCost: false prints no costs", async () => {
    const { what, got, lines, w, X, Y } = await runCase(printed, false);
    const costLines = lines.filter((line) => /cost after iteration/i.test(line));
    if (costLines.length > 0) throw new CheckFailure(`${what} printed ${costLines.length} cost lines; print them only when printCost is true`);
    tf.dispose([w, X, Y, (got.params as { w: tf.Tensor }).w, (got.grads as { dw: tf.Tensor }).dw]);
  });
});
