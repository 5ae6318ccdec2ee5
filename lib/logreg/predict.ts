import { tf } from "../backend";
import { sigmoid } from "../tensor/sigmoid";
import { asFloat32, validateTensors } from "./validate";

/**
 * Predicts labels with learned parameters (the course's `predict`): A = σ(wᵀX + b), and
 * ŷ = 1 where A > 0.5, else 0. Returns a new float32 tensor of 0/1, shape (1, m).
 */
export function predict(w: tf.Tensor2D, b: number, X: tf.Tensor2D): tf.Tensor2D {
  validateTensors("predict", { w, b, X });
  return tf.tidy(() => {
    // wᵀ of a column is a reshape: the plain (1, n)·(n, m) product
    const A = sigmoid(tf.add(tf.matMul(tf.reshape(asFloat32(w), [1, X.shape[0]]), asFloat32(X)), b));
    return tf.cast(tf.greater(A, 0.5), "float32") as tf.Tensor2D;
  });
}
