/**
 * Matrix–vector products on the packed matrix (./packed), on two threads. For S (rows × cols)
 * stored column after column:
 *   S·v   (v of length cols, a result of length rows) = Σ_j v[j]·(column j)   — kernel `combine`
 *   vᵀ·S  (v of length rows, a result of length cols) = (column j)·v          — kernel `dots`
 * For the course's X (n_x, m) these are dw = X dZᵀ (up to 1/m) and Z = wᵀX (up to b): with X packed
 * once, a learner's own matMuls read 2.5 MB of uint8 pixels per product instead of 10 MB of floats.
 * The columns are split into two fixed halves as in the trainer, so results do not depend on which
 * thread did what.
 *
 * Numerics: float32 products; vᵀ·S sums each column in float64 blocks (like dot_f32); S·v adds the
 * columns of each half in float32 and the two halves in float64.
 */
import { KernelPool, kernelPool } from "./pool";
import { reserve, type PackedMatrix } from "./packed";

const align64 = (v: number) => Math.ceil(v / 64) * 64;

/** out = S·v ("Sv") or vᵀ·S ("vS") for the packed S; v and out are plain float32 arrays (any memory). */
export function packedMatVec(packed: PackedMatrix, product: "Sv" | "vS", v: ArrayLike<number>, out: Float32Array, threads?: number): void {
  const { rows, cols, scale } = packed;
  const [vLength, outLength] = product === "Sv" ? [cols, rows] : [rows, cols];
  if (v.length !== vLength || out.length !== outLength) {
    throw new Error(`fast path: ${product === "Sv" ? "S·v" : "vᵀ·S"} with S of ${rows}×${cols} needs v of ${vLength} and a result of ${outLength}, got ${v.length} and ${out.length}`);
  }
  const pool = kernelPool();
  const u8 = packed.layout === "uint8" ? 1 : 0;
  const stride = u8 ? rows : 4 * rows;
  const half = cols >> 1; // half A: columns [0, half); half B: [half, cols)
  const pad4 = (n: number) => Math.ceil(n / 4) * 4; // the conversions work on groups of 4
  const vPtr = packed.bytes;
  const sumsPtr = align64(vPtr + 4 * vLength); // vᵀ·S: float64 sums; S·v: half A's float32 sums
  const accBPtr = align64(sumsPtr + 8 * pad4(Math.max(rows, cols))); // S·v: half B's float32 sums
  const resultPtr = align64(accBPtr + 4 * pad4(rows));
  reserve(pool, resultPtr + 4 * pad4(outLength), `a matrix of ${rows}×${cols} with its product's buffers`);
  const buffer = pool.buffer;
  new Float32Array(buffer, vPtr, vLength).set(v);
  const { kernel } = pool;
  const n = KernelPool.threadsFor(rows * cols, threads);
  if (product === "vS") {
    pool.run({ fn: "dots", args: [half * stride, u8, rows, cols - half, vPtr, sumsPtr + 8 * half] }, () => kernel.dots(0, u8, rows, half, vPtr, sumsPtr), n);
    kernel.scale_to_f32(sumsPtr, resultPtr, pad4(cols), scale);
  } else {
    pool.run({ fn: "combine", args: [half * stride, u8, rows, cols - half, vPtr + 4 * half, accBPtr] }, () => kernel.combine(0, u8, rows, half, vPtr, sumsPtr), n);
    kernel.sum_to_f32(sumsPtr, accBPtr, resultPtr, pad4(rows), scale);
  }
  // (the padding past outLength holds whatever was there: only outLength values are read)
  out.set(new Float32Array(buffer, resultPtr, outLength));
}
