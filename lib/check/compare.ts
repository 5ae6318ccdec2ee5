/**
 * Comparisons that explain themselves: every failure says what was checked, what was expected and
 * what came back, with shapes, the way the course's public tests do. Shared by the notebooks'
 * self-checks (`nn.check.*`) and the grader's checks (grading/checks).
 */
import { tf } from "../backend";
import { formatShape, isTensor, sameShape } from "../tensor/assertShape";
import { multiIndex } from "../tensor/assertFinite";

/** A failed check: the message is meant for the student. */
export class CheckFailure extends Error {
  constructor(message: string) {
    super(message);
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

export function close(got: number, expected: number, tol: Tolerance = FLOAT32): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(got);
  // The float32 nearest to the reference is always right (an exact comparison means "up to float32").
  if (got === Math.fround(expected)) return true;
  return Math.abs(got - expected) <= tol.atol + tol.rtol * Math.abs(expected);
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

/** Nested JS arrays (as in the fixtures) to a flat array and a shape. */
export function flatten(nested: unknown): { values: number[]; shape: number[] } {
  const shape: number[] = [];
  let probe: unknown = nested;
  while (Array.isArray(probe)) {
    shape.push(probe.length);
    probe = probe[0];
  }
  const values = (Array.isArray(nested) ? (nested as unknown[]).flat(Infinity) : [nested]) as number[];
  return { values, shape };
}

/** What a value is, in words, for "expected a tf.Tensor, got …". */
export function describe(value: unknown): string {
  if (isTensor(value)) return `a tf.Tensor of shape ${formatShape(value.shape)}`;
  if (value === null) return "null";
  if (value === undefined) return "undefined (did the function forget to return?)";
  if (Array.isArray(value)) return `a JS array of length ${value.length}`;
  if (typeof value === "object") return `an object with keys {${Object.keys(value as object).join(", ")}}`;
  return `${typeof value} ${String(value)}`;
}

function shapeAdvice(got: readonly number[], expected: readonly number[]): string {
  if (got.length === 1 && expected.length === 2 && (expected[0] === 1 || expected[1] === 1)) {
    return ` — a rank-1 tensor; reshape it to ${formatShape(expected)}`;
  }
  if (got.length === 2 && expected.length === 2 && got[0] === expected[1] && got[1] === expected[0] && got[0] !== got[1]) {
    return " — it looks transposed";
  }
  return "";
}

/** Throws unless `got` is a live tensor; `what` names it, e.g. "sigmoid(z) for the course's example". */
export function expectTensor(what: string, got: unknown): asserts got is tf.Tensor {
  if (!isTensor(got)) throw new CheckFailure(`${what}: expected a tf.Tensor, got ${describe(got)}`);
  if (got.isDisposed) throw new CheckFailure(`${what}: the returned tensor has already been disposed (return it from tf.tidy instead of disposing it)`);
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
  expectTensor(what, got);
  const want = flatten(expected);
  const shape = expectedShape ?? want.shape;
  const gotValues = got.dataSync();
  if (!sameShape(got.shape, shape)) {
    throw new CheckFailure(
      `${what}: wrong shape: expected ${formatShape(shape)}, got ${formatShape(got.shape)}${shapeAdvice(got.shape, shape)}\n` +
        `  expected: ${formatValues(want.values, shape)}\n` +
        `  got:      ${formatValues(gotValues, got.shape)}`,
    );
  }
  const bad = want.values.findIndex((v, i) => !close(gotValues[i], v, tol));
  if (bad >= 0) {
    const index = multiIndex(bad, shape);
    throw new CheckFailure(
      `${what}: wrong values (shape ${formatShape(shape)} is right)\n` +
        `  expected: ${formatValues(want.values, shape)}\n` +
        `  got:      ${formatValues(gotValues, shape)}\n` +
        `  first difference at [${index.join(", ")}]: expected ${formatNumber(want.values[bad])}, got ${formatNumber(gotValues[bad])}` +
        ` (allowed difference ${formatNumber(tol.atol + tol.rtol * Math.abs(want.values[bad]))})`,
    );
  }
}

/** Throws unless `got` is a number close to `expected`. */
export function expectNumberClose(what: string, got: unknown, expected: number, tol: Tolerance = FLOAT32): void {
  if (typeof got !== "number") {
    const hint = isTensor(got) && got.size === 1 ? " (read the number out of the tensor with .dataSync()[0] or .arraySync())" : "";
    throw new CheckFailure(`${what}: expected a number, got ${describe(got)}${hint}`);
  }
  if (!close(got, expected, tol)) {
    throw new CheckFailure(
      `${what}: expected ${formatNumber(expected)}, got ${formatNumber(got)} (allowed difference ${formatNumber(tol.atol + tol.rtol * Math.abs(expected))})`,
    );
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
  if (typeof got !== "object" || got === null || Array.isArray(got) || isTensor(got)) {
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
