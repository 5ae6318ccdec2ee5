/**
 * The vectorization lesson's measurement (notebook 09, and `npm run bench`): the dot product of two
 * vectors of 10⁶ numbers, five ways — loops over three kinds of array, tf.dot and nn.dot — each
 * timed with timeit (medians of several runs) and shown as a TimingTable.
 */
import { tf, backendName } from "../backend";
import { dot, dotMethod } from "../tensor/dot";
import { TimingTable, type TimingRow } from "./table";
import { timeit } from "./timeit";

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
      [`tf.dot (${backend})`, () => tf.tidy(() => tf.dot(aT, bT)).dataSync()[0], "float32 matrix product + read-back"],
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
