import { tf } from "../backend";

/** w = 0 of shape (dim, 1) and b = 0: the course's starting point (zeros are fine for logistic regression). */
export function initializeWithZeros(dim: number): { w: tf.Tensor2D; b: number } {
  if (typeof dim !== "number" || !Number.isInteger(dim) || dim <= 0) {
    throw new Error(`initializeWithZeros: dim must be a positive integer (the number of features n_x), got ${String(dim)}`);
  }
  return { w: tf.zeros([dim, 1]), b: 0 };
}
