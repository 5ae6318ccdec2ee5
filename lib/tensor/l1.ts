import { tf } from "../backend";
import { withLossInputs, type LossInput } from "./lossInputs";

/** L1 loss: Σ_i |y_i − ŷ_i|, as a number. yhat and y: tensors or arrays of the same shape. */
export function l1(yhat: LossInput, y: LossInput): number {
  return withLossInputs("l1", yhat, y, (yhatT, yT) => tf.sum(tf.abs(tf.sub(yT, yhatT))));
}
