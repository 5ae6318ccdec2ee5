/**
 * The fast path of logistic regression's propagate / gradient descent (see kernel.wat for the
 * arithmetic and pool.ts for the threads). Works on plain arrays in the course's layout:
 * X (n_x, m) row-major, as `X.dataSync()` returns it; lib/logreg calls it on tensors.
 *
 * What makes it fast, measured by `npm run bench`:
 *  - one fused pass over X per iteration (z, σ, dz and dw per example while its pixels are in cache)
 *    instead of tfjs's separate ops, each a pass over memory, and no per-op dispatch overhead;
 *  - X stored example by example (no transposes), packed once per X and kept while the same X is used;
 *  - pixels kept as uint8 when X holds exactly k/255 or k (0 ≤ k ≤ 255): a quarter of the memory;
 *  - SIMD (4 float32 lanes), and the examples split over two threads.
 *
 * Numerics: float32 products in the dot products with float64 block sums; z, σ(z), the loss, dz,
 * db, w and b in float64. The cat model's costs agree with numpy's float64 run to 4.2e-8 (relative).
 */
import { KernelPool, existingKernelPool, kernelPool } from "./pool";

/** How X is stored for the kernel. "auto" picks uint8 when X's values allow it exactly. */
export type PixelLayout = "auto" | "uint8" | "float32";
/** `NN_FAST_LAYOUT=uint8|float32|auto` overrides the layout (benchmarks compare them). */
export const LAYOUT_ENV = "NN_FAST_LAYOUT";

export interface FastProblem {
  /** Features n_x (rows of X). */
  nX: number;
  /** Examples m (columns of X). */
  m: number;
  /**
   * X (n_x, m) row-major: X[j·m + i] is feature j of example i. A function is called only when X
   * must be (re)packed, so a cache hit (same `xKey`) costs no copy.
   */
  X: Float32Array | Float64Array | (() => Float32Array | Float64Array);
  /** Identity of X's data (e.g. a tensor's dataId): the packed copy is reused while it is the same object. */
  xKey?: object;
  /** Labels Y (1, m). */
  Y: ArrayLike<number>;
}

export interface FastDescentOptions {
  /** Gradient-descent steps; 0 computes only the gradient at the initial parameters. */
  numIterations: number;
  learningRate: number;
  /** Record the cost every this many iterations (at 0, k, 2k, … < numIterations). Default 100. */
  recordEvery?: number;
  /** Also compute the cost of iteration 0 when numIterations is 0 (propagate). */
  costAtStart?: boolean;
  /** Called with each recorded cost (printCost). */
  onCost?: (iteration: number, cost: number) => void;
  /** 1 or 2 threads (default: 1 below THREAD_MIN_WORK, else NN_FAST_THREADS, else 2 on a machine with 2+ cores). */
  threads?: number;
  /** Default: NN_FAST_LAYOUT, else "auto". */
  layout?: PixelLayout;
}

export interface FastDescentResult {
  /** Learned w (n_x) and b. */
  w: Float64Array;
  b: number;
  /** The gradient of the last iteration, before its update (the course's `grads`). */
  dw: Float64Array;
  db: number;
  /** Recorded costs (iterations 0, recordEvery, …). */
  costs: number[];
  /** The cost of the last iteration, when it was computed (recorded or costAtStart). */
  lastCost?: number;
  /** Set when db or a recorded cost became NaN/±Infinity; w, b are then those of that iteration. */
  diverged?: { iteration: number; db: number; cost?: number };
  info: {
    layout: "uint8" | "float32";
    /** X was already packed (same xKey): no copy this call. */
    packedCached: boolean;
    packMs: number;
    threads: number;
    /** Iterations whose second half ran on the worker thread / on the main thread. */
    workerHalves: number;
    mainHalves: number;
    /** The trainer's WebAssembly memory, in bytes. */
    wasmMemoryBytes: number;
  };
}

interface PackedX {
  key?: WeakRef<object>;
  nX: number;
  m: number;
  layout: "uint8" | "float32";
  scale: number;
  bytes: number;
}

/** Smallest n_x·m for which the trainer uses its worker thread by default. */
export const THREAD_MIN_WORK = 100_000;

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

/** dst[i·nX + j] = src[j·m + i] / scale: the (n_x, m) matrix stored example by example, in tiles for the cache. */
function transposeInto(src: Float32Array | Float64Array, nX: number, m: number, dst: Uint8Array | Float32Array, scale: number): void {
  const tile = 64;
  const inv = 1 / scale;
  const round = dst instanceof Uint8Array;
  for (let j0 = 0; j0 < nX; j0 += tile) {
    const j1 = Math.min(j0 + tile, nX);
    for (let i0 = 0; i0 < m; i0 += tile) {
      const i1 = Math.min(i0 + tile, m);
      for (let j = j0; j < j1; j++) {
        const row = j * m;
        for (let i = i0; i < i1; i++) dst[i * nX + j] = round ? Math.round(src[row + i] * inv) : src[row + i];
      }
    }
  }
}

