/**
 * The trusted side of the value codec (grading/protocol.ts): arguments for the student's function
 * are built here from fixture data, and what the student process sends back is decoded into plain
 * data — numbers, strings, arrays, null-prototype objects, TensorSnapshot, OpaqueValue — that the
 * checks compare with lib/check/compare.ts. Decoding validates everything; a malformed value is
 * tampering (DecodeError).
 */
import { flatten, OpaqueValue, TensorSnapshot } from "../lib/check/compare";
import type { Encoded } from "./protocol";

export class DecodeError extends Error {}

const MAX_DEPTH = 64;

/** A number that JSON cannot hold, encoded. */
function encodeNumber(x: number): Encoded {
  if (Number.isFinite(x)) return x;
  return { $: "number", value: Number.isNaN(x) ? "NaN" : x > 0 ? "Infinity" : "-Infinity" };
}

/** A tensor argument from nested arrays (fixture data): float32 unless told otherwise. */
export function tensorArg(nested: unknown, dtype: "float32" | "int32" | "bool" = "float32"): Encoded {
  const { values, shape } = flatten(nested);
  if (values.length !== shape.reduce((a, b) => a * b, 1)) throw new Error(`tensorArg: ragged nested arrays (shape [${shape.join(", ")}], ${values.length} values)`);
  return { $: "tensor", shape, dtype, values: values.map((v) => encodeNumber(v) as number | string) as Encoded[] };
}

/** A plain argument (a number, an options object …), encoded. */
export function plainArg(value: unknown): Encoded {
  if (value === undefined) return { $: "undefined" };
  if (typeof value === "number") return encodeNumber(value);
  if (value === null || typeof value === "boolean" || typeof value === "string") return value;
  if (Array.isArray(value)) return value.map(plainArg);
  if (typeof value === "object") {
    const entries: { [key: string]: Encoded } = {};
    for (const [k, v] of Object.entries(value as object)) entries[k] = plainArg(v);
    return "$" in entries ? { $: "object", entries } : entries;
  }
  throw new Error(`plainArg: cannot send ${typeof value}`);
}

function specialNumber(value: unknown): number {
  switch (value) {
    case "NaN":
      return NaN;
    case "Infinity":
      return Infinity;
    case "-Infinity":
      return -Infinity;
    case "-0":
      return -0;
    default:
      throw new DecodeError(`unknown number encoding ${JSON.stringify(value)}`);
  }
}

function decodeTensor(e: Record<string, unknown>): TensorSnapshot {
  const { shape, dtype, values, disposed } = e;
  if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0) || shape.length > 8) throw new DecodeError("bad tensor shape");
  if (typeof dtype !== "string" || dtype.length > 16) throw new DecodeError("bad tensor dtype");
  if (!Array.isArray(values)) throw new DecodeError("bad tensor values");
  const size = (shape as number[]).reduce((a, b) => a * b, 1);
  if (disposed === true) return new TensorSnapshot(shape as number[], dtype, [], true);
  if (values.length !== size) throw new DecodeError(`tensor of shape [${shape.join(", ")}] with ${values.length} values`);
  const numbers = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    const v = values[i];
    numbers[i] = typeof v === "number" ? v : specialNumber(v);
  }
  return new TensorSnapshot(shape as number[], dtype, numbers);
}

function decodeEntries(entries: unknown, depth: number): Record<string, unknown> {
  if (entries === null || typeof entries !== "object" || Array.isArray(entries)) throw new DecodeError("bad object entries");
  const out = Object.create(null) as Record<string, unknown>;
  for (const [k, v] of Object.entries(entries)) {
    Object.defineProperty(out, k, { value: decode(v as Encoded, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** What the student's function returned, as data the checks can compare. */
export function decode(e: Encoded, depth = 0): unknown {
  if (depth > MAX_DEPTH) throw new DecodeError("value nested too deeply");
  if (e === null || typeof e === "boolean" || typeof e === "string") return e;
  if (typeof e === "number") {
    if (!Number.isFinite(e)) throw new DecodeError("non-finite number in JSON");
    return e;
  }
  if (Array.isArray(e)) return e.map((v) => decode(v, depth + 1));
  if (typeof e !== "object") throw new DecodeError(`unexpected ${typeof e}`);
  if (!("$" in e)) return decodeEntries(e, depth);
  const special = e as Record<string, unknown>;
  switch (special.$) {
    case "tensor":
      return decodeTensor(special);
    case "number":
      return specialNumber(special.value);
    case "undefined":
      return undefined;
    case "opaque":
      if (typeof special.what !== "string") throw new DecodeError("bad opaque value");
      return new OpaqueValue(special.what.slice(0, 200));
    case "object":
      return decodeEntries(special.entries, depth);
    default:
      throw new DecodeError(`unknown value type ${JSON.stringify(special.$)}`);
  }
}
