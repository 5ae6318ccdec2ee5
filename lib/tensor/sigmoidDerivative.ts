import { tf } from "../backend";
import * as message from "../messages";
import { isTensor } from "./assertShape";
import { sigmoid } from "./sigmoid";

/**
 * σ'(x) = σ(x)(1 − σ(x)), elementwise; a number gives a number, a tensor a new tensor.
 * Evaluated as σ(x)·σ(−x) (1 − σ(x) = σ(−x)): the same value, but without the cancellation in
 * 1 − σ(x) that costs float32 most of its digits once σ(x) is close to 1 (x ≳ 5).
 */
export function sigmoidDerivative(x: number): number;
export function sigmoidDerivative<T extends tf.Tensor>(x: T): T;
export function sigmoidDerivative(x: number | tf.Tensor): number | tf.Tensor {
  if (typeof x === "number") {
    return sigmoid(x) * sigmoid(-x);
  }
  if (!isTensor(x)) throw new Error(message.mustBe("sigmoidDerivative", "x", "a number or a tf.Tensor", message.describeValue(x)));
  return tf.tidy(() => tf.mul(sigmoid(x), sigmoid(tf.neg(x))));
}
