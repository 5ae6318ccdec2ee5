/**
 * Σ a[i]·b[i] of two arrays of equal length in JavaScript (float64 arithmetic): the lib's dot
 * product where the WebAssembly kernel cannot run in place (plain arrays, the cpu backend's values).
 */

// Σ a[i]·b[i] with four accumulators (independent additions run in parallel). One copy per array
// type, so each stays monomorphic: V8 compiles each for a single element type.
function dotFloat32(a: Float32Array, b: Float32Array): number {
  const whole = a.length & ~3; // a loop bound V8 can see is ≤ length: no bounds checks
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  for (let i = 0; i < whole; i += 4) {
    s0 += a[i] * b[i];
    s1 += a[i + 1] * b[i + 1];
    s2 += a[i + 2] * b[i + 2];
    s3 += a[i + 3] * b[i + 3];
  }
  for (let i = whole; i < a.length; i++) s0 += a[i] * b[i];
  return s0 + s1 + (s2 + s3);
}
function dotFloat64(a: Float64Array, b: Float64Array): number {
  const whole = a.length & ~3; // a loop bound V8 can see is ≤ length: no bounds checks
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  for (let i = 0; i < whole; i += 4) {
    s0 += a[i] * b[i];
    s1 += a[i + 1] * b[i + 1];
    s2 += a[i + 2] * b[i + 2];
    s3 += a[i + 3] * b[i + 3];
  }
  for (let i = whole; i < a.length; i++) s0 += a[i] * b[i];
  return s0 + s1 + (s2 + s3);
}
function dotGeneric(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
export function dotArrays(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a instanceof Float32Array && b instanceof Float32Array) return dotFloat32(a, b);
  if (a instanceof Float64Array && b instanceof Float64Array) return dotFloat64(a, b);
  return dotGeneric(a, b);
}