/**
 * The course's case in one pass: packs X = k/255 as uint8 k, example by example, checking each value
 * on the way; false (dst partly written) at the first value that is not exactly a float32 k/255.
 */
function packOver255(src: Float32Array | Float64Array, nX: number, m: number, dst: Uint8Array): boolean {
  const tile = 64;
  for (let j0 = 0; j0 < nX; j0 += tile) {
    const j1 = Math.min(j0 + tile, nX);
    for (let i0 = 0; i0 < m; i0 += tile) {
      const i1 = Math.min(i0 + tile, m);
      for (let j = j0; j < j1; j++) {
        const row = j * m;
        for (let i = i0; i < i1; i++) {
          const v = src[row + i];
          const k = Math.round(v * 255);
          if (!(k >= 0 && k <= 255 && PIXEL_OVER_255[k] === v)) return false;
          dst[i * nX + j] = k;
        }
      }
    }
  }
  return true;
}

let lastPacked: PackedX | undefined;

function requestedLayout(layout: PixelLayout | undefined): PixelLayout {
  if (layout) return layout;
  const raw = process.env[LAYOUT_ENV]?.trim().toLowerCase();
  if (!raw) return "auto";
  if (raw !== "auto" && raw !== "uint8" && raw !== "float32") throw new Error(`${LAYOUT_ENV}=${raw}: expected auto, uint8 or float32`);
  return raw;
}

/** Packs X at offset 0 of the pool's memory unless the same X is already there. */
function packX(pool: KernelPool, problem: FastProblem, layout: PixelLayout): { packed: PackedX; cached: boolean; ms: number } {
  const { nX, m, xKey } = problem;
  const prev = lastPacked;
  if (
    prev && xKey && prev.key?.deref() === xKey && prev.nX === nX && prev.m === m &&
    (layout === "auto" || layout === prev.layout)
  ) {
    return { packed: prev, cached: true, ms: 0 };
  }
  const start = performance.now();
  lastPacked = undefined;
  const X = typeof problem.X === "function" ? problem.X() : problem.X;
  if (X.length !== nX * m) throw new Error(`fast trainer: X has ${X.length} values, expected n_x·m = ${nX}·${m}`);
  const fits = (bytes: number) => {
    if (!pool.ensureBytes(bytes)) throw new Error(`fast trainer: X of ${nX}×${m} does not fit the kernel's memory`);
    return bytes;
  };
  let scale: number | undefined;
  // (grow first: pool.buffer is a new object after the memory grows)
  if (layout !== "float32" && fits(nX * m) && packOver255(X, nX, m, new Uint8Array(pool.buffer, 0, nX * m))) {
    scale = 1 / 255; // packed already
  } else {
    scale = layout === "float32" ? undefined : uint8Scale(X); // whole numbers 0..255, or no uint8 layout
    if (layout === "uint8" && scale === undefined) {
      throw new Error("fast trainer: layout uint8 needs X to hold exactly k/255 or k with k an integer in 0..255");
    }
    const u8 = scale !== undefined;
    fits(nX * m * (u8 ? 1 : 4));
    transposeInto(X, nX, m, u8 ? new Uint8Array(pool.buffer, 0, nX * m) : new Float32Array(pool.buffer, 0, nX * m), scale ?? 1);
  }
  const u8 = scale !== undefined;
  const bytes = align64(nX * m * (u8 ? 1 : 4));
  const packed: PackedX = {
    key: xKey ? new WeakRef(xKey) : undefined,
    nX,
    m,
    layout: u8 ? "uint8" : "float32",
    scale: scale ?? 1,
    bytes,
  };
  lastPacked = packed;
  return { packed, cached: false, ms: performance.now() - start };
}

/** Forgets the packed X (tests; the memory is reused by the next call anyway). */
export function clearPackedX(): void {
  lastPacked = undefined;
}

/**
 * Gradient descent for logistic regression (the course's optimize) on the fast path:
 * numIterations times propagate then w := w − α·dw, b := b − α·db.
 */
