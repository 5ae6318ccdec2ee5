/**
 * What the trusted grader and a student process tell each other, and how values cross between
 * them. Both sides import this file; it has no runtime dependencies.
 *
 * The grader (trusted) sends requests on the student process's stdin, one JSON object a line; the
 * student process answers each request with exactly one reply, one JSON object a line on fd 3.
 * Anything else that arrives on fd 3 — a reply nobody asked for, a wrong seq, bad JSON, an unknown
 * type, an oversized line — is tampering: the grader fails the exercise it was grading and stops
 * that process. Replies carry data only (values as `Encoded`); the grader decides what they are
 * worth with its own checks and expected values, which never enter the student process.
 */

export const PROTOCOL_VERSION = 2;

/** Longest reply line the grader reads (a reply past it is tampering or a runaway value). */
export const MAX_REPLY_BYTES = 64 * 1024 * 1024;

/**
 * A value as JSON. Plain JSON stands for itself, except objects with a "$" key, which encode what
 * JSON cannot hold: tensors, non-finite numbers, undefined, functions, and objects that
 * themselves have a "$" key.
 */
export type Encoded = null | boolean | number | string | Encoded[] | { [key: string]: Encoded };

export type Special =
  | { $: "tensor"; shape: number[]; dtype: string; values: (number | string)[]; disposed?: boolean }
  | { $: "number"; value: "NaN" | "Infinity" | "-Infinity" | "-0" }
  | { $: "undefined" }
  | { $: "opaque"; what: string }
  | { $: "object"; entries: { [key: string]: Encoded } };

/** The cells an exercise needs, compiled (grading/prepare.ts), in notebook order. */
export interface CellRef {
  /** How feedback names the cell: "the sigmoid cell (grade_id sigmoid)". */
  label: string;
  moduleName: string;
  /** Path of the compiled cell inside the student's view. */
  file: string;
}

/** Library routines an exercise may not call (its own, or one that does its whole work). */
export interface Forbidden {
  /** Export names of lib modules: "softmax", "propagate", … */
  lib: string[];
  /** tfjs kernel names: "Softmax", "Sigmoid". */
  kernels: string[];
}

export type Request =
  | {
      t: "exercise";
      seq: number;
      exerciseId: string;
      /** The function (or value) under test, and the cell module that defines it. */
      name: string;
      module: string;
      kind: "function" | "value";
      cells: CellRef[];
      forbidden: Forbidden;
    }
  | { t: "call"; seq: number; args: Encoded[] }
  | { t: "value"; seq: number }
  /** Answered once every earlier reply is out: a reply forged ahead of a real one shows up here. */
  | { t: "sync"; seq: number };

/** After a call: was each tensor argument disposed or changed by the student's function? */
export interface ArgState {
  disposed: boolean;
  changed: boolean;
}

export type Reply =
  | { t: "hello"; seq: 0; protocol: number; backend: string }
  | { t: "ready"; seq: number; typeOf: string }
  | { t: "synced"; seq: number }
  | { t: "cell-error"; seq: number; label: string; message: string }
  | { t: "returned"; seq: number; value: Encoded; printed: string[]; args: ArgState[]; forbiddenCalls: string[]; ms: number }
  | { t: "threw"; seq: number; error: string; printed: string[]; args: ArgState[]; forbiddenCalls: string[]; ms: number };

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === "string");
const isArgStates = (v: unknown): v is ArgState[] =>
  Array.isArray(v) && v.every((a) => a !== null && typeof a === "object" && typeof a.disposed === "boolean" && typeof a.changed === "boolean");

/** The reply's shape is right for its type (the grader reads nothing it has not validated). */
export function isReply(message: unknown): message is Reply {
  if (message === null || typeof message !== "object" || Array.isArray(message)) return false;
  const m = message as Record<string, unknown>;
  if (typeof m.seq !== "number" || !Number.isInteger(m.seq)) return false;
  switch (m.t) {
    case "hello":
      return m.seq === 0 && typeof m.protocol === "number" && typeof m.backend === "string";
    case "ready":
      return typeof m.typeOf === "string";
    case "synced":
      return true;
    case "cell-error":
      return typeof m.label === "string" && typeof m.message === "string";
    case "returned":
    case "threw":
      return (
        (m.t === "returned" ? "value" in m : typeof m.error === "string") &&
        isStringArray(m.printed) &&
        isArgStates(m.args) &&
        isStringArray(m.forbiddenCalls) &&
        typeof m.ms === "number"
      );
    default:
      return false;
  }
}
