import { tf } from "../backend";
import { asFloat32 } from "./asFloat32";
import { assertShape } from "./assertShape";

/**
 * Row-wise softmax of x (shape (m, n)): softmax(x)_ij = e^(x_ij) / Σ_k e^(x_ik).
 * Each row's maximum is subtracted first — the same value in exact arithmetic, but e^(x) overflows
 * float32 once x > 88, and the shifted exponents never exceed e^0 = 1.
 */
export function softmax(x: tf.Tensor2D): tf.Tensor2D {
  assertShape("softmax", "x", x, [null, null]);
  return tf.tidy(() => {
    const xf = asFloat32(x);
    const xExp = tf.exp(tf.sub(xf, tf.max(xf, 1, true))); // (m, n)
    const xSum = tf.sum(xExp, 1, true); // (m, 1)
    return tf.div(xExp, xSum);
  });
}
