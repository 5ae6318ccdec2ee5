/**
 * The slow form the benchmark compares with: notebook 18's propagate / optimize with the transposes
 * written as matMul's flags, `tf.matMul(w, X, true, false)` and `tf.matMul(X, dZ, false, true)`,
 * instead of `tf.matMul(tf.transpose(w), X)` and `tf.matMul(X, tf.transpose(dZ))`. Same math, same
 * op count otherwise; on tfjs's own wasm kernels the flags cost a transposed copy of X per product.
 */
import { tf } from "../lib/backend";
import { sigmoid } from "../lib/tensor/sigmoid";

function propagate(w: tf.Tensor2D, b: number, X: tf.Tensor2D, Y: tf.Tensor2D): { dw: tf.Tensor2D; db: number; cost: number } {
  const m = X.shape[1];
  return tf.tidy(() => {
    const A = sigmoid(tf.add(tf.matMul(w, X, true, false), b));
    const losses = tf.neg(tf.add(tf.mul(Y, tf.log(A)), tf.mul(tf.sub(1, Y), tf.log(tf.sub(1, A)))));
    const cost = Array.from(losses.dataSync()).reduce((sum, loss) => sum + loss, 0) / m;
    const dZ = tf.sub(A, Y);
    const dw = tf.mul(1 / m, tf.matMul(X, dZ, false, true)) as tf.Tensor2D;
    const db = tf.mul(1 / m, tf.sum(dZ));
    return { dw, db: db.dataSync()[0], cost };
  });
}

/** Gradient descent from w0, b0 (the caller keeps w0): costs at 0, 100, …; the learned w is the caller's to dispose. */
export function optimizeWithTransposeFlags(
  w0: tf.Tensor2D,
  b0: number,
  X: tf.Tensor2D,
  Y: tf.Tensor2D,
  options: { numIterations: number; learningRate: number },
): { w: tf.Tensor2D; b: number; costs: number[] } {
  const { numIterations, learningRate } = options;
  let w = tf.clone(w0);
  let b = b0;
  const costs: number[] = [];
  for (let i = 0; i < numIterations; i++) {
    const { dw, db, cost } = propagate(w, b, X, Y);
    const previous = w;
    w = tf.tidy(() => tf.sub(previous, tf.mul(learningRate, dw)) as tf.Tensor2D);
    tf.dispose([previous, dw]);
    b -= learningRate * db;
    if (i % 100 === 0) costs.push(cost);
  }
  return { w, b, costs };
}
