/**
 * Comparisons that explain themselves: every failure says what was checked, what was expected and
 * what came back, with shapes, the way the course's public tests do. The one float comparison of
 * the kit: the notebooks' self-checks (`nn.check.*`), the grader's checks (grading/checks) and the
 * unit tests (test/fixtures/fixtures.ts) all compare through `close` and `Tolerance`.
 *
 * A value under check is a live tf.Tensor (self-checks, tests) or a TensorSnapshot: a tensor's
 * shape, dtype and values read out in another process (the grader judges what the student's
 * process sends back, never a tensor that code could have tampered with).
 */
import { tf } from "../backend";
import { formatShape, isTensor, sameShape } from "../tensor/assertShape";
import * as message from "../messages";
import { multiIndex } from "../tensor/assertFinite";

/** A failed check: the message is meant for the student. */
export class CheckFailure extends Error {
  constructor(text: string) {
    super(text);
    this.name = "CheckFailure";
  }
}

export interface Tolerance {
  /** Relative tolerance. */
  rtol: number;
  /** Absolute tolerance, for values near 0. */
  atol: number;
}

/**
 * float32 keeps about 7 significant digits; a few roundings in a short formula stay within 1e-5
 * relative, and 1e-6 absolute covers results near 0 (e.g. 1 − σ(x) computed by subtraction).
 */
export const FLOAT32: Readonly<Tolerance> = Object.freeze({ rtol: 1e-5, atol: 1e-6 });

/**
 * Gradient descent repeats the float32 roundings of every step; measured against the float64
 * reference they stay below 2e-6 relative over the course's cases (up to 2000 iterations). 1e-4
 * leaves room for other backends and summation orders, while a wrong formula is off by far more.
 */
export const DESCENT: Readonly<Tolerance> = Object.freeze({ rtol: 1e-4, atol: 1e-5 });

/**
 * Accuracies in percent, 100 − mean(|Ŷ − Y|)·100: computed in float32 the course's way
 * (`tf.mean`) they are off by ~1e-6 (85.714285 for 85.714286); one wrong prediction in m moves
 * them by 100/m, far more than 1e-4.
 */
export const PERCENT: Readonly<Tolerance> = Object.freeze({ rtol: 0, atol: 1e-4 });

/** Exact (up to the float32 nearest to the reference): reshapes, 0/1 predictions, counts. */
export const EXACT: Readonly<Tolerance> = Object.freeze({ rtol: 0, atol: 0 });

/** |got − expected| ≤ atol + rtol·|expected|; NaN matches only NaN, ±Infinity only itself. */
export function close(got: number, expected: number, tol: Tolerance = FLOAT32): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(got);
  if (got === expected) return true;
  // The float32 nearest to the reference is always right (an exact comparison means "up to float32").
  if (got === Math.fround(expected)) return true;
  return Math.abs(got - expected) <= tol.atol + tol.rtol * Math.abs(expected);
}

/** The allowed difference at `expected`, for messages. */
export function allowed(expected: number, tol: Tolerance): number {
  return tol.atol + tol.rtol * Math.abs(expected);
}

/** A number as numpy would print it (8 significant digits). */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Number.isInteger(x)) return x.toFixed(1);
  return String(Number(x.toPrecision(8)));
}

/** Nested values for a message, at most `limit` numbers (then "…"). */
export function formatValues(flat: ArrayLike<number>, shape: readonly number[], limit = 12): string {
  let shown = 0;
  const build = (offset: number, dim: number): string => {
    if (dim === shape.length) {
      shown++;
      return shown > limit ? "…" : formatNumber(flat[offset]);
    }
    const size = shape[dim];
    const stride = shape.slice(dim + 1).reduce((a, b) => a * b, 1);
    const parts: string[] = [];
    for (let i = 0; i < size; i++) {
      if (shown >= limit) {
        parts.push("…");
        break;
      }
      parts.push(build(offset + i * stride, dim + 1));
    }
    return `[${parts.join(", ")}]`;
  };
  return shape.length === 0 ? formatNumber(flat[0]) : build(0, 0);
}

/** The numpy shape of nested JS arrays (as numpy's tolist() writes them): [[1, 2, 3]] -> [1, 3]. */
export function shapeOf(nested: unknown): number[] {
  const shape: number[] = [];
  let probe: unknown = nested;
  while (Array.isArray(probe)) {
    shape.push(probe.length);
    probe = probe[0];
  }
  return shape;
}

/** Nested JS arrays to a flat array and a shape. */
export function flatten(nested: unknown): { values: number[]; shape: number[] } {
  const values = (Array.isArray(nested) ? (nested as unknown[]).flat(Infinity) : [nested]) as number[];
  return { values, shape: shapeOf(nested) };
}

/** A tensor's contents, read out (in this process or another one). */
export class TensorSnapshot {
  constructor(
    readonly shape: readonly number[],
    readonly dtype: string,
    readonly values: ArrayLike<number>,
    /** The tensor had been disposed before it could be read (values are then empty). */
    readonly isDisposed = false,
  ) {}

  get size(): number {
    return this.shape.reduce((a, b) => a * b, 1);
  }
}

/** A value another process returned that cannot be sent as data (a function, a class instance …). */
export class OpaqueValue {
  constructor(readonly description: string) {}
}

/** A tensor or a snapshot of one, as a snapshot; undefined for anything else. */
export function tensorData(value: unknown): TensorSnapshot | undefined {
  if (value instanceof TensorSnapshot) return value;
  if (!isTensor(value)) return undefined;
  if (value.isDisposed) return new TensorSnapshot(value.shape, value.dtype, [], true);
  return new TensorSnapshot(value.shape, value.dtype, value.dataSync() as ArrayLike<number>);
}

