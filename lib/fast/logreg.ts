/**
 * The glue between lib/logreg (tensors, the course's signatures) and the fast path (arrays).
 *
 * Which implementation runs is an implementation detail, chosen per call:
 *   option `implementation` ("auto" | "fast" | "tfjs"), else NN_LOGREG_IMPL, else "auto";
 *   "auto" = the fast path whenever this JavaScript engine can run its WebAssembly (SIMD + shared
 *   memory; Node ≥ 16 can), on every backend: `npm run bench` measures it far ahead of the tfjs ops
 *   on wasm and cpu (see bench/README.md). Native TensorFlow (tfjs-node) is not installed here, so
 *   it could not be measured; the fast path avoids its ~8 op dispatches per iteration too, and the
 *   benchmark times both paths on every backend it finds, so the choice can be checked there.
 * Both implementations are tested against the same numpy fixtures (lib/fast/logreg.test.ts).
 */
import { tf } from "../backend";
import { costLine, divergenceError } from "../logreg/descentMessages";
import { kernelSupported } from "./kernel";
import { fastGradientDescent, fastPropagate, type FastProblem } from "./train";

export type LogregImplementation = "auto" | "fast" | "tfjs";
export const IMPLEMENTATION_ENV = "NN_LOGREG_IMPL";

function requested(implementation: LogregImplementation | undefined, fnName: string): LogregImplementation {
  const raw = implementation ?? process.env[IMPLEMENTATION_ENV]?.trim().toLowerCase();
  if (raw === undefined || raw === "") return "auto";
  if (raw !== "auto" && raw !== "fast" && raw !== "tfjs") {
    const where = implementation !== undefined ? "implementation" : IMPLEMENTATION_ENV;
    throw new Error(`${fnName}: ${where} must be "auto", "fast" or "tfjs", got ${JSON.stringify(raw)}`);
  }
  return raw;
}

/** Whether `fnName` should run on the fast path (throws if "fast" is forced but cannot run). */
export function useFastPath(fnName: string, implementation?: LogregImplementation): boolean {
  const choice = requested(implementation, fnName);
  if (choice === "tfjs") return false;
  const support = kernelSupported();
  if (choice === "fast" && !support.ok) throw new Error(`${fnName}: the fast path cannot run here (${support.reason})`);
  return support.ok;
}

/** The fast path's view of validated float32-or-int tensors X (n_x, m) and Y (1, m). */
function problemOf(X: tf.Tensor2D, Y: tf.Tensor2D): FastProblem {
  const [nX, m] = X.shape;
  return {
    nX,
    m,
    // The packed copy is kept while X's data is the same object (tfjs tensors are immutable).
    xKey: X.dataId as object,
    X: () => {
      const data = X.dataSync();
      return data instanceof Float32Array ? data : Float32Array.from(data as ArrayLike<number>);
    },
    Y: Y.dataSync() as ArrayLike<number>,
  };
}

/** A (n, 1) float32 tensor of a float64 vector. */
const column = (values: Float64Array) => tf.tensor2d(Float32Array.from(values), [values.length, 1]);

/** The course's propagate on the fast path: dw (a new tensor), db, cost. Arguments already validated. */
export function propagateFast(w: tf.Tensor2D, b: number, X: tf.Tensor2D, Y: tf.Tensor2D): { grads: { dw: tf.Tensor2D; db: number }; cost: number } {
  const r = fastPropagate(problemOf(X, Y), w.dataSync() as ArrayLike<number>, b);
  return { grads: { dw: column(r.dw), db: r.db }, cost: r.cost };
}

/**
 * The course's gradient descent on the fast path, with lib/logreg's contract: costs at 0, 100, …
 * (printed with printCost), new tensors params.w and grads.dw for the caller, the same divergence error.
 */
export function gradientDescentFast(
  fnName: string,
  w0: tf.Tensor2D,
  b0: number,
  X: tf.Tensor2D,
  Y: tf.Tensor2D,
  options: { numIterations: number; learningRate: number; printCost?: boolean },
  xName = "X",
): { params: { w: tf.Tensor2D; b: number }; grads: { dw: tf.Tensor2D; db: number }; costs: number[] } {
  const { numIterations, learningRate, printCost = false } = options;
  const r = fastGradientDescent(problemOf(X, Y), w0.dataSync() as ArrayLike<number>, b0, {
    numIterations,
    learningRate,
    onCost: printCost ? (i, cost) => console.log(costLine(i, cost)) : undefined,
  });
  if (r.diverged) {
    const { iteration, db, cost } = r.diverged;
    throw divergenceError(fnName, iteration, db, cost, learningRate, xName);
  }
  return { params: { w: column(r.w), b: r.b }, grads: { dw: column(r.dw), db: r.db }, costs: r.costs };
}
