import { tf } from "../backend";
import { sigmoid } from "../tensor/sigmoid";
import { asFloat32, validateTensors } from "./validate";
import { propagateFast, useFastPath, type LogregImplementation } from "../fast/logreg";

export interface Grads {
  /** ∂J/∂w, shape (n_x, 1). */
  dw: tf.Tensor2D;
  /** ∂J/∂b. */
  db: number;
}

/**
 * The forward and backward pass on float32 tensors of validated shapes, without checks.
 * Call inside tf.tidy. `withCost: false` skips the cost (optimize() only records every 100th).
 */
export function propagateCore(
  w: tf.Tensor2D,
  b: number,
  X: tf.Tensor2D,
  Y: tf.Tensor2D,
  withCost: boolean,
): { dw: tf.Tensor2D; db: tf.Scalar; cost?: number } {
  const m = X.shape[1];
  // Forward: Z = wᵀX + b, A = σ(Z), both (1, m).
  const Z = tf.add(tf.matMul(w, X, true, false), b);
  const A = sigmoid(Z);
  // Backward: dZ = A − Y, dw = (1/m) X dZᵀ (n_x, 1), db = (1/m) Σ dZ.
  const dZ = tf.sub(A, Y);
  const dw = tf.div(tf.matMul(X, dZ, false, true), m) as tf.Tensor2D;
  const db = tf.div(tf.sum(dZ), m) as tf.Scalar;
  if (!withCost) return { dw, db };
  // J = −(1/m) Σ [Y log A + (1 − Y) log(1 − A)], with log A = −softplus(−Z) and
  // log(1 − A) = −softplus(Z): the same number, but float32 rounds A to exactly 1 once Z > 17,
  // where log(1 − A) would be −∞ (and 0·(−∞) = NaN for a label of 1).
  const losses = tf.add(tf.mul(Y, tf.softplus(tf.neg(Z))), tf.mul(tf.sub(1, Y), tf.softplus(Z)));
  return { dw, db, cost: meanFloat64(losses.dataSync()) };
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
  validateTensors("propagate", { w, b, X, Y });
  // The fast path keeps a packed copy of X, so propagate in a loop over the same X is cheap.
  if (useFastPath("propagate", options.implementation)) return propagateFast(w, b, X, Y);
  let db = 0;
  let cost = 0;
  const dw = tf.tidy(() => {
    const g = propagateCore(asFloat32(w), b, asFloat32(X), asFloat32(Y), true);
    db = g.db.dataSync()[0];
    cost = g.cost as number;
    return g.dw;
  });
  return { grads: { dw, db }, cost };
}
