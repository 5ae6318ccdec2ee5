/**
 * Shape checks with messages a student can act on (worded in lib/messages.ts). The course's most
 * common bug is the rank-1 array (`(n,)` where `(n, 1)` is meant), so that case gets its own advice.
 */
import { tf } from "../backend";
import * as message from "../messages";
import type { Dim } from "../messages";

export type { Dim } from "../messages";
export type ExpectedShape = readonly Dim[];
export { formatShape } from "../messages";

/** True for tfjs tensors (duck-typed too, so a second tfjs copy's tensors still count). */
export function isTensor(value: unknown): value is tf.Tensor {
  if (value instanceof tf.Tensor) return true;
  const v = value as { shape?: unknown; dtype?: unknown; dataSync?: unknown } | null;
  return typeof v === "object" && v !== null && Array.isArray(v.shape) && typeof v.dtype === "string" && typeof v.dataSync === "function";
}

/** Exactly the same shape (no wildcards): same rank, same size on every axis. */
export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

const isWildcard = (d: Dim) => d === null || d === -1;

/** `actual` against `expected`, where a `null` / `-1` dimension of `expected` matches any size. */
export function shapeMatches(actual: readonly number[], expected: ExpectedShape): boolean {
  return actual.length === expected.length && expected.every((d, i) => isWildcard(d) || d === actual[i]);
}

/**
 * Throws unless `shape` matches `expected` (same rank; wildcards match any size).
 * `context` says why that shape is expected, e.g. "to match X of shape (12288, 209)".
 */
export function checkShape(fnName: string, argName: string, shape: readonly number[], expected: ExpectedShape, context?: string): void {
  if (shapeMatches(shape, expected)) return;
  throw new Error(message.wrongShape(fnName, argName, expected, shape, context));
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
  if (!isTensor(value)) throw new Error(message.notATensor(fnName, argName, expected, value));
  if (value.isDisposed) throw new Error(message.disposed(fnName, argName));
}
