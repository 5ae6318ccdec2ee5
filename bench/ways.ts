/**
 * The ways of training the course's model that `npm run bench` times against numpy: gradient
 * descent from w = 0, b = 0 for numIterations at learningRate, the part the numpy reference times
 * too (data loading, preprocessing and predictions excluded). Each timed run starts cold: the lib's
 * packed copy of X is dropped first, so reading and packing X is inside the time, as in a first
 * call from a notebook.
 *
 *   fast        nn.optimize on the fast path (the default of nn.model)
 *   tfjs        nn.optimize with implementation "tfjs": the lib's own tensor ops
 *   learner     notebook 18's solution (read from the notebook): a learner's tfjs code
 *   propagate   a loop around nn.propagate, as a learner's own optimize would call it
 * and, on tfjs's own kernels (the lib's matrix–vector kernel off, as without this kit):
 *   learner-tfjs-kernels  notebook 18's solution: ordinary, well-written tfjs
 *   flags-tfjs-kernels    the same with matMul's transpose flags (bench/transposeFlags.ts)
 *   tfjs-tfjs-kernels     the lib's tensor ops
 */
import { tf } from "../lib/backend";
import { clearPackedMatrix } from "../lib/fast";
import { optimize } from "../lib/logreg/optimize";
import { propagate } from "../lib/logreg/propagate";
import { timeit } from "../lib/timing";
import { useMatVecKernel } from "../lib/wasmBackend";
import { learnerFunctions, type LearnerFunctions } from "./learner";
import { optimizeWithTransposeFlags } from "./transposeFlags";

interface Problem {
  X: tf.Tensor2D;
  Y: tf.Tensor2D;
  numIterations: number;
  learningRate: number;
}
interface Trained {
  w: tf.Tensor2D;
  b: number;
  costs: number[];
}

let learner: LearnerFunctions | undefined;
const notebook = () => (learner ??= learnerFunctions());

function libOptimize(implementation: "fast" | "tfjs") {
  return ({ X, Y, numIterations, learningRate }: Problem): Trained => {
    const w0 = tf.zeros([X.shape[0], 1]) as tf.Tensor2D;
    const r = optimize(w0, 0, X, Y, { numIterations, learningRate, implementation });
    tf.dispose([w0, r.grads.dw]);
    return { w: r.params.w, b: r.params.b, costs: r.costs };
  };
}

function learnerOptimize({ X, Y, numIterations, learningRate }: Problem): Trained {
  const { initializeWithZeros, optimize: learnersOptimize } = notebook();
  const init = initializeWithZeros(X.shape[0]);
  const r = learnersOptimize(init.w, init.b, X, Y, { numIterations, learningRate });
  tf.dispose([init.w, r.grads.dw]);
  return { w: r.params.w, b: r.params.b, costs: r.costs };
}

function propagateLoop({ X, Y, numIterations, learningRate }: Problem): Trained {
  let w = tf.zeros([X.shape[0], 1]) as tf.Tensor2D;
  let b = 0;
  const costs: number[] = [];
  for (let i = 0; i < numIterations; i++) {
    const { grads, cost } = propagate(w, b, X, Y);
    const previous = w;
    w = tf.tidy(() => tf.sub(previous, tf.mul(learningRate, grads.dw)) as tf.Tensor2D);
    tf.dispose([previous, grads.dw]);
    b -= learningRate * grads.db;
    if (i % 100 === 0) costs.push(cost);
  }
  return { w, b, costs };
}

function flags({ X, Y, numIterations, learningRate }: Problem): Trained {
  const w0 = tf.zeros([X.shape[0], 1]) as tf.Tensor2D;
  const r = optimizeWithTransposeFlags(w0, 0, X, Y, { numIterations, learningRate });
  w0.dispose();
  return r;
}

export const WAYS = {
  fast: { label: "nn.optimize, fast path", kernels: "lib", train: libOptimize("fast") },
  tfjs: { label: "nn.optimize, the lib's tfjs ops", kernels: "lib", train: libOptimize("tfjs") },
  learner: { label: "notebook 18's solution (learner's tfjs code)", kernels: "lib", train: learnerOptimize },
  propagate: { label: "a loop around nn.propagate", kernels: "lib", train: propagateLoop },
  "learner-tfjs-kernels": { label: "notebook 18's solution, tfjs's own kernels", kernels: "tfjs", train: learnerOptimize },
  "flags-tfjs-kernels": { label: "the same with matMul's transpose flags, tfjs's own kernels", kernels: "tfjs", train: flags },
  "tfjs-tfjs-kernels": { label: "nn.optimize, the lib's tfjs ops, tfjs's own kernels", kernels: "tfjs", train: libOptimize("tfjs") },
} as const satisfies Record<string, { label: string; kernels: "lib" | "tfjs"; train: (p: Problem) => Trained }>;
export type Way = keyof typeof WAYS;

/** Times `repeats` cold runs of one way; returns the samples and the last run's costs and parameters. */
export async function timeWay(
  way: Way,
  problem: Problem & { repeats: number },
): Promise<{ samplesMs: number[]; medianMs: number; costs: number[]; w: Float32Array; b: number }> {
  const { train, kernels } = WAYS[way];
  const previous = useMatVecKernel(kernels === "lib");
  let last: Trained | undefined;
  try {
    const t = await timeit(
      () => {
        clearPackedMatrix();
        if (last) last.w.dispose();
        last = train(problem);
      },
      { repeats: problem.repeats, warmup: 0 },
    );
    const result = last as Trained;
    return { samplesMs: t.samplesMs, medianMs: t.medianMs, costs: result.costs, w: Float32Array.from(result.w.dataSync()), b: result.b };
  } finally {
    useMatVecKernel(previous);
    last?.w.dispose();
  }
}
