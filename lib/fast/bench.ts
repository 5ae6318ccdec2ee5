/**
 * The measuring code shared by `npm run bench` (bench/) and the vectorization notebook: the
 * 10⁶-element dot product in every container (loop vs vectorized), and gradient descent on
 * logistic regression through either implementation. Timings are medians of several runs
 * (lib/timing's timeit); results show themselves as a table in a notebook.
 */
import { tf, backendName } from "../backend";
import type { Displayable, MimeBundle } from "../display/mimebundle";
import { escapeHtml } from "../display/table";
import { optimize } from "../logreg/optimize";
import { timeit } from "../timing";
import { dot, dotMethod } from "./dot";
import type { LogregImplementation } from "./logreg";
import { clearPackedX } from "./train";

/** One measured way of computing something. */
export interface TimingRow {
  label: string;
  /** Median of the timed runs, milliseconds. */
  medianMs: number;
  samplesMs: number[];
  /** What was computed (the dot product's value, the final cost …), to check the ways agree. */
  value?: number;
  /** How it was measured, when that needs saying (e.g. extrapolated from fewer iterations). */
  note?: string;
}

/** Rows of timings that display as a table (text and HTML), fastest last in ratio terms against `baseline`. */
export class TimingTable implements Displayable {
  constructor(
    readonly title: string,
    readonly rows: TimingRow[],
    /** Label of the row the others are compared to (ratio column); default the first row. */
    readonly baseline: string = rows[0]?.label ?? "",
  ) {}

  /** The rows as {label, ms} for nn.plotTimings. */
  get entries(): { label: string; ms: number }[] {
    return this.rows.map((r) => ({ label: r.label, ms: r.medianMs }));
  }

  private ratio(row: TimingRow): number {
    const base = this.rows.find((r) => r.label === this.baseline);
    return base ? row.medianMs / base.medianMs : NaN;
  }

  toString(): string {
    const width = Math.max(...this.rows.map((r) => r.label.length), 5);
    const lines = this.rows.map(
      (r) =>
        `${r.label.padEnd(width)}  ${formatMs(r.medianMs).padStart(10)}  ${formatRatio(this.ratio(r)).padStart(8)}` +
        (r.value !== undefined ? `  ${String(r.value)}` : "") +
        (r.note ? `  (${r.note})` : ""),
    );
    return [`${this.title} — median of runs; ratio to ${this.baseline}`, `${"".padEnd(width)}  ${"median".padStart(10)}  ${"ratio".padStart(8)}`, ...lines].join("\n");
  }

  _repr_mimebundle_(): MimeBundle {
    const body = this.rows
      .map(
        (r) =>
          `<tr><td style="text-align:left">${escapeHtml(r.label)}</td><td>${formatMs(r.medianMs)}</td><td>${formatRatio(this.ratio(r))}</td>` +
          `<td>${r.value !== undefined ? escapeHtml(String(r.value)) : ""}</td><td style="text-align:left">${escapeHtml(r.note ?? "")}</td></tr>`,
      )
      .join("");
    const html =
      `<table><caption style="text-align:left">${escapeHtml(this.title)} — median of runs; ratio to ${escapeHtml(this.baseline)}</caption>` +
      `<thead><tr><th style="text-align:left">way</th><th>median</th><th>ratio</th><th>value</th><th></th></tr></thead><tbody>${body}</tbody></table>`;
    return { data: { "text/plain": this.toString(), "text/html": html } };
  }
}

export function formatMs(ms: number): string {
  // Thresholds on the rounded value: 999.7 ms is "1.00 s", not toPrecision's "1.00e+3 ms".
  const rounded = Number(ms.toPrecision(3));
  if (rounded >= 1000) return `${(ms / 1000).toPrecision(3)} s`;
  if (rounded >= 1) return `${ms.toPrecision(3)} ms`;
  return `${(ms * 1000).toPrecision(3)} µs`;
}
const formatRatio = (r: number) => (Number.isFinite(r) ? `${r >= 10 ? r.toFixed(0) : r.toPrecision(2)}×` : "");

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
        clearPackedX();
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
