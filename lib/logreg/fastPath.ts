/**
 * The course's propagate and gradient descent on the lib's fast path (lib/fast: a fused
 * WebAssembly SIMD kernel on two threads, over X packed once), behind lib/logreg's signatures.
 *
 * Which implementation runs is chosen per call: option `implementation` ("auto" | "fast" | "tfjs"),
 * else NN_LOGREG_IMPL, else "auto" = the fast path whenever this JavaScript engine can run its
 * WebAssembly (SIMD and shared memory; Node ≥ 16 can), on every backend; `npm run bench` compares
 * the two. When X does not fit the fast path's memory, the call runs on tfjs ops instead and says
 * so once. Both implementations are tested against the same numpy fixtures.
 */
import { tf } from "../backend";
import { DoesNotFitError, fastGradientDescent, fastPropagate, kernelSupported, type FastProblem } from "../fast";
import { formatShape } from "../tensor/assertShape";
import { costLine, divergenceError } from "./descentMessages";
import * as message from "../messages";

export type LogregImplementation = "auto" | "fast" | "tfjs";
export const IMPLEMENTATION_ENV = "NN_LOGREG_IMPL";

function requested(implementation: LogregImplementation | undefined, fnName: string): LogregImplementation {
  const raw = implementation ?? process.env[IMPLEMENTATION_ENV]?.trim().toLowerCase();
  if (raw === undefined || raw === "") return "auto";
  if (raw !== "auto" && raw !== "fast" && raw !== "tfjs") {
    const where = implementation !== undefined ? "implementation" : IMPLEMENTATION_ENV;
    throw new Error(message.mustBe(fnName, where, '"auto", "fast" or "tfjs"', JSON.stringify(raw)));
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

const noted = new Set<string>();

/** Says once per function and shape that X went to tfjs ops, and why. */
function noteFallback(fnName: string, xName: string, X: tf.Tensor2D, err: DoesNotFitError): void {
  const key = `${fnName} ${X.shape.join("x")}`;
  if (noted.has(key)) return;
  noted.add(key);
  console.warn(`${fnName}: ${xName} of shape ${formatShape(X.shape)} is too large for the fast path (${err.message}); computing with tfjs ops instead (same results, slower)`);
}

/** The fast path's view of validated tensors X (n_x, m) and Y (1, m); `xToken` identifies X's values. */
function problemOf(X: tf.Tensor2D, Y: tf.Tensor2D, xToken: object): FastProblem {
  const [nX, m] = X.shape;
  return {
    nX,
    m,
    xKey: xToken,
    X: () => {
      const data = X.dataSync();
      return data instanceof Float32Array ? data : Float32Array.from(data as ArrayLike<number>);
    },
    Y: Y.dataSync() as ArrayLike<number>,
  };
}

/** A (n, 1) float32 tensor of a vector. */
const column = (values: Float32Array | Float64Array) =>
  tf.tensor2d(values instanceof Float32Array ? values : Float32Array.from(values), [values.length, 1]);

/** Runs `f` unless X does not fit; then notes it and returns undefined (the caller uses tfjs ops). */
function unlessTooLarge<T>(fnName: string, xName: string, X: tf.Tensor2D, f: () => T): T | undefined {
  try {
    return f();
  } catch (err) {
    if (!(err instanceof DoesNotFitError)) throw err;
    noteFallback(fnName, xName, X, err);
    return undefined;
  }
}

/** The course's propagate on the fast path (arguments validated): dw (a new tensor), db, cost; undefined if X does not fit. */
export function propagateFast(
  w: tf.Tensor2D,
  b: number,
  X: tf.Tensor2D,
  Y: tf.Tensor2D,
  xToken: object,
): { grads: { dw: tf.Tensor2D; db: number }; cost: number } | undefined {
  return unlessTooLarge("propagate", "X", X, () => {
    const r = fastPropagate(problemOf(X, Y, xToken), w.dataSync() as ArrayLike<number>, b);
    return { grads: { dw: column(r.dw), db: r.db }, cost: r.cost };
  });
}

/**
 * The course's gradient descent on the fast path, with lib/logreg's contract: costs at 0, 100, …
 * (printed with printCost), new tensors params.w and grads.dw for the caller, the same divergence
 * error; undefined if X does not fit (nothing printed yet, then).
 */
export function gradientDescentFast(
  fnName: string,
  w0: tf.Tensor2D,
  b0: number,
  X: tf.Tensor2D,
  Y: tf.Tensor2D,
  xToken: object,
  options: { numIterations: number; learningRate: number; printCost?: boolean },
  xName = "X",
): { params: { w: tf.Tensor2D; b: number }; grads: { dw: tf.Tensor2D; db: number }; costs: number[] } | undefined {
  const { numIterations, learningRate, printCost = false } = options;
  const r = unlessTooLarge(fnName, xName, X, () =>
    fastGradientDescent(problemOf(X, Y, xToken), w0.dataSync() as ArrayLike<number>, b0, {
      numIterations,
      learningRate,
      onCost: printCost ? (i, cost) => console.log(costLine(i, cost)) : undefined,
    }),
  );
  if (!r) return undefined;
  if (r.diverged) {
    const { iteration, db, cost } = r.diverged;
    throw divergenceError(fnName, iteration, db, cost, learningRate, xName);
  }
  return { params: { w: column(r.w), b: r.b }, grads: { dw: column(r.dw), db: r.db }, costs: r.costs };
}
