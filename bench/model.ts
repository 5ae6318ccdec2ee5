/**
 * The model section of `npm run bench`: the course's gradient descent (2000 iterations at 0.005 on
 * the cat images) timed every way bench/ways.ts lists, on every tfjs backend, each against numpy +
 * OpenBLAS measured in the same run (before and after the lib's rows, pooled). Every way's costs
 * must match numpy's to 1e-5 and its accuracies exactly, or the benchmark fails.
 */
import * as path from "path";
import { median } from "../lib/timing";
import { child, lastJson, log, maxRelativeDifference, PYTHON, run, type MemorySnapshot, type Row } from "./common";
import type { Way } from "./ways";

export const NUM_ITERATIONS = 2000;
export const LEARNING_RATE = 0.005;
const COST_RTOL = 1e-5;

/** Ratio targets against numpy (the issue's): the default paths, and the lib's own tensor ops. */
export const MODEL_TARGETS: Partial<Record<Way, { ratio: number; stretch?: number }>> = {
  fast: { ratio: 1.0, stretch: 0.5 },
  learner: { ratio: 1.5 },
  propagate: { ratio: 1.5 },
  tfjs: { ratio: 2.0 },
};

export interface NumpyResult {
  numpy: string;
  blas: string[];
  blasThreads: number | null;
  blasEnv: Record<string, string>;
  peakRssMB: number;
  dot: { n: number; samplesMs: number[]; pythonLoopMsExtrapolated: number };
  cat: { skipped?: string; shape?: number[]; samplesMs?: number[]; costs?: number[]; trainAccuracy?: number; testAccuracy?: number };
}

interface WayRun {
  way: Way;
  label: string;
  kernels: "lib" | "tfjs";
  numIterations: number;
  samplesMs: number[];
  medianMs: number;
  costs: number[];
  trainAccuracy?: number;
  testAccuracy?: number;
  memoryBefore: MemorySnapshot;
  memoryAfter: MemorySnapshot;
}
export interface ModelResult {
  backend: string;
  data: { source: string; description: string };
  memoryAfterLoad: MemorySnapshot;
  runs: WayRun[];
}

export interface ModelOptions {
  repeats: number;
  pathRepeats: number;
  tfjsKernelIterations: number;
  tfjsKernelRepeats: number;
  cpuIterations: number;
  skipCpu: boolean;
  skipTfjsKernels: boolean;
}

/** The ways timed on one backend: `way:iterations:runs` for bench/child.ts. */
function waysFor(backend: string, o: ModelOptions): string {
  const full = (way: Way, runs: number) => `${way}:${NUM_ITERATIONS}:${runs}`;
  if (backend === "wasm") {
    const ways = [full("fast", o.repeats), full("learner", o.pathRepeats), full("propagate", o.pathRepeats), full("tfjs", o.pathRepeats)];
    if (!o.skipTfjsKernels) {
      for (const way of ["learner-tfjs-kernels", "flags-tfjs-kernels", "tfjs-tfjs-kernels"] as const) ways.push(`${way}:${o.tfjsKernelIterations}:${o.tfjsKernelRepeats}`);
    }
    return ways.join(",");
  }
  // cpu (and native TensorFlow): the fast path in full, the tensor-op ways shortened
  return [full("fast", o.repeats), `tfjs:${o.cpuIterations}:1`, `learner:${o.cpuIterations}:1`].join(",");
}

async function availableBackends(skipCpu: boolean): Promise<string[]> {
  const list = ["wasm"];
  if (!skipCpu) list.push("cpu");
  // Native TensorFlow only if tfjs-node is installed and loads (optional dependency).
  const probe = await run(process.execPath, ["-e", "require('@tensorflow/tfjs-node')"]);
  if (probe.code === 0) list.unshift("tensorflow");
  return list;
}

/**
 * Runs the section: the lib's processes, then numpy's second session. `numpy` is the first session
 * (bench/run.ts starts it, since it also times np.dot for the dot section).
 */
