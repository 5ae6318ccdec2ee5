/**
 * The fast path of logistic regression's propagate / gradient descent (see kernel.wat for the
 * arithmetic and pool.ts for the threads). Works on plain arrays in the course's layout:
 * X (n_x, m) row-major, as `X.dataSync()` returns it; lib/logreg calls it on tensors.
 *
 * What makes it fast (`npm run bench` measures it against numpy):
 *  - one fused pass over X per iteration (z, σ, dz and dw per example while its pixels are in cache)
 *    instead of tfjs's separate ops, each a pass over memory, and no per-op dispatch overhead;
 *  - X stored example by example (no transposes), packed once per X and kept while the same X is used;
 *  - pixels kept as uint8 when X holds exactly k/255 or k (0 ≤ k ≤ 255): a quarter of the memory;
 *  - SIMD (4 float32 lanes), and the examples split over two threads.
 *
 * Numerics: float32 products in the dot products with float64 block sums; z, σ(z), the loss, dz,
 * db, w and b in float64. The cat model's costs agree with numpy's float64 run far inside 1e-5
 * (train.test.ts checks them; `npm run bench` prints the deviation).
 */
import { KernelPool, existingKernelPool, kernelPool } from "./pool";
import { packMatrix, reserve, type PixelLayout } from "./packed";

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
  /**
   * Identity of X's values: the packed copy is reused while the same object comes back, so it must
   * change whenever the values do (lib/tensor's contentToken gives such a key for a tensor).
   */
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
  /** 1 or 2 threads (default: KernelPool.threadsFor, from n_x·m and NN_FAST_THREADS). */
  threads?: number;
  /** Default: NN_FAST_LAYOUT, else "auto". */
  layout?: PixelLayout;
}

export interface FastDescentResult {
  /** Learned w (n_x) and b. */
  w: Float64Array;
  b: number;
  /** The gradient of the last iteration, before its update (the course's `grads`), rounded to float32. */
  dw: Float32Array;
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

const align64 = (v: number) => Math.ceil(v / 64) * 64;

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
  return descend(problem, w0, b0, options, true) as FastDescentResult;
}

/** One forward + backward pass (the course's propagate) on the fast path: dw (float32), db and the cost. */
export function fastPropagate(
  problem: FastProblem,
  w: ArrayLike<number>,
  b: number,
  options: Pick<FastDescentOptions, "threads" | "layout"> = {},
): { dw: Float32Array; db: number; cost: number } {
  const r = descend(problem, w, b, { ...options, numIterations: 0, learningRate: 1, costAtStart: true }, false);
  return { dw: r.dw, db: r.db, cost: r.lastCost as number };
}

/**
 * The descent itself. Inputs go into the kernel's memory and results come out of it as float32
 * arrays, converted by the kernel: JavaScript's element-wise access to shared memory is slow, and
 * propagate in a loop pays it on every call. `withW`: copy the learned w out (float64).
 */
function descend(
  problem: FastProblem,
  w0: ArrayLike<number>,
  b0: number,
  options: FastDescentOptions,
  withW: boolean,
): Omit<FastDescentResult, "w"> & { w?: Float64Array } {
  const { nX, m } = problem;
  const { numIterations, learningRate, recordEvery = 100, costAtStart = false, onCost } = options;
  if (!(Number.isInteger(nX) && nX > 0 && Number.isInteger(m) && m > 0)) {
    throw new Error(`fast trainer: n_x and m must be positive integers, got ${nX} and ${m}`);
  }
  if (w0.length !== nX) throw new Error(`fast trainer: w has ${w0.length} values, expected n_x = ${nX}`);
  if (problem.Y.length !== m) throw new Error(`fast trainer: Y has ${problem.Y.length} values, expected m = ${m}`);
  const threads = KernelPool.threadsFor(nX * m, options.threads);
  const pool = kernelPool();
  const { packed, cached, ms: packMs } = packMatrix({ rows: nX, cols: m, values: problem.X, key: problem.xKey }, options.layout);
  const u8 = packed.layout === "uint8";
  const stride = u8 ? nX : 4 * nX;

  // The job's buffers after X. nPad: update() and the conversions work on groups of 4.
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
  const dw32Ptr = alloc(4 * nPad);
  const outAPtr = alloc(16);
  const outBPtr = alloc(16);
  reserve(pool, offset, `X of ${nX}×${m} with the trainer's buffers`);
  const buffer = pool.buffer;
  const { kernel } = pool;
  new Float32Array(buffer, yPtr, m).set(problem.Y);
  const w32 = new Float32Array(buffer, w32Ptr, nPad);
  for (let j = nX; j < nPad; j++) {
    // the padding: the kernels read and write whole groups of 4
    for (const ptr of [w32Ptr, dwAPtr, dwBPtr]) new Float32Array(buffer, ptr, nPad)[j] = 0;
    new Float64Array(buffer, w64Ptr, nPad)[j] = 0;
  }
  if (w0 instanceof Float32Array) {
    w32.set(w0);
    kernel.widen(w32Ptr, w64Ptr, nPad);
  } else {
    // float64 or plain numbers: kept exactly in w64, rounded once into w32
    const exact = new Float64Array(nPad);
    exact.set(w0);
    new Float64Array(buffer, w64Ptr, nPad).set(exact);
    w32.set(exact);
  }
  const outA = new Float64Array(buffer, outAPtr, 2);
  const outB = new Float64Array(buffer, outBPtr, 2);

  const half = m >> 1; // half A: examples [0, half); half B: [half, m)
  const scale = packed.scale;
  let b = b0;
  let db = NaN;
  let lastCost: number | undefined;
  let diverged: FastDescentResult["diverged"];
  const costs: number[] = [];
  const step = numIterations === 0 ? 0 : learningRate / m;
  const u8Flag = u8 ? 1 : 0;
  const halfB = (b: number, withCost: number) => ({
    fn: "propagate" as const,
    args: [half * stride, u8Flag, nX, m - half, yPtr + 4 * half, w32Ptr, dwBPtr, b, scale, withCost, outBPtr],
  });

  const halvesBefore = { ...pool.stats };
  for (let i = 0; i < Math.max(numIterations, 1); i++) {
    const record = i < numIterations && i % recordEvery === 0;
    const withCost = record || (numIterations === 0 && costAtStart) ? 1 : 0;
    pool.run(halfB(b, withCost), () => kernel.propagate(0, u8Flag, nX, half, yPtr, w32Ptr, dwAPtr, b, scale, withCost, outAPtr), threads);
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
  kernel.scale_to_f32(dwSumPtr, dw32Ptr, nPad, 1 / m);
  let w: Float64Array | undefined;
  if (withW) {
    w = new Float64Array(nX);
    w.set(new Float64Array(buffer, w64Ptr, nX));
  }
  return {
    w,
    b,
    dw: new Float32Array(buffer, dw32Ptr, nX).slice(),
    db,
    costs,
    lastCost,
    diverged,
    info: {
      layout: packed.layout,
      packedCached: cached,
      packMs,
      threads,
      workerHalves: pool.stats.workerHalves - halvesBefore.workerHalves,
      mainHalves: pool.stats.mainHalves - halvesBefore.mainHalves,
      wasmMemoryBytes: pool.memory.buffer.byteLength,
    },
  };
}

/** Bytes of the trainer's WebAssembly memory so far (0 before first use). */
export function fastMemoryBytes(): number {
  return existingKernelPool()?.memory.buffer.byteLength ?? 0;
}
