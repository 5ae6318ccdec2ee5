/**
 * The matrix the fast kernels work on, stored in the kernel pool's memory column after column: for
 * the course's X (n_x, m), example after example, so one example's pixels are contiguous (no
 * transposes in the kernels). Pixels are kept as uint8 when X holds exactly k/255 (the course's
 * `/255`) or k, 0 ≤ k ≤ 255: a quarter of the memory, with the scale folded into the arithmetic.
 *
 * One matrix is kept (at offset 0 of the pool's memory), with a caller-given key: the copy is reused
 * while the same key comes back. The key must identify the values, not only the array (lib/tensor's
 * contentToken does that for tensors on every backend). Both the trainer (./train) and the
 * matrix–vector products (./matVec) use it, so training and a learner's own matMuls on the same X
 * share one copy.
 */
import { KernelPool, kernelPool } from "./pool";

/** How the matrix is stored. "auto" picks uint8 when the values allow it exactly. */
export type PixelLayout = "auto" | "uint8" | "float32";
/** `NN_FAST_LAYOUT=uint8|float32|auto` overrides the layout (benchmarks compare them). */
export const LAYOUT_ENV = "NN_FAST_LAYOUT";

/** A matrix S (rows × cols), row-major: values[r·cols + c]. */
export interface MatrixSource {
  rows: number;
  cols: number;
  /** The values, or a function called only when the matrix must be (re)packed (a cache hit copies nothing). */
  values: Float32Array | Float64Array | (() => Float32Array | Float64Array);
  /** Identity of the values: the packed copy is reused while the same object is passed. */
  key?: object;
}

/** S stored column after column at offset 0 of the pool's memory. */
export interface PackedMatrix {
  key?: WeakRef<object>;
  rows: number;
  cols: number;
  layout: "uint8" | "float32";
  /** Every stored value v stands for scale·v (1/255 for the course's pixels, else 1). */
  scale: number;
  /** Bytes used, rounded up to 64. */
  bytes: number;
}

/** Thrown when a problem needs more than the pool's memory cap; callers fall back to tfjs ops. */
export class DoesNotFitError extends Error {}

const align64 = (v: number) => Math.ceil(v / 64) * 64;

/** The float32 values k/255, k = 0..255 (what the course's X/255 holds in float32). */
const PIXEL_OVER_255 = Float32Array.from({ length: 256 }, (_, k) => k / 255);

/** The scale s such that every value is s·k with k an integer in 0..255 (1/255 or 1), or undefined. */
export function uint8Scale(values: Float32Array | Float64Array): number | undefined {
  let over255 = true;
  let integers = true;
  for (let i = 0; i < values.length && (over255 || integers); i++) {
    const v = values[i];
    if (over255) {
      const k = Math.round(v * 255);
      if (!(k >= 0 && k <= 255 && PIXEL_OVER_255[k] === v)) over255 = false;
    }
    if (integers && !(v >= 0 && v <= 255 && Number.isInteger(v))) integers = false;
  }
  return over255 ? 1 / 255 : integers ? 1 : undefined;
}

/** Calls `f` on each 64 × 64 tile [r0, r1) × [c0, c1) of a rows × cols matrix (transposing by tiles keeps both sides in cache); stops when f returns false. */
function forEachTile(rows: number, cols: number, f: (r0: number, r1: number, c0: number, c1: number) => boolean | void): boolean {
  const tile = 64;
  for (let r0 = 0; r0 < rows; r0 += tile) {
    for (let c0 = 0; c0 < cols; c0 += tile) {
      if (f(r0, Math.min(r0 + tile, rows), c0, Math.min(c0 + tile, cols)) === false) return false;
    }
  }
  return true;
}

/** dst[c·rows + r] = src[r·cols + c] / scale: S stored column after column. */
function transposeInto(src: Float32Array | Float64Array, rows: number, cols: number, dst: Uint8Array | Float32Array, scale: number): void {
  const inv = 1 / scale;
  const round = dst instanceof Uint8Array;
  forEachTile(rows, cols, (r0, r1, c0, c1) => {
    for (let r = r0; r < r1; r++) {
      const row = r * cols;
      for (let c = c0; c < c1; c++) dst[c * rows + r] = round ? Math.round(src[row + c] * inv) : src[row + c];
    }
  });
}

/**
 * The course's case: stores S = k/255 as uint8 k, column after column. One sequential pass reads
 * and checks every value into `scratch` (row-major), a second transposes the bytes; false (dst
 * unspecified) at the first value that is not exactly a float32 k/255.
 */
function packOver255(src: Float32Array | Float64Array, rows: number, cols: number, dst: Uint8Array): boolean {
  const scratch = new Uint8Array(rows * cols);
  for (let i = 0; i < src.length; i++) {
    const v = src[i];
    const k = (v * 255 + 0.5) | 0; // the nearest k for v in [0, 1]; anything else fails the check below
    if (PIXEL_OVER_255[k] !== v) return false;
    scratch[i] = k;
  }
  transposeBytes(scratch, rows, cols, dst);
  return true;
}

