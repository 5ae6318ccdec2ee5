/**
 * What a cell's value looks like in its `execute_result`: the object's own `_repr_mimebundle_()`
 * (the display contract of the course library and IPython), else `util.inspect` text — the
 * JavaScript counterpart of Python's `repr` (a library can give its classes an
 * `util.inspect.custom` form: the course library does for tfjs tensors).
 */
import * as util from "util";
import type { MimeBundle } from "../shared/messages";

const MIME_TYPE = /^[\w\-+.]+\/[\w\-+.]+$/;

/**
 * The mime bundle of a value. `notes` receives a line when an object's `_repr_mimebundle_()`
 * fails or returns something unusable (the text form is used instead).
 */
export function mimeBundleOf(value: unknown, notes: (note: string) => void): MimeBundle {
  const obj = value as { _repr_mimebundle_?: unknown };
  if (typeof value === "object" && value !== null && typeof obj._repr_mimebundle_ === "function") {
    try {
      const checked = checkBundle((obj as { _repr_mimebundle_(): unknown })._repr_mimebundle_());
      if (typeof checked === "string") {
        notes(`_repr_mimebundle_() ${checked}; showing the value's text form instead`);
      } else {
        // Every output needs text/plain (frontends fall back to it); fill it in if the object did not.
        if (typeof checked.data["text/plain"] !== "string") checked.data = { ...checked.data, "text/plain": util.inspect(value) };
        return checked;
      }
    } catch (err) {
      const what = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      notes(`_repr_mimebundle_() threw ${what}; showing the value's text form instead`);
    }
  }
  return { data: { "text/plain": util.inspect(value) }, metadata: {} };
}

/** The bundle, or what is wrong with it. */
export function checkBundle(bundle: unknown): MimeBundle | string {
  if (typeof bundle !== "object" || bundle === null) return "did not return an object";
  const { data, metadata } = bundle as { data?: unknown; metadata?: unknown };
  if (typeof data !== "object" || data === null) return "returned no `data` object";
  const badKey = Object.keys(data).find((mime) => !MIME_TYPE.test(mime));
  if (badKey !== undefined) return `returned data key ${JSON.stringify(badKey)}, which is not a mime type`;
  const meta = typeof metadata === "object" && metadata !== null ? (metadata as Record<string, unknown>) : {};
  return { data: data as Record<string, unknown>, metadata: meta };
}
