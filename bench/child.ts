/**
 * One measuring process of `npm run bench` (bench/run.ts starts one per tfjs backend, since the
 * backend is chosen once per process by NN_BACKEND). Prints one JSON document on stdout.
 *
 *   node -r tsx/cjs bench/child.ts cat  --data course|default --impl fast,tfjs --iterations 2000
 *        --repeats 3 --tfjs-iterations N --tfjs-repeats 1
 *   node -r tsx/cjs bench/child.ts dot  --repeats 15
 *   node -r tsx/cjs bench/child.ts export-default --out DIR   (the default images as raw uint8 for numpy)
 */
import * as fs from "fs";
import * as path from "path";
import { backendName, ready, tf } from "../lib/backend";
import { loadImageDataset } from "../lib/data/images";
import { benchDot } from "../lib/timing";
import { benchGradientDescent } from "./descent";
import { fastMemoryBytes } from "../lib/fast";
import type { LogregImplementation } from "../lib/logreg/fastPath";
import { accuracy } from "../lib/logreg/accuracy";
import { predict } from "../lib/logreg/predict";

const LEARNING_RATE = 0.005;

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

/** Bytes of the tfjs wasm backend's heap (its WebAssembly memory), when that backend is active. */
function tfjsWasmHeapBytes(): number | undefined {
  const backend = tf.backend() as unknown as { wasm?: { HEAPU8?: Uint8Array } };
  return backend.wasm?.HEAPU8?.length;
}

function memorySnapshot() {
  const usage = process.memoryUsage();
  return {
    rssMB: usage.rss / 2 ** 20,
    heapUsedMB: usage.heapUsed / 2 ** 20,
    // peak resident set of this process so far (kilobytes on Linux)
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    tensors: tf.memory().numTensors,
    tensorMB: tf.memory().numBytes / 2 ** 20,
    fastWasmMB: fastMemoryBytes() / 2 ** 20,
    tfjsWasmHeapMB: (tfjsWasmHeapBytes() ?? 0) / 2 ** 20,
  };
}

/** The course's preprocessing: X = images.reshape(m, -1).T / 255, as float32 tensors. */
function flatten(images: tf.Tensor4D): tf.Tensor2D {
  return tf.tidy(() => tf.div(images.reshape([images.shape[0], -1]).transpose(), 255)) as tf.Tensor2D;
}

async function catTask() {
  const source = flag("data", "course") as "course" | "default";
  const impls = flag("impl", "fast,tfjs").split(",") as LogregImplementation[];
  const iterations = Number(flag("iterations", "2000"));
  const repeats = Number(flag("repeats", "3"));
  const tfjsIterations = Number(flag("tfjs-iterations", String(iterations)));
  const tfjsRepeats = Number(flag("tfjs-repeats", "1"));
  const ds = await loadImageDataset({ source });
  const Xtrain = flatten(ds.trainX);
  const Xtest = flatten(ds.testX);
  const memoryAfterLoad = memorySnapshot();
  const runs = [];
  for (const implementation of impls) {
    const numIterations = implementation === "tfjs" ? tfjsIterations : iterations;
    const runRepeats = implementation === "tfjs" ? tfjsRepeats : repeats;
    // Warm-up outside the timing: compiles tfjs's kernels / the WebAssembly, starts the worker.
    await benchGradientDescent(Xtrain, ds.trainY, { implementation, numIterations: 20, learningRate: LEARNING_RATE, repeats: 1, warmup: 0 });
    const before = memorySnapshot();
    const r = await benchGradientDescent(Xtrain, ds.trainY, { implementation, numIterations, learningRate: LEARNING_RATE, repeats: runRepeats, warmup: 0 });
    const after = memorySnapshot();
    let trainAccuracy: number | undefined;
    let testAccuracy: number | undefined;
    if (numIterations === iterations) {
      const w = tf.tensor2d(r.w, [r.w.length, 1]);
      const [pTrain, pTest] = [predict(w, r.b, Xtrain), predict(w, r.b, Xtest)];
      trainAccuracy = accuracy(pTrain, ds.trainY);
      testAccuracy = accuracy(pTest, ds.testY);
      tf.dispose([w, pTrain, pTest]);
    }
    runs.push({
      implementation,
      numIterations,
      samplesMs: r.row.samplesMs,
      medianMs: r.row.medianMs,
      costs: r.costs,
      b: r.b,
      trainAccuracy,
      testAccuracy,
      memoryBefore: before,
      memoryAfter: after,
    });
  }
  const out = {
    task: "cat",
    backend: backendName(),
    data: { source: ds.source, description: ds.description, trainShape: ds.trainX.shape, testShape: ds.testX.shape },
    learningRate: LEARNING_RATE,
    memoryAfterLoad,
    runs,
  };
  tf.dispose([Xtrain, Xtest, ds.trainX, ds.trainY, ds.testX, ds.testY]);
  return out;
}

async function dotTask() {
  const table = await benchDot({ repeats: Number(flag("repeats", "15")) });
  return { task: "dot", backend: backendName(), title: table.title, rows: table.rows };
}

async function exportDefaultTask() {
  const dir = flag("out", "");
  if (!dir) throw new Error("export-default: --out DIR is required");
  const ds = await loadImageDataset({ source: "default" });
  fs.mkdirSync(dir, { recursive: true });
  // The pixels are whole numbers 0..255 (see lib/data/types.ts): uint8 is exact.
  fs.writeFileSync(path.join(dir, "train_x.u8"), Uint8Array.from(ds.trainX.dataSync()));
  fs.writeFileSync(path.join(dir, "test_x.u8"), Uint8Array.from(ds.testX.dataSync()));
  const meta = {
    description: ds.description,
    trainShape: ds.trainX.shape,
    testShape: ds.testX.shape,
    trainY: Array.from(ds.trainY.dataSync()),
    testY: Array.from(ds.testY.dataSync()),
  };
  fs.writeFileSync(path.join(dir, "meta.json"), JSON.stringify(meta));
  tf.dispose([ds.trainX, ds.trainY, ds.testX, ds.testY]);
  return { task: "export-default", dir, description: ds.description };
}

async function main() {
  await ready();
  const task = process.argv[2];
  const result = task === "cat" ? await catTask() : task === "dot" ? await dotTask() : task === "export-default" ? await exportDefaultTask() : undefined;
  if (!result) throw new Error(`bench/child.ts: unknown task ${task} (cat, dot, export-default)`);
  process.stdout.write(JSON.stringify(result) + "\n");
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err instanceof Error ? err.stack : err);
    process.exit(1);
  },
);
