import { tf } from "../backend";
import { assertShape, formatShape } from "../tensor/assertShape";

/**
 * Accuracy in percent, as the course computes it: 100 − mean(|Ŷ − Y|)·100, for 0/1 predictions Ŷ
 * and labels Y of the same shape (1, m). Computed in float64 from the tensors' values, so it is
 * exactly the number numpy prints (e.g. 99.04306220095694 for 207 of 209 right).
 */
export function accuracy(predictions: tf.Tensor2D, Y: tf.Tensor2D): number {
  assertShape("accuracy", "predictions", predictions, [1, null]);
  assertShape("accuracy", "Y", Y, [1, predictions.shape[1]], `to match predictions of shape ${formatShape(predictions.shape)}`);
  const yHat = predictions.dataSync();
  const y = Y.dataSync();
  let sumAbsError = 0;
  for (let i = 0; i < y.length; i++) sumAbsError += Math.abs(yHat[i] - y[i]);
  return 100 - (sumAbsError / y.length) * 100;
}
