import { tf } from "../backend";
import { assertShape } from "./assertShape";

/**
 * Unrolls an image of shape (height, width, channels) into a column vector (h·w·c, 1), in
 * row-major order like numpy's `image.reshape((h * w * c, 1))`: all channels of pixel (0, 0) first.
 */
export function image2vector(image: tf.Tensor3D): tf.Tensor2D {
  assertShape("image2vector", "image", image, [null, null, null]);
  const [h, w, c] = image.shape;
  return tf.reshape(image, [h * w * c, 1]);
}
