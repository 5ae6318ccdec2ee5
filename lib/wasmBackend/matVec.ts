/**
 * Matrix–vector products on the tfjs wasm backend, the products a learner's logistic regression
 * runs on every iteration: Z = wᵀX and dw = X dZᵀ / m, written `tf.matMul(tf.transpose(w), X)` and
 * `tf.matMul(X, tf.transpose(dZ))` (or with the transpose flags).
 *
 * tfjs-backend-wasm sends every matMul to XNNPACK's general matrix product, on one thread. That
 * is fast for (1, K)·(K, N), one row times a matrix whose weights it packs once and caches, but a
 * matrix times one column, (M, K)·(K, 1), runs as a batch of M products with one output channel
 * each, far slower than one pass over the matrix (`npm run bench` shows both).
 * This module replaces the backend's BatchMatMul kernel (tfjs's public registerKernel) with one
 * that, for a matrix times a vector either way round:
 *  - the second time it sees the same large matrix, packs it once into the lib's fast-path memory
 *    (lib/fast/packed: column after column, uint8 when the values are pixels k/255, the copy the
 *    fast trainer uses too) and from then on computes on that copy with two threads (lib/fast/matVec);
 *  - otherwise computes a matrix times a column in one pass with the lib's SIMD kernel on the
 *    tensors' memory in place (gemv_rows), and hands a row times a matrix to tfjs's own kernel as
 *    (1, K)·(K, N) without transpose flags (a vector's transpose is only a reshape);
 *  - hands everything else (matrix times matrix, batches, a dot product of two vectors) to tfjs's
 *    own kernel unchanged.
 * The packed copy is keyed by the matrix's dataId: a wasm tensor's values never change (see
 * lib/tensor/contentToken). Products are float32 like tfjs's; sums are float64 per block or per
 * half, so results agree with tfjs's to float32 rounding (tested against tfjs's kernel and float64 sums).
 *
 * `NN_MATVEC=tfjs` keeps tfjs's own kernel for every shape (the benchmark's rows on "tfjs's own
 * kernels" turn it off with useMatVecKernel).
 */
import * as tf from "@tensorflow/tfjs"; // not ../backend, which imports this module
import { DoesNotFitError, currentPacked, kernelSupported, packMatrix, packedFor, packedMatVec, type PackedMatrix } from "../fast";
import { heapFloat32, heapKernel, heapOffset, type WasmBackendInternals } from "./heap";

export const MATVEC_ENV = "NN_MATVEC";

type TensorInfo = { dataId: object; shape: number[]; dtype: string };
interface MatMulArgs {
  inputs: { a: TensorInfo; b: TensorInfo };
  backend: WasmBackendInternals;
  attrs: { transposeA: boolean; transposeB: boolean };
}
type KernelFunc = (args: MatMulArgs) => TensorInfo;

/** How one product runs. */
export type MatVecPlan =
  /** y[i] = Σ_k M[i, k]·v[k]: the lib's kernel over `matrix` stored rows × cols. */
  | { kind: "rows"; matrix: "a" | "b"; vector: "a" | "b"; rows: number; cols: number }
  /** y = v·M with M stored K × N: tfjs's kernel on (1, K)·(K, N), no transpose flags. */
  | { kind: "vectorTimesMatrix"; matrix: "a" | "b"; vector: "a" | "b"; K: number; N: number }
  /** tfjs's kernel, unchanged. */
  | { kind: "tfjs" };

const size = (shape: readonly number[]) => shape.reduce((p, d) => p * d, 1);

/** Which way a matMul of these shapes and flags runs (exported for the tests). */
export function planMatMul(aShape: readonly number[], bShape: readonly number[], transposeA: boolean, transposeB: boolean): MatVecPlan {
  const unchanged = { kind: "tfjs" } as const;
  if (aShape.length < 2 || bShape.length < 2) return unchanged;
  if (size(aShape.slice(0, -2)) !== 1 || size(bShape.slice(0, -2)) !== 1) return unchanged; // batches
  const [a0, a1] = aShape.slice(-2);
  const [b0, b1] = bShape.slice(-2);
  const M = transposeA ? a1 : a0;
  const K = transposeA ? a0 : a1;
  const N = transposeB ? b0 : b1;
  if ((transposeB ? b1 : b0) !== K || K === 0) return unchanged; // tfjs words the error
  if (N === 1 && M > 1) {
    // A (M, K) times the column b: rows of A contiguous unless A is stored transposed (K, M).
    return transposeA
      ? { kind: "vectorTimesMatrix", matrix: "a", vector: "b", K, N: M }
      : { kind: "rows", matrix: "a", vector: "b", rows: M, cols: K };
  }
  if (M === 1 && N > 1) {
    // The row a times B (K, N): stored transposed (N, K), B's rows are the ones to dot with a.
    if (transposeB) return { kind: "rows", matrix: "b", vector: "a", rows: N, cols: K };
    return { kind: "vectorTimesMatrix", matrix: "b", vector: "a", K, N };
  }
  return unchanged;
}

let tfjsKernel: KernelFunc | undefined;
let enabled = true;

/** Matrices of at least this many entries get a packed copy (smaller ones cost little either way). */
export const PACK_MIN_ENTRIES = 1 << 15;
/**
 * Packing costs some tens of products, so a matrix earns its copy on its second product (one used
 * twice is likely in a loop; a one-off product never packs), and does not evict the copy of a
 * matrix used in the last ROTATION products (two matrices taking turns would repack every time).
 */
