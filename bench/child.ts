/**
 * One measuring process of `npm run bench` (bench/run.ts starts one per tfjs backend, since the
 * backend is chosen once per process by NN_BACKEND). Prints one JSON document on stdout.
 *
 *   node -r tsx/cjs bench/child.ts model --data course|default --iterations 2000 --learning-rate 0.005
 *        --ways fast:2000:5,learner:2000:3,…   (way:iterations:timed runs; see bench/ways.ts)
 *   node -r tsx/cjs bench/child.ts dot  --repeats 15
 *   node -r tsx/cjs bench/child.ts export-default --out DIR   (the default images as raw uint8 for numpy)
 */
import * as fs from "fs";
import * as path from "path";
import { backendName, ready, tf } from "../lib/backend";
import { loadImageDataset } from "../lib/data/images";
import { benchDot } from "../lib/timing";
import { fastMemoryBytes } from "../lib/fast";
import { accuracy } from "../lib/logreg/accuracy";
import { predict } from "../lib/logreg/predict";
import { timeWay, WAYS, type Way } from "./ways";

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

/** `--ways fast:2000:5,learner:2000:3`: each way with its iterations and timed runs. */
function waysFlag(): { way: Way; numIterations: number; repeats: number }[] {
  return flag("ways", "fast:2000:3").split(",").map((spec) => {
    const [way, iterations, repeats] = spec.split(":");
    if (!(way in WAYS)) throw new Error(`bench/child.ts: unknown way ${way} (${Object.keys(WAYS).join(", ")})`);
    return { way: way as Way, numIterations: Number(iterations), repeats: Number(repeats) };
  });
}

async function modelTask() {
  const source = flag("data", "course") as "course" | "default";
  const learningRate = Number(flag("learning-rate", "0.005"));
  const ds = await loadImageDataset({ source });
  const Xtrain = flatten(ds.trainX);
  const Xtest = flatten(ds.testX);
  const memoryAfterLoad = memorySnapshot();
  const runs = [];
  for (const { way, numIterations, repeats } of waysFlag()) {
    const setup = { X: Xtrain, Y: ds.trainY, learningRate };
    // Warm-up outside the timing: compiles tfjs's kernels / the WebAssembly, starts the worker.
    await timeWay(way, { ...setup, numIterations: 20, repeats: 1 });
    const before = memorySnapshot();
    const r = await timeWay(way, { ...setup, numIterations, repeats });
    const after = memorySnapshot();
    let trainAccuracy: number | undefined;
    let testAccuracy: number | undefined;
    if (numIterations === Number(flag("iterations", "2000"))) {
      const w = tf.tensor2d(r.w, [r.w.length, 1]);
      const [pTrain, pTest] = [predict(w, r.b, Xtrain), predict(w, r.b, Xtest)];
      trainAccuracy = accuracy(pTrain, ds.trainY);
      testAccuracy = accuracy(pTest, ds.testY);
      tf.dispose([w, pTrain, pTest]);
    }
    const { w: _w, ...timing } = r; // the learned w is for the accuracies, not for the report
    runs.push({ ...timing, way, label: WAYS[way].label, kernels: WAYS[way].kernels, numIterations, trainAccuracy, testAccuracy, memoryBefore: before, memoryAfter: after });
  }
  const out = {
    task: "model",
    backend: backendName(),
    data: { source: ds.source, description: ds.description, trainShape: ds.trainX.shape, testShape: ds.testX.shape },
    learningRate,
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
  const result = task === "model" ? await modelTask() : task === "dot" ? await dotTask() : task === "export-default" ? await exportDefaultTask() : undefined;
  if (!result) throw new Error(`bench/child.ts: unknown task ${task} (model, dot, export-default)`);
  // Wait for the pipe to take it all: process.exit() would cut a large document short.
  await new Promise<void>((resolve) => process.stdout.write(JSON.stringify(result) + "\n", () => resolve()));
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err instanceof Error ? err.stack : err);
    process.exit(1);
  },
);
