/**
 * `dot(a, b)`: the dot product Σ aᵢbᵢ of two vectors as a number (numpy's np.dot of two 1-D arrays).
 *
 * tfjs's own `tf.dot` on the wasm backend runs a general matrix product plus op dispatch and a
 * read-back (about 1 ms for 10⁶ elements here, ~12× np.dot). On the wasm backend this runs the lib's
 * SIMD kernel (kernel.wat, dot_f32) directly on the tensors' memory inside tfjs's WebAssembly heap:
 * no copy, no dispatch. On the cpu backend it loops over the tensors' arrays in place; on other
 * backends (native TensorFlow) it is tf.dot. Products are float32 (the tensors' type); sums are
 * float64 per block of 1024, so the result is closer to the exact value than tf.dot's float32 sum.
 */
import { tf } from "../backend";
import { formatShape } from "../tensor/assertShape";
import { instantiate, kernelModulePlain, type KernelExports } from "./kernel";

type Vector = tf.Tensor | Float32Array | Float64Array | readonly number[];

/** The length of a vector-shaped tensor (1-D, or 2-D with a dimension of 1); undefined for other shapes. */
function vectorLength(shape: readonly number[]): number | undefined {
  if (shape.length === 1) return shape[0];
  if (shape.length === 2 && (shape[0] === 1 || shape[1] === 1)) return shape[0] * shape[1];
  return undefined;
}

interface WasmBackendInternals {
  wasm?: { asm?: { memory?: unknown } };
  dataIdMap?: { get(dataId: object): { memoryOffset?: number | null } | undefined };
}
interface CpuBackendInternals {
  data?: { get(dataId: object): { values?: unknown } | undefined };
}

let heapKernel: { memory: WebAssembly.Memory; kernel: KernelExports } | undefined;

/** The kernel instantiated on the tfjs wasm backend's own memory, or undefined if its internals are not as expected. */
function wasmHeapKernel(backend: WasmBackendInternals): KernelExports | undefined {
  const memory = backend.wasm?.asm?.memory;
  if (!(memory instanceof WebAssembly.Memory)) return undefined;
  if (heapKernel?.memory !== memory) heapKernel = { memory, kernel: instantiate(kernelModulePlain(), memory) };
  return heapKernel.kernel;
}

// Σ a[i]·b[i] with four accumulators (independent additions run in parallel). One copy per array
// type, so each stays monomorphic: V8 compiles each for a single element type.
function dotFloat32(a: Float32Array, b: Float32Array): number {
  const whole = a.length & ~3; // a loop bound V8 can see is ≤ length: no bounds checks (2-3× faster than i + 3 < n)
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  for (let i = 0; i < whole; i += 4) {
    s0 += a[i] * b[i];
    s1 += a[i + 1] * b[i + 1];
    s2 += a[i + 2] * b[i + 2];
    s3 += a[i + 3] * b[i + 3];
  }
  for (let i = whole; i < a.length; i++) s0 += a[i] * b[i];
  return s0 + s1 + (s2 + s3);
}
function dotFloat64(a: Float64Array, b: Float64Array): number {
  const whole = a.length & ~3; // a loop bound V8 can see is ≤ length: no bounds checks (2-3× faster than i + 3 < n)
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  for (let i = 0; i < whole; i += 4) {
    s0 += a[i] * b[i];
    s1 += a[i + 1] * b[i + 1];
    s2 += a[i + 2] * b[i + 2];
    s3 += a[i + 3] * b[i + 3];
  }
  for (let i = whole; i < a.length; i++) s0 += a[i] * b[i];
  return s0 + s1 + (s2 + s3);
}
function dotGeneric(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
function dotArrays(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a instanceof Float32Array && b instanceof Float32Array) return dotFloat32(a, b);
  if (a instanceof Float64Array && b instanceof Float64Array) return dotFloat64(a, b);
  return dotGeneric(a, b);
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
    if (v instanceof tf.Tensor && v.isDisposed) throw new Error(`dot: ${name} has been disposed; it can no longer be used`);
  }
  const shapeOf = (v: Vector) => (v instanceof tf.Tensor ? v.shape : [v.length]);
  const la = vectorLength(shapeOf(a));
  const lb = vectorLength(shapeOf(b));
  if (la === undefined || lb === undefined) {
    throw new Error(
      `dot: expects two vectors (1-D, or (n, 1) / (1, n)), got shapes ${formatShape(shapeOf(a))} and ${formatShape(shapeOf(b))}; ` +
        "for matrices use tf.matMul",
    );
  }
  if (la !== lb) throw new Error(`dot: vectors of shapes ${formatShape(shapeOf(a))} and ${formatShape(shapeOf(b))} differ in length (${la} vs ${lb})`);
  if (!(a instanceof tf.Tensor) || !(b instanceof tf.Tensor)) {
    return dotArrays(a instanceof tf.Tensor ? a.dataSync() : a, b instanceof tf.Tensor ? b.dataSync() : b);
  }
  const method = dotMethod(a, b);
  if (method === "wasm-simd-in-place") {
    const backend = tf.backend() as unknown as WasmBackendInternals;
    const kernel = wasmHeapKernel(backend);
    const offA = backend.dataIdMap?.get(a.dataId)?.memoryOffset;
    const offB = backend.dataIdMap?.get(b.dataId)?.memoryOffset;
    if (kernel && typeof offA === "number" && typeof offB === "number") return kernel.dot_f32(offA, offB, la);
  } else if (method === "cpu-in-place") {
    const backend = tf.backend() as unknown as CpuBackendInternals;
    const va = backend.data?.get(a.dataId)?.values;
    const vb = backend.data?.get(b.dataId)?.values;
    if (ArrayBuffer.isView(va) && ArrayBuffer.isView(vb)) return dotArrays(va as unknown as ArrayLike<number>, vb as unknown as ArrayLike<number>);
  }
  // Native TensorFlow (or unexpected internals): tfjs's own op.
  return tf.tidy(() => tf.dot(a.flatten(), b.flatten())).dataSync()[0];
}