const ROTATION = 16;
const seenOnce = new WeakSet<object>();
let products = 0;
let lastHit = -Infinity;

/** The packed copy of `matrix` (rows × cols as stored) if it has one or has earned one, else undefined. */
function packedCopy(backend: WasmBackendInternals, matrix: TensorInfo, rows: number, cols: number): PackedMatrix | undefined {
  if (rows * cols < PACK_MIN_ENTRIES || !kernelSupported().ok) return undefined;
  products++;
  const key = matrix.dataId;
  const hit = packedFor(key, rows, cols);
  if (hit) {
    lastHit = products;
    return hit;
  }
  if (!seenOnce.has(key)) {
    seenOnce.add(key);
    return undefined;
  }
  if (currentPacked()?.key?.deref() !== undefined && products - lastHit <= ROTATION) return undefined; // in use: keep it
  lastHit = products;
  const values = heapFloat32(backend, key, rows * cols);
  if (!values) return undefined;
  try {
    return packMatrix({ rows, cols, values, key }).packed;
  } catch (err) {
    if (err instanceof DoesNotFitError) return undefined; // too large: computed in place instead
    throw err;
  }
}

function outputShape(a: TensorInfo, b: TensorInfo, plan: Exclude<MatVecPlan, { kind: "tfjs" }>): number[] {
  const outer = tf.broadcast_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2));
  const rowOut = plan.vector === "a"; // a row vector in gives a row out: (1, N); else a column (M, 1)
  const n = plan.kind === "rows" ? plan.rows : plan.N;
  return [...outer, ...(rowOut ? [1, n] : [n, 1])];
}

function batchMatMul(args: MatMulArgs): TensorInfo {
  const original = tfjsKernel as KernelFunc;
  const { inputs, backend, attrs } = args;
  const { a, b } = inputs;
  if (!enabled || a.dtype !== "float32" || b.dtype !== "float32") return original(args);
  const plan = planMatMul(a.shape, b.shape, attrs.transposeA, attrs.transposeB);
  if (plan.kind === "tfjs") return original(args);
  const matrix = inputs[plan.matrix];
  const vector = inputs[plan.vector];
  const shape = outputShape(a, b, plan);
  // The matrix as stored (rows × cols) and the product: rows dotted with v (S·v), or vᵀ·S.
  const [rows, cols, product] = plan.kind === "rows" ? [plan.rows, plan.cols, "Sv" as const] : [plan.K, plan.N, "vS" as const];
  const packed = packedCopy(backend, matrix, rows, cols);
  if (packed && backend.makeOutput) {
    const out = backend.makeOutput(shape, "float32"); // may grow the heap: views after it
    const v = heapFloat32(backend, vector.dataId, product === "Sv" ? cols : rows);
    const y = heapFloat32(backend, out.dataId, product === "Sv" ? rows : cols);
    if (!v || !y) throw new Error("matMul: a tensor of the wasm backend has no memory");
    packedMatVec(packed, product, v, y);
    return out;
  }
  if (plan.kind === "vectorTimesMatrix") {
    const out = original({
      inputs: { a: { ...vector, shape: [1, plan.K] }, b: { ...matrix, shape: [plan.K, plan.N] } },
      backend,
      attrs: { transposeA: false, transposeB: false },
    });
    out.shape = shape; // same values: (1, N) and (N, 1) are one memory layout
    return out;
  }
  const kernel = heapKernel(backend);
  if (!kernel || !backend.makeOutput) return original(args);
  const out = backend.makeOutput(shape, "float32"); // may grow the heap: offsets after it
  const [pm, pv, py] = [heapOffset(backend, matrix.dataId), heapOffset(backend, vector.dataId), heapOffset(backend, out.dataId)];
  if (pm === undefined || pv === undefined || py === undefined) throw new Error("matMul: a tensor of the wasm backend has no memory");
  kernel.gemv_rows(pm, plan.rows, plan.cols, pv, py);
  return out;
}

/**
 * Replaces the wasm backend's BatchMatMul with the one above (once; before or after the backend
 * is initialized: tfjs's setup function is kept). `NN_MATVEC=tfjs` leaves tfjs's kernel in charge.
 */
export function registerMatVecKernel(): void {
  const raw = process.env[MATVEC_ENV]?.trim().toLowerCase();
  if (raw && raw !== "fast" && raw !== "tfjs") throw new Error(`${MATVEC_ENV}=${raw}: expected fast or tfjs`);
  enabled = raw !== "tfjs";
  if (tfjsKernel) return;
  const config = tf.getKernel("BatchMatMul", "wasm");
  if (!config) return; // the wasm backend is not loaded
  tfjsKernel = config.kernelFunc as unknown as KernelFunc;
  tf.unregisterKernel("BatchMatMul", "wasm");
  tf.registerKernel({ ...config, kernelFunc: batchMatMul as unknown as tf.KernelFunc });
}

/** Turns the lib's matrix–vector kernel on or off (tests and the benchmark); returns the previous state. */
export function useMatVecKernel(on: boolean): boolean {
  const previous = enabled;
  enabled = on;
  return previous;
}

/** Whether matMuls on the wasm backend go through the lib's kernel. */
export function matVecKernelActive(): boolean {
  return tfjsKernel !== undefined && enabled;
}
