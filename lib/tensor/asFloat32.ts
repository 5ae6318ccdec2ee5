import { tf } from "../backend";

/**
 * t itself when it is float32, else a float32 copy: tfjs's float kernels (sigmoid, sqrt, matMul
 * with a float operand) refuse int32 and bool tensors, while the course's numpy silently promotes.
 * Use inside tf.tidy, or dispose the copy when it is not t.
 */
export function asFloat32<T extends tf.Tensor>(t: T): T {
  return t.dtype === "float32" ? t : tf.cast(t, "float32");
}
