import { tf } from "../backend";
import { withLossInputs, type LossInput } from "./lossInputs";

/** L2 loss: Σ_i (y_i − ŷ_i)², as a number. yhat and y: tensors or arrays of the same shape. */
export function l2(yhat: LossInput, y: LossInput): number {
  return withLossInputs("l2", yhat, y, (yhatT, yT) => tf.sum(tf.square(tf.sub(yT, yhatT))));
}
