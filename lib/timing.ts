/**
 * Wall-clock timing for the vectorization lessons (loop vs vectorized), like IPython's %timeit:
 * a few warm-up runs that are not counted, then `repeats` timed runs; the median is reported
 * because it ignores the odd run slowed by garbage collection or another process.
 *
 * tfjs note: tensor ops may return before the backend has finished (and on async backends they
 * do). The timed function must therefore wait for its result itself — call `.dataSync()` on it,
 * or `await t.data()` in an async function — and should dispose what it creates, e.g.
 *   await timeit(() => tf.tidy(() => tf.matMul(tf.transpose(w), X).dataSync()))
 *
 * benchDot() is the vectorization lesson's measurement (notebook 09, and `npm run bench`): the dot
 * product of two vectors of 10⁶ numbers five ways, shown as a TimingTable.
 */
import { performance } from "perf_hooks";
import { tf, backendName } from "./backend";
import { TimingTable, type TimingRow } from "./display/timingTable";
import { dot, dotMethod } from "./tensor/dot";
import * as message from "./messages";

export interface TimeitOptions {
  /** Timed runs (a positive integer). Default 7, like %timeit's -r 7. */
  repeats?: number;
  /** Untimed runs first: JIT compilation, kernel setup and caches (a non-negative integer). Default 1. */
  warmup?: number;
}

export interface TimeitResult {
  /** Median of the timed runs, in milliseconds. */
  medianMs: number;
  /** Every timed run in milliseconds, in the order they ran (warm-up runs excluded). */
  samplesMs: number[];
  /** Number of timed runs. */
  repeats: number;
  /** Number of untimed warm-up runs. */
  warmup: number;
}

/** The median of a non-empty list (the mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("median: needs at least one value");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof value === "object" && value !== null && typeof (value as { then?: unknown }).then === "function";
}

/**
 * Times `fn` (sync or async: a returned promise is awaited inside the timed interval).
 * Returns the median, every sample and the counts; always a promise, so `await` it.
 */
export async function timeit(fn: () => unknown, options: TimeitOptions = {}): Promise<TimeitResult> {
  const { repeats = 7, warmup = 1 } = options;
  if (typeof fn !== "function") throw new Error(message.mustBe("timeit", "fn", "a function", message.describeValue(fn)));
  if (!Number.isInteger(repeats) || repeats < 1) throw new Error(message.mustBe("timeit", "repeats", "a positive integer", String(repeats)));
  if (!Number.isInteger(warmup) || warmup < 0) throw new Error(message.mustBe("timeit", "warmup", "a non-negative integer", String(warmup)));

  for (let i = 0; i < warmup; i++) {
    const out = fn();
    if (isPromiseLike(out)) await out;
  }
  const samplesMs: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    const out = fn();
    if (isPromiseLike(out)) await out;
    samplesMs.push(performance.now() - start);
  }
  return { medianMs: median(samplesMs), samplesMs, repeats, warmup };
}

// The explicit loops, one function per container so V8 specialises each to one element type
// (a function fed several array types is compiled to slower, polymorphic code).
function dotLoopArray(a: number[], b: number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}
function dotLoopFloat64(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}
function dotLoopFloat32(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}

export interface DotBenchOptions {
  /** Vector length (default 10⁶, the course's). */
  n?: number;
  /** Timed runs per way (default 15). */
  repeats?: number;
  /** Untimed runs first (default 3). */
  warmup?: number;
}

/**
 * Times the dot product of two random vectors of n numbers (seeded: the same numbers every run)
 * five ways on the active backend: JS array loop, Float64Array loop, Float32Array loop, tf.dot and
 * nn.dot (the lib's in-place SIMD kernel). Each row's value is the dot product it computed.
 */
export async function benchDot(options: DotBenchOptions = {}): Promise<TimingTable> {
  const { n = 1_000_000, repeats = 15, warmup = 3 } = options;
  const [aT, bT] = tf.tidy(() => [tf.randomUniform([n], 0, 1, "float32", 1), tf.randomUniform([n], 0, 1, "float32", 2)]);
  try {
    const a32 = aT.dataSync() as Float32Array;
    const b32 = bT.dataSync() as Float32Array;
    const a64 = Float64Array.from(a32);
    const b64 = Float64Array.from(b32);
    const aArr = Array.from(a32);
    const bArr = Array.from(b32);
    const backend = backendName();
    const ways: [string, () => number, string?][] = [
      ["JS array loop", () => dotLoopArray(aArr, bArr)],
      ["Float64Array loop", () => dotLoopFloat64(a64, b64)],
      ["Float32Array loop", () => dotLoopFloat32(a32, b32)],
      [`tf.dot (${backend})`, () => tf.tidy(() => tf.dot(aT, bT).dataSync()[0]), "float32 matrix product + read-back"],
      [`nn.dot (${backend})`, () => dot(aT, bT), dotMethod(aT, bT)],
    ];
    const rows: TimingRow[] = [];
    for (const [label, fn, note] of ways) {
      let value = NaN;
      const t = await timeit(() => (value = fn()), { repeats, warmup });
      rows.push({ label, medianMs: t.medianMs, samplesMs: t.samplesMs, value, note });
    }
    return new TimingTable(`dot product of two vectors of ${n.toLocaleString("en-US")} numbers`, rows, "JS array loop");
  } finally {
    tf.dispose([aT, bT]);
  }
}
