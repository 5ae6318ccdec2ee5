/**
 * Every message of the library's argument errors, in one place (as Vega-Lite keeps its messages in
 * src/log/message.ts): wrong shapes and the rank-1 pitfall, disposed tensors, bad arguments. Each
 * names the function and the argument, and for shapes both the expected and the actual one, in
 * numpy's notation. Callers throw them: `throw new Error(message.wrongShape(…))`.
 *
 * No tfjs here: the grader builds its messages from this file without loading a backend.
 */

/** An expected dimension: a size, or `null` / `-1` for "any size". */
export type Dim = number | null;

function isWildcard(d: Dim): boolean {
  return d === null || d === -1;
}

/** numpy's way of writing a shape: `(12288, 1)`, `(12288,)`, `()`; wildcards print as `?`. */
export function formatShape(shape: readonly Dim[]): string {
  const dims = shape.map((d) => (isWildcard(d) ? "?" : String(d)));
  return dims.length === 1 ? `(${dims[0]},)` : `(${dims.join(", ")})`;
}

/** What was passed instead of what was asked for, in words: `a JS array of length 3`, `undefined`. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) {
    const rows = value.length;
    return Array.isArray(value[0]) ? `a nested JS array (${rows} rows)` : `a JS array of length ${rows}`;
  }
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  if (typeof value === "string") return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === "function") return "a function";
  return typeof value === "object" ? `an object (${(value as object).constructor?.name ?? "Object"})` : `${typeof value} ${String(value)}`;
}

// ---------------------------------------------------------------------------------------------
// Bad arguments

/** The one form of a bad-argument error: `timeit: repeats must be a positive integer, got 0`. */
export function mustBe(fnName: string, argName: string, requirement: string, got?: string): string {
  return `${fnName}: ${argName} must be ${requirement}${got === undefined ? "" : `, got ${got}`}`;
}

/** `fn: arg must be a tf.Tensor of shape (?, ?), got a nested JS array (2 rows)`. */
export function notATensor(fnName: string, argName: string, expected: readonly Dim[], value: unknown): string {
  return mustBe(fnName, argName, `a tf.Tensor of shape ${formatShape(expected)}`, describeValue(value));
}

/** A number argument that is NaN, ±Infinity, a tensor or a string. */
export function notAFiniteNumber(fnName: string, argName: string, value: unknown): string {
  if (typeof value !== "number") {
    const hint = typeof value === "object" && value !== null && "dataSync" in value ? " (for a scalar tensor t, pass t.dataSync()[0])" : "";
    return mustBe(fnName, argName, "a number", `${typeof value}${hint}`);
  }
  return mustBe(fnName, argName, "a finite number", String(value));
}

/** NaN / Infinity inside a tensor: how many, and where the first one is. */
export function notFinite(fnName: string, argName: string, nan: number, infinite: number, firstIndex?: readonly number[]): string {
  const what = [nan ? `${nan} NaN` : "", infinite ? `${infinite} infinite` : ""].filter(Boolean).join(" and ");
  const at = firstIndex === undefined ? "" : `, the first at index [${firstIndex.join(", ")}]`;
  return `${fnName}: ${argName} contains ${what} value${nan + infinite === 1 ? "" : "s"}${at}; inputs must be finite`;
}

/** Labels outside [0, 1] (255 or -1 means a mix-up): the first bad one and where it is. */
export function notLabels(fnName: string, argName: string, value: number, index: readonly number[]): string {
  return `${fnName}: ${argName} must hold labels in [0, 1] (the course uses 0 and 1), got ${value} at index [${index.join(", ")}]`;
}

// ---------------------------------------------------------------------------------------------
// Disposed tensors

/** A disposed tensor passed in. */
export function disposed(fnName: string, argName: string): string {
  return `${fnName}: ${argName} has been disposed; it can no longer be used`;
}

/** A checked function returned a tensor it had disposed. */
export function returnedDisposed(what: string): string {
  return `${what}: the returned tensor has already been disposed (return it from tf.tidy instead of disposing it)`;
}

/** A checked function disposed a tensor it was given; `what` names the call (and the argument, when known). */
export function disposedItsArgument(what: string, argName?: string): string {
  return `${what} disposed its argument${argName ? ` ${argName}` : ""}; a function must not dispose its arguments (tf.tidy disposes only what it creates)`;
}

// ---------------------------------------------------------------------------------------------
// Shapes

/**
 * The fix appended to a shape mismatch, or "": the rank-1 array (the course's most common bug:
 * `(n,)` where `(n, 1)` is meant) gets its reshape spelled out, a matrix the wrong way round
 * gets `.transpose()`.
 */
export function shapeAdvice(actual: readonly number[], expected: readonly Dim[]): string {
  if (actual.length === 1 && expected.length === 2) {
    const n = actual[0];
    if (expected[1] === 1) return ` — a rank-1 array; reshape it to (${n}, 1)`;
    if (expected[0] === 1) return ` — a rank-1 array; reshape it to (1, ${n})`;
    return " — a rank-1 array; it must be a rank-2 matrix";
  }
  const fits = (d: number, e: Dim) => isWildcard(e) || d === e;
  const reversedFits = actual.length === 2 && expected.length === 2 && fits(actual[1], expected[0]) && fits(actual[0], expected[1]);
  const asIs = actual.length === 2 && expected.length === 2 && fits(actual[0], expected[0]) && fits(actual[1], expected[1]);
  return reversedFits && !asIs ? " — it looks transposed; use .transpose()" : "";
}

/** `fn: arg must have shape (n, 1) to match X of shape (n, m), got (n,) — a rank-1 array; reshape it to (n, 1)`. */
export function wrongShape(fnName: string, argName: string, expected: readonly Dim[], actual: readonly number[], context?: string): string {
  const why = context ? ` ${context}` : "";
  return `${fnName}: ${argName} must have shape ${formatShape(expected)}${why}, got ${formatShape(actual)}${shapeAdvice(actual, expected)}`;
}

/** Two arguments that must have the same shape and do not (no broadcasting where it would hide a bug). */
export function shapesDiffer(fnName: string, a: string, aShape: readonly number[], b: string, bShape: readonly number[]): string {
  return `${fnName}: ${a} and ${b} must have the same shape, got ${a} ${formatShape(aShape)} and ${b} ${formatShape(bShape)}`;
}

/** Two matrices that must agree on n_x (rows, features) and do not; `why` says what each needs. */
export function disagreeOnNx(fnName: string, a: string, aShape: readonly number[], b: string, bShape: readonly number[], why: string): string {
  return `${fnName}: ${a} of shape ${formatShape(aShape)} and ${b} of shape ${formatShape(bShape)} disagree on n_x: ${why}`;
}
