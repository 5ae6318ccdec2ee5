/**
 * The student process's side of the value codec (grading/protocol.ts): what the student's
 * function returned, as JSON data. Tensors are read out (shape, dtype, values); anything that is
 * not data (a function, a class instance, a cycle) is described in words.
 */
import type { Encoded } from "../protocol";

/** Larger values are described, not sent (a runaway result must not flood the grader). */
const MAX_NUMBERS = 4_000_000;
const MAX_DEPTH = 32;

interface TensorLike {
  shape: number[];
  dtype: string;
  isDisposed: boolean;
  dataSync(): ArrayLike<number>;
}

function encodeNumber(x: number): Encoded {
  if (Number.isFinite(x)) return Object.is(x, -0) ? 0 : x;
  return { $: "number", value: Number.isNaN(x) ? "NaN" : x > 0 ? "Infinity" : "-Infinity" };
}

export function encodeValue(value: unknown, isTensor: (v: unknown) => v is TensorLike): Encoded {
  let budget = MAX_NUMBERS;
  const seen = new Set<object>();
  const visit = (v: unknown, depth: number): Encoded => {
    if (v === undefined) return { $: "undefined" };
    if (v === null || typeof v === "boolean" || typeof v === "string") return typeof v === "string" && v.length > 100_000 ? { $: "opaque", what: `a string of ${v.length} characters` } : v;
    if (typeof v === "number") return encodeNumber(v);
    if (typeof v === "function") return { $: "opaque", what: `a function${v.name ? ` (${v.name})` : ""}` };
    if (typeof v !== "object") return { $: "opaque", what: `a ${typeof v}` };
    if (depth > MAX_DEPTH) return { $: "opaque", what: "a value nested too deeply" };
    if (isTensor(v)) {
      if (v.isDisposed) return { $: "tensor", shape: [...v.shape], dtype: String(v.dtype), values: [], disposed: true };
      if (v.dtype === "string" || v.dtype === "complex64") return { $: "opaque", what: `a ${v.dtype} tensor of shape [${v.shape.join(", ")}]` };
      const data = v.dataSync();
      budget -= data.length;
      if (budget < 0) return { $: "opaque", what: `a tensor of shape [${v.shape.join(", ")}], too large to send` };
      const values: Encoded[] = new Array(data.length);
      for (let i = 0; i < data.length; i++) values[i] = Number.isFinite(data[i]) ? data[i] : (encodeNumber(data[i]) as { value: string }).value;
      return { $: "tensor", shape: [...v.shape], dtype: String(v.dtype), values };
    }
    if (seen.has(v)) return { $: "opaque", what: "a cyclic object" };
    seen.add(v);
    try {
      if (Array.isArray(v)) {
        budget -= v.length;
        if (budget < 0) return { $: "opaque", what: `an array of length ${v.length}, too large to send` };
        return v.map((x) => visit(x, depth + 1));
      }
      const proto = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) {
        const name = (proto?.constructor as { name?: string } | undefined)?.name ?? "an object";
        const length = ArrayBuffer.isView(v) ? ` of length ${(v as unknown as ArrayLike<number>).length}` : "";
        return { $: "opaque", what: `a ${name}${length} (not a tensor, number, array or plain object)` };
      }
      const entries: { [key: string]: Encoded } = {};
      for (const key of Object.keys(v)) entries[key] = visit((v as Record<string, unknown>)[key], depth + 1);
      return "$" in entries ? { $: "object", entries } : entries;
    } finally {
      seen.delete(v);
    }
  };
  return visit(value, 0);
}
