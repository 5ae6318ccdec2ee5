import { tf } from "../backend";
import * as message from "../messages";

/** w = 0 of shape (dim, 1) and b = 0: the course's starting point (zeros are fine for logistic regression). */
export function initializeWithZeros(dim: number): { w: tf.Tensor2D; b: number } {
  if (typeof dim !== "number" || !Number.isInteger(dim) || dim <= 0) {
    throw new Error(message.mustBe("initializeWithZeros", "dim", "a positive integer (the number of features n_x)", String(dim)));
  }
  return { w: tf.zeros([dim, 1]), b: 0 };
}