export async function modelSection(ctx: {
  options: ModelOptions;
  numpy: NumpyResult;
  numpyArgs: string[];
  env: NodeJS.ProcessEnv;
  dataSource: "course" | "default";
  modelName: string;
  blasName: string;
  problems: string[];
}): Promise<{ section: string; rows: Row[]; record: Record<string, unknown> }> {
  const { options, numpy, numpyArgs, env, dataSource, modelName, blasName, problems } = ctx;
  const section = `${modelName}: gradient descent, ${NUM_ITERATIONS} iterations, lr ${LEARNING_RATE}${numpy.cat.shape ? `, X ${numpy.cat.shape.join("×")}` : ""}`;
  const results: ModelResult[] = [];
  for (const backend of await availableBackends(options.skipCpu)) {
    const ways = waysFor(backend, options);
    log(`lib on ${backend}: ${ways}…`);
    try {
      const args = ["model", "--data", dataSource, "--iterations", String(NUM_ITERATIONS), "--learning-rate", String(LEARNING_RATE), "--ways", ways];
      results.push(lastJson<ModelResult>(await child(args, { NN_BACKEND: backend, ...env }), `the ${modelName} on ${backend}`));
    } catch (err) {
      problems.push((err as Error).message);
    }
  }

  // numpy again, after the lib's rows: the reference is the median of both sessions' samples, so a
  // burst of load on the machine during one of them weighs less.
  const samples = [...(numpy.cat.samplesMs ?? [])];
  let again: NumpyResult | undefined;
  if (numpy.cat.samplesMs) {
    log(`numpy reference again (${options.repeats} runs)…`);
    again = lastJson<NumpyResult>(await run(PYTHON, [...numpyArgs, "--skip-dot"], env), "the numpy reference (second session)");
    samples.push(...(again.cat.samplesMs ?? []));
  }
  const ref = samples.length ? median(samples) : undefined;
  const rows: Row[] = [];
  if (ref !== undefined) {
    rows.push({
      section,
      what: `numpy + ${blasName} (float64)`,
      ms: ref,
      note: `reference (numpy ${numpy.numpy}, ${samples.length} runs in 2 sessions); accuracies ${numpy.cat.trainAccuracy} / ${numpy.cat.testAccuracy}`,
    });
  }
  for (const result of results) {
    for (const r of result.runs) {
      const extrapolated = r.numIterations < NUM_ITERATIONS;
      const ms = (r.medianMs * NUM_ITERATIONS) / r.numIterations;
      const what = `${r.label} (${result.backend})`;
      let check = "no reference";
      let ok: boolean | undefined;
      if (numpy.cat.costs) {
        const diff = maxRelativeDifference(r.costs, numpy.cat.costs);
        const accOk = extrapolated || (r.trainAccuracy === numpy.cat.trainAccuracy && r.testAccuracy === numpy.cat.testAccuracy);
        ok = diff <= COST_RTOL && accOk && r.costs.length === Math.ceil(r.numIterations / 100);
        check = `costs ≤${diff.toExponential(1)} rel${extrapolated ? ` (first ${r.costs.length})` : `; acc ${r.trainAccuracy} / ${r.testAccuracy}`}`;
        if (!ok) problems.push(`${what}: results differ from numpy (${check}; numpy acc ${numpy.cat.trainAccuracy} / ${numpy.cat.testAccuracy})`);
      }
      const leak = r.memoryAfter.tensors - r.memoryBefore.tensors;
      if (leak !== 0) problems.push(`${what}: ${leak} tensors leaked over the runs`);
      const ratio = ref ? ms / ref : undefined;
      const target = result.backend === "wasm" ? MODEL_TARGETS[r.way] : undefined;
      rows.push({
        section,
        what,
        ms,
        referenceMs: ref,
        ratio,
        target: target ? `≤ ${target.ratio}${target.stretch ? ` (stretch ${target.stretch})` : ""}` : undefined,
        targetMet: target && ratio !== undefined ? ratio <= target.ratio : undefined,
        check,
        ok,
        note: extrapolated ? `EXTRAPOLATED from ${r.numIterations} iterations ×${NUM_ITERATIONS / r.numIterations}` : `${r.samplesMs.length} run${r.samplesMs.length === 1 ? "" : "s"}`,
        extrapolated,
      });
    }
  }

  const record: Record<string, unknown> = { numpyAgain: again, model: results };
  const wasm = results.find((c) => c.backend === "wasm");
  const fastRun = wasm?.runs.find((r) => r.way === "fast");
  if (wasm && fastRun) {
    record.memory = { afterLoad: wasm.memoryAfterLoad, beforeFastRuns: fastRun.memoryBefore, afterFastRuns: fastRun.memoryAfter, numpyPeakRssMB: numpy.peakRssMB };
  }
  return { section, rows, record };
}

/** The memory line of the report (fast path on wasm), from modelSection's record. */
export function memoryLine(record: Record<string, unknown>, modelName: string): string | undefined {
  const m = record.memory as { afterLoad: MemorySnapshot; afterFastRuns: MemorySnapshot; beforeFastRuns: MemorySnapshot; numpyPeakRssMB: number } | undefined;
  if (!m) return undefined;
  return (
    `Memory, ${modelName} on wasm (fast path): peak RSS ${m.afterFastRuns.maxRssMB.toFixed(0)} MB ` +
    `(after loading the data ${m.afterLoad.rssMB.toFixed(0)} MB), JS heap ${m.afterFastRuns.heapUsedMB.toFixed(0)} MB, ` +
    `fast-path WebAssembly memory ${m.afterFastRuns.fastWasmMB.toFixed(1)} MB, tfjs wasm heap ${m.afterFastRuns.tfjsWasmHeapMB.toFixed(1)} MB, ` +
    `tensors ${m.beforeFastRuns.tensors} before / ${m.afterFastRuns.tensors} after the runs. numpy process peak RSS ${m.numpyPeakRssMB.toFixed(0)} MB.`
  );
}

export const numpyScript = path.join(__dirname, "numpy_reference.py");
