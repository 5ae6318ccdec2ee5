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
  const vPtr = packed.bytes;
  const outPtr = align64(vPtr + 4 * vLength);
  const accBPtr = align64(outPtr + (product === "Sv" ? 4 * rows : 8 * cols));
  reserve(pool, accBPtr + 4 * rows, `a matrix of ${rows}×${cols} with its product's buffers`);
  const buffer = pool.buffer;
  new Float32Array(buffer, vPtr, vLength).set(v);
  const { kernel } = pool;
  const n = KernelPool.threadsFor(rows * cols, threads);
  if (product === "vS") {
    pool.run({ fn: "dots", args: [half * stride, u8, rows, cols - half, vPtr, outPtr + 8 * half] }, () => kernel.dots(0, u8, rows, half, vPtr, outPtr), n);
    const sums = new Float64Array(buffer, outPtr, cols);
    for (let j = 0; j < cols; j++) out[j] = scale * sums[j];
  } else {
    pool.run({ fn: "combine", args: [half * stride, u8, rows, cols - half, vPtr + 4 * half, accBPtr] }, () => kernel.combine(0, u8, rows, half, vPtr, outPtr), n);
    const a = new Float32Array(buffer, outPtr, rows);
    const b = new Float32Array(buffer, accBPtr, rows);
    for (let i = 0; i < rows; i++) out[i] = scale * (a[i] + b[i]);
  }
}
