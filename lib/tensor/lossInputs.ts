import { tf } from "../backend";
import * as message from "../messages";
import { isTensor, sameShape } from "./assertShape";
import { assertFinite } from "./assertFinite";

/** A vector of predictions or labels: a tensor, or a plain JS / typed array of numbers. */
export type LossInput = tf.Tensor | readonly number[] | Float32Array | Float64Array;

function toTensor(fnName: string, argName: string, value: LossInput): tf.Tensor {
  if (isTensor(value)) return value;
  if (Array.isArray(value) || value instanceof Float32Array || value instanceof Float64Array) {
    return tf.tensor(Array.from(value as ArrayLike<number>));
  }
  throw new Error(message.mustBe(fnName, argName, "a tf.Tensor or an array of numbers", message.describeValue(value)));
}

/**
 * Runs `f` on yhat and y as tensors inside tf.tidy, after checking that they have the same shape
 * (no broadcasting: a (5,) against a (5, 1) would otherwise silently sum a 5×5 matrix) and are finite.
 */
export function withLossInputs(fnName: string, yhat: LossInput, y: LossInput, f: (yhat: tf.Tensor, y: tf.Tensor) => tf.Scalar): number {
  return tf.tidy(() => {
    const yhatT = toTensor(fnName, "yhat", yhat);
    const yT = toTensor(fnName, "y", y);
    if (!sameShape(yhatT.shape, yT.shape)) {
      throw new Error(message.shapesDiffer(fnName, "yhat", yhatT.shape, "y", yT.shape));
    }
    assertFinite(fnName, "yhat", yhatT);
    assertFinite(fnName, "y", yT);
    return f(tf.cast(yhatT, "float32"), tf.cast(yT, "float32")).dataSync()[0];
  });
}