function isTensorLike(value: unknown): boolean {
  return value instanceof TensorSnapshot || isTensor(value);
}

/** What a value is, in words, for "expected a tf.Tensor, got …". */
export function describe(value: unknown): string {
  if (value instanceof TensorSnapshot) return `a tf.Tensor of shape ${formatShape(value.shape)}`;
  if (value instanceof OpaqueValue) return value.description;
  if (isTensor(value)) return `a tf.Tensor of shape ${formatShape(value.shape)}`;
  if (value === null) return "null";
  if (value === undefined) return "undefined (did the function forget to return?)";
  if (Array.isArray(value)) return `a JS array of length ${value.length}`;
  if (typeof value === "object") return `an object with keys {${Object.keys(value as object).join(", ")}}`;
  if (typeof value === "string") return `the string ${JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value)}`;
  return `${typeof value} ${String(value)}`;
}

/** Throws unless `got` is a live tensor; returns its contents. `what` names it, e.g. "sigmoid(z) for the course's example". */
export function expectTensor(what: string, got: unknown): TensorSnapshot {
  const data = tensorData(got);
  if (!data) throw new CheckFailure(`${what}: expected a tf.Tensor, got ${describe(got)}`);
  if (data.isDisposed) throw new CheckFailure(message.returnedDisposed(what));
  return data;
}

/** The first entry of `gotValues` not close to `want`, or -1. */
export function firstDifference(gotValues: ArrayLike<number>, want: ArrayLike<number>, tol: Tolerance): number {
  for (let i = 0; i < want.length; i++) if (!close(gotValues[i], want[i], tol)) return i;
  return -1;
}

/**
 * Throws unless `got` is a tensor of the expected shape whose values are all close to `expected`
 * (nested arrays, as numpy's tolist() writes them; `expectedShape` overrides the nesting, e.g. for
 * a scalar).
 */
export function expectTensorClose(
  what: string,
  got: unknown,
  expected: unknown,
  tol: Tolerance = FLOAT32,
  expectedShape?: readonly number[],
): void {
  const data = expectTensor(what, got);
  const want = flatten(expected);
  const shape = expectedShape ?? want.shape;
  if (!sameShape(data.shape, shape)) {
    throw new CheckFailure(
      `${what}: wrong shape: expected ${formatShape(shape)}, got ${formatShape(data.shape)}${message.shapeAdvice(data.shape, shape)}\n` +
        `  expected: ${formatValues(want.values, shape)}\n` +
        `  got:      ${formatValues(data.values, data.shape)}`,
    );
  }
  const bad = firstDifference(data.values, want.values, tol);
  if (bad >= 0) {
    const index = multiIndex(bad, shape);
    throw new CheckFailure(
      `${what}: wrong values (shape ${formatShape(shape)} is right)\n` +
        `  expected: ${formatValues(want.values, shape)}\n` +
        `  got:      ${formatValues(data.values, shape)}\n` +
        `  first difference at [${index.join(", ")}]: expected ${formatNumber(want.values[bad])}, got ${formatNumber(data.values[bad])}` +
        ` (allowed difference ${formatNumber(allowed(want.values[bad], tol))})`,
    );
  }
}

/** Throws unless `got` is a number close to `expected`. */
export function expectNumberClose(what: string, got: unknown, expected: number, tol: Tolerance = FLOAT32): void {
  if (typeof got !== "number") {
    const data = tensorData(got);
    const hint = data && data.size === 1 ? " (read the number out of the tensor with .dataSync()[0] or .arraySync())" : "";
    throw new CheckFailure(`${what}: expected a number, got ${describe(got)}${hint}`);
  }
  if (!close(got, expected, tol)) {
    throw new CheckFailure(`${what}: expected ${formatNumber(expected)}, got ${formatNumber(got)} (allowed difference ${formatNumber(allowed(expected, tol))})`);
  }
}

/** Throws unless `got` is an array of numbers close to `expected`, element by element. */
export function expectNumbersClose(what: string, got: unknown, expected: readonly number[], tol: Tolerance = FLOAT32): void {
  if (!Array.isArray(got)) throw new CheckFailure(`${what}: expected an array of ${expected.length} numbers, got ${describe(got)}`);
  if (got.length !== expected.length) {
    throw new CheckFailure(
      `${what}: expected ${expected.length} numbers, got ${got.length}\n` +
        `  expected: ${formatValues(expected, [expected.length])}\n` +
        `  got:      ${formatValues(got.map(Number), [got.length])}`,
    );
  }
  got.forEach((v, i) => expectNumberClose(`${what}[${i}]`, v, expected[i], tol));
}

/** Throws unless `got` is an object; returns it typed for property checks. */
export function expectObject(what: string, got: unknown, keys: readonly string[]): Record<string, unknown> {
  if (typeof got !== "object" || got === null || Array.isArray(got) || isTensorLike(got) || got instanceof OpaqueValue) {
    throw new CheckFailure(`${what}: expected an object with keys {${keys.join(", ")}}, got ${describe(got)}`);
  }
  const missing = keys.filter((k) => !(k in got));
  if (missing.length > 0) {
    throw new CheckFailure(`${what}: the returned object lacks ${missing.map((k) => `"${k}"`).join(", ")}; expected keys {${keys.join(", ")}}, got {${Object.keys(got).join(", ")}}`);
  }
  return got as Record<string, unknown>;
}

/** Makes a tensor from nested arrays (float32). */
export function tensorOf(nested: unknown): tf.Tensor {
  const { values, shape } = flatten(nested);
  return tf.tensor(values, shape, "float32");
}
