/**
 * The lessons' verdicts: a check that passes prints one "✔ …" line, a check that fails throws a
 * CheckFailure that says what was checked, what was expected and what came out, so the cell fails
 * and `npm test`, `npm start` and CI name the lesson and the cell. Lesson computations go through
 * `expectClose` / `expectEqual` / `expectBelow` / `expectAbove`; the learner's answers to a
 * "Check yourself" go through `checkAnswer`, which also tells a blank (NaN, "") from a wrong answer
 * and does not give the answer away for a blank.
 */
import { tf } from "../backend";
import { CheckFailure, FLOAT32, close, flatten, type Tolerance } from "../check/compare";
import { formatShape, isTensor, sameShape } from "../tensor/assertShape";
import { multiIndex } from "../tensor/assertFinite";

/** A JS array of numbers, possibly nested (one level per axis, as tensor.arraySync() writes it). */
export type NestedNumbers = number | readonly NestedNumbers[];

/** Numbers to compare: a number, a flat or nested JS array, a typed array, or a tensor. */
export type Numbers = number | ArrayLike<number> | readonly NestedNumbers[] | tf.Tensor;

/** What an answer may be: numbers, or a string (e.g. a shape written like nn.formatShape writes it). */
export type Answer = Numbers | string;

/**
 * Answers are typed by hand: anything within 1e-3 (plus 1e-4 relative) counts, so an answer rounded
 * to 3 decimals passes.
 */
export const ANSWER_TOLERANCE: Readonly<Tolerance> = Object.freeze({ rtol: 1e-4, atol: 1e-3 });

interface Flat {
  values: ArrayLike<number>;
  /** The shape, for tensors and nested arrays of rank ≥ 2; undefined for numbers and flat arrays. */
  shape?: readonly number[];
}

function flat(x: Numbers): Flat {
  if (typeof x === "number") return { values: [x] };
  if (isTensor(x)) return { values: x.dataSync(), shape: x.shape };
  if (Array.isArray(x) && x.some(Array.isArray)) {
    const nested = flatten(x);
    return { values: nested.values, shape: nested.shape };
  }
  return { values: x as ArrayLike<number> };
}

/** A number as a lesson prints it: integers as written in TypeScript (3, not 3.0), others to 8 digits. */
function formatNumber(x: number): string {
  return Number.isInteger(x) || !Number.isFinite(x) ? String(x) : String(Number(x.toPrecision(8)));
}

/** At most `limit` values, nested by `shape` ("…" for the rest). */
function formatValues(values: ArrayLike<number>, shape: readonly number[], limit: number): string {
  let count = 0;
  const build = (offset: number, axis: number): string => {
    if (axis === shape.length) return formatNumber(values[offset]);
    const stride = shape.slice(axis + 1).reduce((p, q) => p * q, 1);
    const parts: string[] = [];
    for (let i = 0; i < shape[axis]; i++) {
      if (count >= limit) {
        parts.push("…");
        break;
      }
      if (axis === shape.length - 1) count++;
      parts.push(build(offset + i * stride, axis + 1));
    }
    return `[${parts.join(", ")}]`;
  };
  return build(0, 0);
}

/** The values for a message: a number alone, else nested by shape, at most 6 of them (`limit`). */
function shown(x: Flat, limit = 6): string {
  if (x.values.length === 1 && !x.shape) return formatNumber(x.values[0]);
  const shape = x.shape ?? [x.values.length];
  return shape.length === 0 ? formatNumber(x.values[0]) : formatValues(x.values, shape, limit);
}

const allNaN = (values: ArrayLike<number>) => values.length > 0 && Array.prototype.every.call(values, Number.isNaN);

/**
 * Throws unless `actual` and `expected` agree entry by entry within `tol` (default: float32 against
 * a float64 value, 1e-5 relative and 1e-6 absolute). Tensors and nested arrays must also have the
 * same shape; flat arrays the same length. Prints "✔ what: actual" when they agree.
 */
export function expectClose(what: string, actual: Numbers, expected: Numbers, tol: Partial<Tolerance> = {}): void {
  const problem = closeProblem(actual, expected, { ...FLOAT32, ...tol });
  if (problem) throw new CheckFailure(`✘ ${what}: ${problem}`);
  console.log(`✔ ${what}: ${shown(flat(actual))}`);
}

