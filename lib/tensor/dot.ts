/**
 * `dot(a, b)`: the dot product Σ aᵢbᵢ of two vectors as a number (numpy's np.dot of two 1-D arrays).
 *
 * tfjs's own `tf.dot` runs a general matrix product, op dispatch and a read-back. On the wasm
 * backend this runs the lib's SIMD kernel (lib/fast/kernel.wat, dot_f32) directly on the tensors'
 * memory inside tfjs's WebAssembly heap: no copy, no dispatch. On the cpu backend it loops over the
 * tensors' arrays (dataSync() returns them there without a copy); on other backends (native
 * TensorFlow) it is tf.dot. Products are float32 (the tensors' type); sums are float64 per block of
 * 1024, so the result is closer to the exact value than tf.dot's float32 sum.
 */
import { tf } from "../backend";
import * as message from "../messages";
import { dotArrays } from "../fast/dot";
import { heapKernel, heapOffset, type WasmBackendInternals } from "../wasmBackend/heap";
import { formatShape } from "./assertShape";

type Vector = tf.Tensor | Float32Array | Float64Array | readonly number[];

/** The length of a vector-shaped tensor (1-D, or 2-D with a dimension of 1); undefined for other shapes. */
function vectorLength(shape: readonly number[]): number | undefined {
  if (shape.length === 1) return shape[0];
  if (shape.length === 2 && (shape[0] === 1 || shape[1] === 1)) return shape[0] * shape[1];
  return undefined;
}

/** How `dot` computes for these arguments on the current backend (for the benchmark's labels). */
export function dotMethod(a: Vector, b: Vector): "wasm-simd-in-place" | "cpu-in-place" | "tf.dot" | "js-loop" {
  if (!(a instanceof tf.Tensor) || !(b instanceof tf.Tensor)) return "js-loop";
  const name = tf.getBackend();
  if (name === "wasm" && a.dtype === "float32" && b.dtype === "float32") return "wasm-simd-in-place";
  if (name === "cpu") return "cpu-in-place";
  return "tf.dot";
}

/**
 * The dot product of two vectors of equal length, as a number: tensors (1-D, or (n, 1) / (1, n))
 * or arrays. Throws, naming both shapes, when they are not vectors of the same length.
 */
export function dot(a: Vector, b: Vector): number {
  for (const [name, v] of [["a", a], ["b", b]] as const) {
    if (v instanceof tf.Tensor && v.isDisposed) throw new Error(message.disposed("dot", name));
  }
  const shapeOf = (v: Vector) => (v instanceof tf.Tensor ? v.shape : [v.length]);
  const la = vectorLength(shapeOf(a));
  const lb = vectorLength(shapeOf(b));
  if (la === undefined || lb === undefined) {
    throw new Error(
      message.mustBe("dot", "a and b", "vectors (1-D, or (n, 1) / (1, n))", `shapes ${formatShape(shapeOf(a))} and ${formatShape(shapeOf(b))}; for matrices use tf.matMul`),
    );
  }
  if (la !== lb) throw new Error(message.mustBe("dot", "a and b", "vectors of the same length", `shapes ${formatShape(shapeOf(a))} and ${formatShape(shapeOf(b))} (${la} vs ${lb} values)`));
  if (!(a instanceof tf.Tensor) || !(b instanceof tf.Tensor)) {
    return dotArrays(a instanceof tf.Tensor ? a.dataSync() : a, b instanceof tf.Tensor ? b.dataSync() : b);
  }
  const method = dotMethod(a, b);
  if (method === "wasm-simd-in-place") {
    const backend = tf.backend() as unknown as WasmBackendInternals;
    const kernel = heapKernel(backend);
    const offA = heapOffset(backend, a.dataId);
    const offB = heapOffset(backend, b.dataId);
    if (kernel && offA !== undefined && offB !== undefined) return kernel.dot_f32(offA, offB, la);
  } else if (method === "cpu-in-place") {
    return dotArrays(a.dataSync(), b.dataSync());
  }
  // Native TensorFlow (or unexpected internals): tfjs's own op.
  return tf.tidy(() => tf.dot(a.flatten(), b.flatten())).dataSync()[0];
}
