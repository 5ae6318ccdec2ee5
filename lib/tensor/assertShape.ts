/**
 * Shape checks with messages a student can act on. The course's most common bug is the rank-1
 * array (`(n,)` where `(n, 1)` is meant), so that case gets its own advice.
 */
import { tf } from "../backend";

/** An expected dimension: a size, or `null` / `-1` for "any size". */
export type Dim = number | null;
export type ExpectedShape = readonly Dim[];

/** True for tfjs tensors (duck-typed too, so a second tfjs copy's tensors still count). */
export function isTensor(value: unknown): value is tf.Tensor {
  if (value instanceof tf.Tensor) return true;
  const v = value as { shape?: unknown; dtype?: unknown; dataSync?: unknown } | null;
  return typeof v === "object" && v !== null && Array.isArray(v.shape) && typeof v.dtype === "string" && typeof v.dataSync === "function";
}

function isWildcard(d: Dim): boolean {
  return d === null || d === -1;
}

/** numpy's way of writing a shape: `(12288, 1)`, `(12288,)`, `()`; wildcards print as `?`. */
export function formatShape(shape: readonly Dim[]): string {
  const dims = shape.map((d) => (isWildcard(d) ? "?" : String(d)));
  return dims.length === 1 ? `(${dims[0]},)` : `(${dims.join(", ")})`;
}

/** Exactly the same shape (no wildcards): same rank, same size on every axis. */
export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** `actual` against `expected`, where a `null` / `-1` dimension of `expected` matches any size. */
export function shapeMatches(actual: readonly number[], expected: ExpectedShape): boolean {
  return actual.length === expected.length && expected.every((d, i) => isWildcard(d) || d === actual[i]);
}

/** What was passed instead of a tensor, in words. */
function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) {
    const rows = value.length;
    return Array.isArray(value[0]) ? `a nested JS array (${rows} rows)` : `a JS array of length ${rows}`;
  }
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  return typeof value === "object" ? `an object (${(value as object).constructor?.name ?? "Object"})` : `${typeof value} ${String(value)}`;
}

/** Advice appended to a mismatch: the rank-1 pitfall and the transposed matrix. */
function advice(actual: readonly number[], expected: ExpectedShape): string {
  if (actual.length === 1 && expected.length === 2) {
    const n = actual[0];
    if (expected[1] === 1) return ` — a rank-1 array; reshape it to (${n}, 1)`;
    if (expected[0] === 1) return ` — a rank-1 array; reshape it to (1, ${n})`;
    return " — a rank-1 array; it must be a rank-2 matrix";
  }
  if (actual.length === 2 && expected.length === 2 && shapeMatches([actual[1], actual[0]], expected)) {
    return " — it looks transposed; use .transpose()";
  }
  return "";
}

/**
 * Throws unless `shape` matches `expected` (same rank; wildcards match any size).
 * `context` says why that shape is expected, e.g. "to match X of shape (12288, 209)".
 */
export function checkShape(fnName: string, argName: string, shape: readonly number[], expected: ExpectedShape, context?: string): void {
  if (shapeMatches(shape, expected)) return;
  const why = context ? ` ${context}` : "";
  throw new Error(`${fnName}: ${argName} must have shape ${formatShape(expected)}${why}, got ${formatShape(shape)}${advice(shape, expected)}`);
}

/**
 * Throws a message naming the function, the argument, the expected and the actual shape unless
 * `tensor` is a live tf.Tensor of shape `expected`, e.g.
 * `propagate: w must have shape (12288, 1), got (12288,) — a rank-1 array; reshape it to (12288, 1)`.
 */
export function assertShape(fnName: string, argName: string, tensor: unknown, expected: ExpectedShape, context?: string): asserts tensor is tf.Tensor {
  assertTensor(fnName, argName, tensor, expected);
  checkShape(fnName, argName, tensor.shape, expected, context);
}

/** Throws unless `value` is a tensor that has not been disposed; `expected` only goes into the message. */
export function assertTensor(fnName: string, argName: string, value: unknown, expected: ExpectedShape): asserts value is tf.Tensor {
  if (!isTensor(value)) {
    throw new Error(`${fnName}: ${argName} must be a tf.Tensor of shape ${formatShape(expected)}, got ${describeValue(value)}`);
  }
  if (value.isDisposed) throw new Error(`${fnName}: ${argName} has been disposed; it can no longer be used`);
}