/** Why `actual` is not close to `expected`, or undefined when it is. */
/** Why `actual` is not close to `expected`, or undefined when it is; `got` names the actual side. */
function closeProblem(actual: Numbers, expected: Numbers, tol: Tolerance, got = "got"): string | undefined {
  const have = flat(actual);
  const want = flat(expected);
  const both = `\n  expected: ${shown(want, 12)}\n  ${`${got}:`.padEnd(9)} ${shown(have, 12)}`;
  if (have.shape && want.shape && !sameShape(have.shape, want.shape)) {
    return `expected shape ${formatShape(want.shape)}, ${got} ${formatShape(have.shape)}${both}`;
  }
  if (have.values.length !== want.values.length) {
    return `expected ${want.values.length} values, ${got} ${have.values.length}${both}`;
  }
  const bad = Array.prototype.findIndex.call(want.values, (v: number, i: number) => !close(have.values[i], v, tol));
  if (bad < 0) return undefined;
  const allowed = `allowed difference ${formatNumber(tol.atol + tol.rtol * Math.abs(want.values[bad]))}`;
  if (want.values.length === 1) return `expected ${shown(want)}, ${got} ${shown(have)} (${allowed})`;
  const at = multiIndex(bad, want.shape ?? [want.values.length]).join(", ");
  return `first difference at [${at}]: expected ${formatNumber(want.values[bad])}, ${got} ${formatNumber(have.values[bad])} (${allowed})${both}`;
}

type Plain = string | number | boolean | null | undefined | readonly Plain[];

function plainText(x: Plain): string {
  return typeof x === "string" ? JSON.stringify(x) : Array.isArray(x) ? `[${x.map(plainText).join(", ")}]` : String(x);
}

const samePlain = (a: Plain, b: Plain): boolean =>
  Array.isArray(a) && Array.isArray(b) ? a.length === b.length && a.every((v, i) => samePlain(v, b[i])) : Object.is(a, b);

/** Throws unless `actual` equals `expected` exactly (strings, numbers, booleans, arrays of them such as shapes). */
export function expectEqual(what: string, actual: Plain, expected: Plain): void {
  if (!samePlain(actual, expected)) throw new CheckFailure(`✘ ${what}: expected ${plainText(expected)}, got ${plainText(actual)}`);
  console.log(`✔ ${what}: ${plainText(actual)}`);
}

/** Throws unless `actual` < `limit`, e.g. a cost that must have gone down, an error that must be small. */
export function expectBelow(what: string, actual: number, limit: number): void {
  if (!(actual < limit)) throw new CheckFailure(`✘ ${what}: expected a value below ${formatNumber(limit)}, got ${formatNumber(actual)}`);
  console.log(`✔ ${what}: ${formatNumber(actual)} (below ${formatNumber(limit)})`);
}

/** Throws unless `actual` > `limit`. */
export function expectAbove(what: string, actual: number, limit: number): void {
  if (!(actual > limit)) throw new CheckFailure(`✘ ${what}: expected a value above ${formatNumber(limit)}, got ${formatNumber(actual)}`);
  console.log(`✔ ${what}: ${formatNumber(actual)} (above ${formatNumber(limit)})`);
}

/**
 * The learner's answer to a "Check yourself" against the right one. A blank — NaN, all NaN, or the
 * empty string, as the learner's copy of a lesson hands it out — fails with "not answered yet" and
 * without the answer; a wrong answer fails with the expected value and the learner's. Numbers
 * count as right within `tol` (default ANSWER_TOLERANCE), strings must match exactly.
 */
export function checkAnswer(what: string, answer: Answer, expected: Answer, tol: Partial<Tolerance> = {}): void {
  if (typeof answer === "string" || typeof expected === "string") {
    if (answer === "") throw new CheckFailure(`✘ ${what}: not answered yet — write your answer in the "" blank above`);
    if (answer !== expected) throw new CheckFailure(`✘ ${what}: expected ${plainText(expected as Plain)}, yours ${plainText(answer as Plain)}`);
    console.log(`✔ ${what}: ${plainText(answer as Plain)}`);
    return;
  }
  const yours = flat(answer);
  if (allNaN(yours.values) && !allNaN(flat(expected).values)) {
    throw new CheckFailure(`✘ ${what}: not answered yet — replace the NaN blank above with your answer`);
  }
  const problem = closeProblem(answer, expected, { ...ANSWER_TOLERANCE, ...tol }, "yours");
  if (problem) throw new CheckFailure(`✘ ${what}: ${problem}`);
  console.log(`✔ ${what}: ${shown(yours)}`);
}
