import { tf } from "../backend";
import { asFloat32 } from "../tensor/asFloat32";
import { assertShape } from "../tensor/assertShape";

/**
 * The course's preprocessing of an image set, its two steps in one call:
 * `X_flatten = X_orig.reshape(X_orig.shape[0], -1).T` (one column per image), then `/ 255`
 * ("standardize": pixels 0..255 become 0..1).
 * images (m, height, width, channels) → X (height·width·channels, m), float32.
 */
export function flattenAndStandardize(images: tf.Tensor4D): tf.Tensor2D {
  assertShape("flattenAndStandardize", "images", images, [null, null, null, null], "— (m, height, width, channels)");
  return tf.tidy(() => {
    const m = images.shape[0];
    // float32 first: tfjs's int32 div floors, which would turn every pixel but 255 into 0.
    return tf.div(tf.transpose(tf.reshape(asFloat32(images), [m, -1])), 255) as tf.Tensor2D;
  });
}
