/**
 * Times the course's optimize on either implementation, as `npm run bench` reports it (bench/child.ts).
 */
import { tf, backendName } from "../lib/backend";
import { clearPackedMatrix } from "../lib/fast";
import type { LogregImplementation } from "../lib/logreg/fastPath";
import { optimize } from "../lib/logreg/optimize";
import type { TimingRow } from "../lib/timing/table";
import { timeit } from "../lib/timing/timeit";

export interface DescentBenchOptions {
  implementation: LogregImplementation;
  numIterations: number;
  learningRate: number;
  /** Timed runs (default 3). */
  repeats?: number;
  /** Untimed runs first (default 1: kernel compilation, the worker thread's start). */
  warmup?: number;
  label?: string;
}

/**
 * Times the course's optimize (gradient descent from w = 0, b = 0) on X (n_x, m), Y (1, m).
 * Every run starts cold for the fast path (its packed copy of X is dropped), so the time includes
 * reading and packing X, as a first call would. Returns the timing row and the costs of the last run.
 */
export async function benchGradientDescent(
  X: tf.Tensor2D,
  Y: tf.Tensor2D,
  options: DescentBenchOptions,
): Promise<{ row: TimingRow; costs: number[]; w: Float32Array; b: number; msPerIteration: number }> {
  const { implementation, numIterations, learningRate, repeats = 3, warmup = 1 } = options;
  const w0 = tf.zeros([X.shape[0], 1]) as tf.Tensor2D;
  let last: ReturnType<typeof optimize> | undefined;
  try {
    const t = await timeit(
      () => {
        clearPackedMatrix();
        if (last) tf.dispose([last.params.w, last.grads.dw]);
        last = optimize(w0, 0, X, Y, { numIterations, learningRate, implementation });
      },
      { repeats, warmup },
    );
    const result = last as ReturnType<typeof optimize>;
    const costs = result.costs;
    const w = result.params.w.dataSync() as Float32Array;
    return {
      row: {
        label: options.label ?? `optimize, ${implementation} (${backendName()})`,
        medianMs: t.medianMs,
        samplesMs: t.samplesMs,
        value: costs[costs.length - 1],
      },
      costs,
      w: Float32Array.from(w),
      b: result.params.b,
      msPerIteration: t.medianMs / Math.max(numIterations, 1),
    };
  } finally {
    w0.dispose();
    if (last) tf.dispose([last.params.w, last.grads.dw]);
  }
}