export function fastGradientDescent(
  problem: FastProblem,
  w0: ArrayLike<number>,
  b0: number,
  options: FastDescentOptions,
): FastDescentResult {
  const { nX, m } = problem;
  const { numIterations, learningRate, recordEvery = 100, costAtStart = false, onCost } = options;
  if (!(Number.isInteger(nX) && nX > 0 && Number.isInteger(m) && m > 0)) {
    throw new Error(`fast trainer: n_x and m must be positive integers, got ${nX} and ${m}`);
  }
  if (w0.length !== nX) throw new Error(`fast trainer: w has ${w0.length} values, expected n_x = ${nX}`);
  if (problem.Y.length !== m) throw new Error(`fast trainer: Y has ${problem.Y.length} values, expected m = ${m}`);
  // A second thread pays off once an iteration is worth tens of microseconds (n_x·m ≳ 10⁵).
  const threads = Math.min(options.threads ?? (nX * m >= THREAD_MIN_WORK ? KernelPool.defaultThreads() : 1), 2);
  const pool = kernelPool();
  const { packed, cached, ms: packMs } = packX(pool, problem, requestedLayout(options.layout));
  const u8 = packed.layout === "uint8";
  const stride = u8 ? nX : 4 * nX;

  // The job's buffers after X. nPad: update() works on groups of 4.
  const nPad = Math.ceil(nX / 4) * 4;
  let offset = packed.bytes;
  const alloc = (bytes: number) => {
    const at = offset;
    offset = align64(offset + bytes);
    return at;
  };
  const yPtr = alloc(4 * m);
  const w32Ptr = alloc(4 * nPad);
  const w64Ptr = alloc(8 * nPad);
  const dwAPtr = alloc(4 * nPad);
  const dwBPtr = alloc(4 * nPad);
  const dwSumPtr = alloc(8 * nPad);
  const outAPtr = alloc(16);
  const outBPtr = alloc(16);
  if (!pool.ensureBytes(offset)) throw new Error(`fast trainer: the problem (${nX}×${m}) does not fit the kernel's memory`);
  const buffer = pool.buffer;
  new Float32Array(buffer, yPtr, m).set(problem.Y);
  const w64 = new Float64Array(buffer, w64Ptr, nPad);
  const w32 = new Float32Array(buffer, w32Ptr, nPad);
  w64.fill(0);
  w64.set(w0);
  w32.fill(0);
  w32.set(w64);
  new Float32Array(buffer, dwAPtr, nPad).fill(0);
  new Float32Array(buffer, dwBPtr, nPad).fill(0);
  const outA = new Float64Array(buffer, outAPtr, 2);
  const outB = new Float64Array(buffer, outBPtr, 2);
  const dwSum = new Float64Array(buffer, dwSumPtr, nPad);

  const { kernel } = pool;
  const half = m >> 1; // half A: examples [0, half); half B: [half, m)
  const scale = packed.scale;
  let b = b0;
  let db = NaN;
  let lastCost: number | undefined;
  let diverged: FastDescentResult["diverged"];
  const costs: number[] = [];
  const step = numIterations === 0 ? 0 : learningRate / m;
  let withCost = false;
  const runHalfA = () => kernel.propagate(0, u8 ? 1 : 0, nX, half, yPtr, w32Ptr, dwAPtr, b, scale, withCost ? 1 : 0, outAPtr);
  const runHalfB = () =>
    kernel.propagate(half * stride, u8 ? 1 : 0, nX, m - half, yPtr + 4 * half, w32Ptr, dwBPtr, b, scale, withCost ? 1 : 0, outBPtr);

  pool.beginJob(
    { x: half * stride, u8, n: nX, count: m - half, y: yPtr + 4 * half, w32: w32Ptr, dw: dwBPtr, out: outBPtr, scale },
    threads,
  );
  try {
    for (let i = 0; i < Math.max(numIterations, 1); i++) {
      const record = i < numIterations && i % recordEvery === 0;
      withCost = record || (numIterations === 0 && costAtStart);
      pool.iteration(b, withCost, runHalfA, runHalfB);
      db = (outA[1] + outB[1]) / m;
      const cost = withCost ? (outA[0] + outB[0]) / m : undefined;
      if (cost !== undefined) lastCost = cost;
      if (!Number.isFinite(db) || (cost !== undefined && !Number.isFinite(cost))) {
        kernel.update(w64Ptr, w32Ptr, dwAPtr, dwBPtr, dwSumPtr, nPad, 0); // dwSum only: w stays that of iteration i
        diverged = { iteration: i, db, cost };
        break;
      }
      // dwSum = dwA + dwB, then the step on w (step 0 when only the gradient is wanted).
      kernel.update(w64Ptr, w32Ptr, dwAPtr, dwBPtr, dwSumPtr, nPad, step);
      if (record) {
        costs.push(cost as number);
        onCost?.(i, cost as number);
      }
      if (numIterations > 0) b -= learningRate * db;
    }
  } finally {
    pool.endJob();
  }
  const dw = new Float64Array(nX);
  for (let j = 0; j < nX; j++) dw[j] = dwSum[j] / m;
  return {
    w: Float64Array.from(w64.subarray(0, nX)),
    b,
    dw,
    db,
    costs,
    lastCost,
    diverged,
    info: {
      layout: packed.layout,
      packedCached: cached,
      packMs,
      threads,
      workerHalves: pool.stats.workerHalves,
      mainHalves: pool.stats.mainHalves,
      wasmMemoryBytes: pool.memory.buffer.byteLength,
    },
  };
}

/** One forward + backward pass (the course's propagate) on the fast path: dw, db and the cost. */
export function fastPropagate(
  problem: FastProblem,
  w: ArrayLike<number>,
  b: number,
  options: Pick<FastDescentOptions, "threads" | "layout"> = {},
): { dw: Float64Array; db: number; cost: number } {
  const r = fastGradientDescent(problem, w, b, { ...options, numIterations: 0, learningRate: 1, costAtStart: true });
  return { dw: r.dw, db: r.db, cost: r.lastCost as number };
}

/** Bytes of the trainer's WebAssembly memory so far (0 before first use). */
export function fastMemoryBytes(): number {
  return existingKernelPool()?.memory.buffer.byteLength ?? 0;
}
