/**
 * Wall-clock timing for the vectorization lessons (loop vs vectorized), like IPython's %timeit:
 * a few warm-up runs that are not counted, then `repeats` timed runs; the median is reported
 * because it ignores the odd run slowed by garbage collection or another process.
 *
 * tfjs note: tensor ops may return before the backend has finished (and on async backends they
 * do). The timed function must therefore wait for its result itself — call `.dataSync()` on it,
 * or `await t.data()` in an async function — and should dispose what it creates, e.g.
 *   await timeit(() => tf.tidy(() => tf.matMul(w, X, true).dataSync()))
 */
import { performance } from "perf_hooks";

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
  if (typeof fn !== "function") throw new Error(`timeit: fn must be a function, got ${typeof fn}`);
  if (!Number.isInteger(repeats) || repeats < 1) throw new Error(`timeit: repeats must be a positive integer, got ${repeats}`);
  if (!Number.isInteger(warmup) || warmup < 0) throw new Error(`timeit: warmup must be a non-negative integer, got ${warmup}`);

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