/** dst[c·rows + r] = src[r·cols + c] for bytes; four rows at a time into one 32-bit write when the columns are word-aligned. */
function transposeBytes(src: Uint8Array, rows: number, cols: number, dst: Uint8Array): void {
  const quads = rows % 4 === 0 && dst.byteOffset % 4 === 0 ? rows : 0;
  if (quads > 0) {
    const words = new Uint32Array(dst.buffer, dst.byteOffset, (rows * cols) >> 2);
    for (let c0 = 0; c0 < cols; c0 += 64) {
      const c1 = Math.min(c0 + 64, cols);
      for (let r = 0; r < quads; r += 4) {
        const [a, b, c2, d] = [r * cols, (r + 1) * cols, (r + 2) * cols, (r + 3) * cols];
        for (let c = c0; c < c1; c++) words[(c * rows + r) >> 2] = src[a + c] | (src[b + c] << 8) | (src[c2 + c] << 16) | (src[d + c] << 24);
      }
    }
    return;
  }
  forEachTile(rows, cols, (r0, r1, c0, c1) => {
    for (let r = r0; r < r1; r++) {
      const row = r * cols;
      for (let c = c0; c < c1; c++) dst[c * rows + r] = src[row + c];
    }
  });
}

let current: PackedMatrix | undefined;

function requestedLayout(layout: PixelLayout | undefined): PixelLayout {
  if (layout) return layout;
  const raw = process.env[LAYOUT_ENV]?.trim().toLowerCase();
  if (!raw) return "auto";
  if (raw !== "auto" && raw !== "uint8" && raw !== "float32") throw new Error(`${LAYOUT_ENV}=${raw}: expected auto, uint8 or float32`);
  return raw;
}

/** The packed matrix for `key` and this shape, if it is the one kept (no packing). */
export function packedFor(key: object, rows: number, cols: number, layout?: PixelLayout): PackedMatrix | undefined {
  const p = current;
  const wanted = requestedLayout(layout);
  if (p && p.key?.deref() === key && p.rows === rows && p.cols === cols && (wanted === "auto" || wanted === p.layout)) return p;
  return undefined;
}

/** The matrix kept now, if any. */
export function currentPacked(): PackedMatrix | undefined {
  return current;
}

/** Forgets the packed matrix (tests and benchmarks; the memory is reused by the next call anyway). */
export function clearPackedMatrix(): void {
  current = undefined;
}

/** Grows the pool's memory to `bytes`, or throws DoesNotFitError naming the matrix. */
export function reserve(pool: KernelPool, bytes: number, what: string): void {
  if (!pool.ensureBytes(bytes)) {
    const mib = (b: number) => `${(b / 2 ** 20).toFixed(b < 2 ** 24 ? 1 : 0)} MiB`;
    throw new DoesNotFitError(`${what} needs ${mib(bytes)}, more than the fast path's ${mib(pool.maxBytes)} of memory`);
  }
}

/**
 * S stored column after column at offset 0 of the kernel pool's memory, unless the same key is
 * already there. Throws DoesNotFitError when S does not fit the pool's memory cap.
 */
export function packMatrix(source: MatrixSource, layout?: PixelLayout): { packed: PackedMatrix; cached: boolean; ms: number } {
  const pool = kernelPool();
  const { rows, cols, key } = source;
  const wanted = requestedLayout(layout);
  const hit = key && packedFor(key, rows, cols, wanted);
  if (hit) return { packed: hit, cached: true, ms: 0 };
  const start = performance.now();
  current = undefined;
  const what = `a matrix of ${rows}×${cols}`;
  const S = typeof source.values === "function" ? source.values() : source.values;
  if (S.length !== rows * cols) throw new Error(`fast path: the matrix has ${S.length} values, expected ${rows}·${cols}`);
  let scale: number | undefined;
  // (grow first: pool.buffer is a new object after the memory grows)
  if (wanted !== "float32" && (reserve(pool, rows * cols, what), packOver255(S, rows, cols, new Uint8Array(pool.buffer, 0, rows * cols)))) {
    scale = 1 / 255; // packed already
  } else {
    scale = wanted === "float32" ? undefined : uint8Scale(S); // whole numbers 0..255, or no uint8 layout
    if (wanted === "uint8" && scale === undefined) {
      throw new Error("fast path: layout uint8 needs the values to be exactly k/255 or k with k an integer in 0..255");
    }
    const u8 = scale !== undefined;
    reserve(pool, rows * cols * (u8 ? 1 : 4), what);
    transposeInto(S, rows, cols, u8 ? new Uint8Array(pool.buffer, 0, rows * cols) : new Float32Array(pool.buffer, 0, rows * cols), scale ?? 1);
  }
  const u8 = scale !== undefined;
  current = {
    key: key ? new WeakRef(key) : undefined,
    rows,
    cols,
    layout: u8 ? "uint8" : "float32",
    scale: scale ?? 1,
    bytes: align64(rows * cols * (u8 ? 1 : 4)),
  };
  return { packed: current, cached: false, ms: performance.now() - start };
}
