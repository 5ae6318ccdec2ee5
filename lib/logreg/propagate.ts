import { tf } from "../backend";
import { sigmoid } from "../tensor/sigmoid";
import { asFloat32, validateTensors } from "./validate";
import { propagateFast, useFastPath, type LogregImplementation } from "./fastPath";

export interface Grads {
  /** ∂J/∂w, shape (n_x, 1). */
  dw: tf.Tensor2D;
  /** ∂J/∂b. */
  db: number;
}

/**
 * The forward and backward pass on float32 tensors of validated shapes, without checks.
 * Call inside tf.tidy. `withCost: false` skips the cost (optimize() only records every 100th).
 * Returns X·dZᵀ and Σ dZ unscaled: dw = XdZ / m and db = sumDZ / m (optimize folds the 1/m into its step).
 */
export function propagateCore(
  w: tf.Tensor2D,
  b: number,
  X: tf.Tensor2D,
  Y: tf.Tensor2D,
  withCost: boolean,
): { XdZ: tf.Tensor2D; sumDZ: tf.Scalar; cost?: number } {
  const [nX, m] = X.shape;
  // Forward: Z = wᵀX + b, A = σ(Z), both (1, m). A vector's transpose is a reshape (no copy, and
  // the products stay the plain (1, n)·(n, m) and (n, m)·(m, 1) that matMul does fastest).
  const Z = tf.add(tf.matMul(tf.reshape(w, [1, nX]), X), b);
  const A = sigmoid(Z);
  // Backward: dZ = A − Y, dw = (1/m) X dZᵀ (n_x, 1), db = (1/m) Σ dZ.
  const dZ = tf.sub(A, Y);
  const XdZ = tf.matMul(X, tf.reshape(dZ, [m, 1])) as tf.Tensor2D;
  const sumDZ = tf.sum(dZ) as tf.Scalar;
  if (!withCost) return { XdZ, sumDZ };
  // J = −(1/m) Σ [Y log A + (1 − Y) log(1 − A)], with log A = −softplus(−Z) and
  // log(1 − A) = −softplus(Z): the same number, but float32 rounds A to exactly 1 once Z > 17,
  // where log(1 − A) would be −∞ (and 0·(−∞) = NaN for a label of 1).
  const losses = tf.add(tf.mul(Y, tf.softplus(tf.neg(Z))), tf.mul(tf.sub(1, Y), tf.softplus(Z)));
  return { XdZ, sumDZ, cost: meanFloat64(losses.dataSync()) };
}

/**
 * The mean of the m per-example losses, summed in float64: a float32 running sum over m = 209
 * already drifts by ~1e-6 relative, enough to print ln 2 = 0.693147… as 0.693146.
 */
function meanFloat64(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum / values.length;
}

/**
 * One forward and backward pass of logistic regression over all m examples (the course's
 * `propagate`): w (n_x, 1), b a number, X (n_x, m), Y (1, m) of 0/1 labels.
 * Returns the gradients (dw a new tensor the caller owns) and the cost J(w, b).
 * `options.implementation`: see OptimizeOptions.
 */
export function propagate(
  w: tf.Tensor2D,
  b: number,
  X: tf.Tensor2D,
  Y: tf.Tensor2D,
  options: { implementation?: LogregImplementation } = {},
): { grads: Grads; cost: number } {
  const { xToken } = validateTensors("propagate", { w, b, X, Y });
  // The fast path keeps a packed copy of X, so propagate in a loop over the same X is cheap.
  if (useFastPath("propagate", options.implementation)) {
    const fast = propagateFast(w, b, X, Y, xToken);
    if (fast) return fast;
  }
  const m = X.shape[1];
  let db = 0;
  let cost = 0;
  const dw = tf.tidy(() => {
    const g = propagateCore(asFloat32(w), b, asFloat32(X), asFloat32(Y), true);
    db = g.sumDZ.dataSync()[0] / m;
    cost = g.cost as number;
    return tf.div(g.XdZ, m) as tf.Tensor2D;
  });
  return { grads: { dw, db }, cost };
}
