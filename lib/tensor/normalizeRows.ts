import { tf } from "../backend";
import { asFloat32 } from "./asFloat32";
import { assertShape } from "./assertShape";

/**
 * Divides each row of x (shape (n, d)) by its L2 norm ‖x_i‖ = sqrt(Σ_j x_ij²), so every row gets
 * length 1 (broadcasting the (n, 1) norms over the columns, as the course does).
 * A row of zeros has no direction; it is left as zeros instead of becoming 0/0 = NaN.
 */
export function normalizeRows(x: tf.Tensor2D): tf.Tensor2D {
  assertShape("normalizeRows", "x", x, [null, null]);
  return tf.tidy(() => {
    const xf = asFloat32(x);
    const xNorm = tf.sqrt(tf.sum(tf.square(xf), 1, true)); // (n, 1)
    const safeNorm = tf.where(tf.equal(xNorm, 0), tf.onesLike(xNorm), xNorm);
    return tf.div(xf, safeNorm);
  });
}
