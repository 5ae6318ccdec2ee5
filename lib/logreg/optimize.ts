import { tf } from "../backend";
import { propagateCore, type Grads } from "./propagate";
import { asFloat32, validateTensors, type ArgNames } from "./validate";
import { gradientDescentFast, useFastPath, type LogregImplementation } from "./fastPath";
import { costLine, divergenceError } from "./descentMessages";
import * as message from "../messages";

export interface OptimizeOptions {
  /** Gradient-descent steps (a non-negative integer). */
  numIterations: number;
  /** Step size α (a positive number). */
  learningRate: number;
  /** Print `Cost after iteration i: J` every 100 iterations. Default false. */
  printCost?: boolean;
  /**
   * "auto" (default; NN_LOGREG_IMPL overrides): the lib's fused SIMD/threaded kernel (lib/fast),
   * "tfjs": the tensor ops below. Both give the same numbers to float32 precision.
   */
  implementation?: LogregImplementation;
}

/** Throws a message naming `fnName` unless numIterations and learningRate are usable. */
export function validateOptimizeOptions(fnName: string, options: { numIterations?: unknown; learningRate?: unknown }): void {
  const { numIterations, learningRate } = options;
  if (typeof numIterations !== "number" || !Number.isInteger(numIterations) || numIterations < 0) {
    throw new Error(message.mustBe(fnName, "numIterations", "a non-negative integer", String(numIterations)));
  }
  if (typeof learningRate !== "number" || !Number.isFinite(learningRate) || learningRate <= 0) {
    throw new Error(message.mustBe(fnName, "learningRate", "a positive finite number", String(learningRate)));
  }
}

/**
 * Gradient descent on J(w, b) (the course's `optimize`): numIterations times
 * w := w − α·dw, b := b − α·db, with α = learningRate. The cost is recorded (and printed when
 * printCost is set) at iterations 0, 100, 200, … before that iteration's update, like the course.
 *
 * Returns new tensors the caller owns and must dispose: params.w (the learned w) and grads.dw
 * (the gradient of the last iteration, before its update; with numIterations = 0, the gradient at
 * the initial parameters). The caller's w, X and Y are left untouched and alive.
 * Throws if the parameters diverge (NaN or infinite gradient), e.g. for too large a learning rate.
 */
export function optimize(
  w: tf.Tensor2D,
  b: number,
  X: tf.Tensor2D,
  Y: tf.Tensor2D,
  options: OptimizeOptions,
): { params: { w: tf.Tensor2D; b: number }; grads: Grads; costs: number[] } {
  const { xToken } = validateTensors("optimize", { w, b, X, Y });
  validateOptimizeOptions("optimize", options ?? {});
  return gradientDescent("optimize", w, b, X, Y, xToken, options);
}

/**
 * The descent loop on validated arguments; `fnName` is the public function that errors name and
 * `xToken` identifies X's values (from validateTensors).
 */
export function gradientDescent(
  fnName: string,
  w0: tf.Tensor2D,
  b0: number,
  X0: tf.Tensor2D,
  Y0: tf.Tensor2D,
  xToken: object,
  options: OptimizeOptions,
  names: Partial<ArgNames> = {},
): { params: { w: tf.Tensor2D; b: number }; grads: Grads; costs: number[] } {
  if (useFastPath(fnName, options.implementation)) {
    const fast = gradientDescentFast(fnName, w0, b0, X0, Y0, xToken, options, names.X ?? "X");
    if (fast) return fast;
  }
  const { numIterations, learningRate, printCost = false } = options;
  const m = X0.shape[1];
  // Float32 views of the inputs (the caller's own tensors when already float32) and a private w.
  const X = asFloat32(X0);
  const Y = asFloat32(Y0);
  let w = tf.tidy(() => tf.clone(asFloat32(w0)));
  let b = b0;
  let XdZ: tf.Tensor2D | undefined; // the last iteration's X·dZᵀ (dw = XdZ / m)
  let db = 0;
  const costs: number[] = [];
  try {
    for (let i = 0; i < numIterations; i++) {
      const record = i % 100 === 0;
      let cost = NaN;
      const wPrev = w;
      const step = tf.tidy(() => {
        const g = propagateCore(wPrev, b, X, Y, record);
        db = g.sumDZ.dataSync()[0] / m;
        if (g.cost !== undefined) cost = g.cost;
        // w − α·dw with dw = XdZ / m: one multiply by α/m.
        return { XdZ: g.XdZ, w: tf.sub(wPrev, tf.mul(g.XdZ, learningRate / m)) as tf.Tensor2D };
      });
      wPrev.dispose();
      XdZ?.dispose();
      w = step.w;
      XdZ = step.XdZ;
      if (!Number.isFinite(db) || (record && !Number.isFinite(cost))) {
        throw divergenceError(fnName, i, db, cost, learningRate, names.X ?? "X");
      }
      b = b - learningRate * db;
      if (record) {
        costs.push(cost);
        if (printCost) console.log(costLine(i, cost));
      }
    }
    if (XdZ === undefined) {
      // numIterations = 0: no step was taken; report the gradient at the initial parameters.
      const wInit = w;
      XdZ = tf.tidy(() => {
        const g = propagateCore(wInit, b, X, Y, false);
        db = g.sumDZ.dataSync()[0] / m;
        return g.XdZ;
      });
    }
  } catch (err) {
    w.dispose();
    XdZ?.dispose();
    throw err;
  } finally {
    if (X !== X0) X.dispose();
    if (Y !== Y0) Y.dispose();
  }
  const lastXdZ = XdZ;
  const dw = tf.tidy(() => tf.div(lastXdZ, m) as tf.Tensor2D);
  lastXdZ.dispose();
  return { params: { w, b }, grads: { dw, db }, costs };
}
