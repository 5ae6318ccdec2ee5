import { tf } from "../backend";
import * as message from "../messages";
import { asFloat32 } from "./asFloat32";
import { isTensor } from "./assertShape";

/**
 * σ(z) = 1 / (1 + e^(−z)), elementwise. A number gives a number (computed in float64, like the
 * course's `math.exp` version); a tensor gives a new tensor of the same shape (the course's
 * `np.exp` version). The tensor path uses tfjs's sigmoid kernel, which evaluates the same formula
 * without overflowing e^(−z) for very negative z. Integer tensors are computed as float32.
 */
export function sigmoid(z: number): number;
export function sigmoid<T extends tf.Tensor>(z: T): T;
export function sigmoid(z: number | tf.Tensor): number | tf.Tensor {
  if (typeof z === "number") return 1 / (1 + Math.exp(-z));
  if (!isTensor(z)) throw new Error(message.mustBe("sigmoid", "z", "a number or a tf.Tensor", message.describeValue(z)));
  return tf.tidy(() => tf.sigmoid(asFloat32(z)));
}
