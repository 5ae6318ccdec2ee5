// @ts-check
/**
 * What a cell's value looks like in its `execute_result`: the object's own `_repr_mimebundle_()`
 * (the course library's display contract, lib/display/mimebundle.ts), a readable tfjs tensor, or
 * `util.inspect` text — the JavaScript counterpart of Python's `repr`.
 */
"use strict";
const util = require("util");

/** @typedef {{ data: Record<string, unknown>, metadata: Record<string, unknown> }} MimeBundle */

const MIME_TYPE = /^[\w\-+.]+\/[\w\-+.]+$/;

/**
 * A tfjs Tensor (or Variable), recognised by shape rather than class: notebooks and the library may
 * load tfjs through different module paths.
 * @param {unknown} value
 * @returns {value is { shape: number[], dtype: string, isDisposed: boolean, toString(verbose?: boolean): string }}
 */
function isTensor(value) {
  if (typeof value !== "object" || value === null) return false;
  const t = /** @type {Record<string, unknown>} */ (value);
  return (
    Array.isArray(t.shape) &&
    typeof t.dtype === "string" &&
    typeof t.rank === "number" &&
    typeof t.dataSync === "function" &&
    typeof t.toString === "function"
  );
}

/**
 * `Tensor float32 [2,3]` and tfjs's own value layout (which elides the middle of large tensors).
 * @param {{ shape: number[], dtype: string, isDisposed: boolean, toString(verbose?: boolean): string }} tensor
 */
function tensorText(tensor) {
  const head = `Tensor ${tensor.dtype} [${tensor.shape.join(",")}]`;
  if (tensor.isDisposed) return `${head} (disposed)`;
  try {
    // tfjs prints "Tensor\n    <values>"; keep the values.
    return `${head}\n${tensor.toString().replace(/^Tensor\n/, "")}`;
  } catch (err) {
    return `${head} (values unavailable: ${/** @type {Error} */ (err).message})`;
  }
}

/**
 * Gives tfjs's Tensor class a `util.inspect` form, so tensors nested in objects and arrays, and
 * `console.log(tensor)`, print like `tensorText` instead of the engine's internals. Done once, as
 * soon as tfjs-core is loaded; a class that already defines its own inspect form is left alone.
 */
class TensorInspection {
  constructor() {
    this.installed = false;
  }

  installIfLoaded() {
    if (this.installed) return;
    for (const [file, mod] of Object.entries(require.cache)) {
      if (!/[\\/]@tensorflow[\\/]tfjs-core[\\/]dist[\\/]/.test(file) || !mod) continue;
      /** @type {unknown} */
      const Tensor = mod.exports?.Tensor;
      if (typeof Tensor !== "function") continue;
      const proto = /** @type {object} */ (Tensor.prototype);
      if (!Object.prototype.hasOwnProperty.call(proto, util.inspect.custom)) {
        Object.defineProperty(proto, util.inspect.custom, {
          value: /** @this {any} */ function inspectTensor() {
            return tensorText(this);
          },
          configurable: true,
          writable: true,
        });
      }
      this.installed = true;
    }
  }
}

/**
 * The mime bundle of a cell's value. `notes` receives a line when an object's own
 * `_repr_mimebundle_()` fails or returns something unusable (the text form is used instead).
 * @param {unknown} value
 * @param {(note: string) => void} notes
 * @returns {MimeBundle}
 */
function mimeBundleOf(value, notes) {
  const obj = /** @type {{ _repr_mimebundle_?: unknown }} */ (value);
  if (typeof value === "object" && value !== null && typeof obj._repr_mimebundle_ === "function") {
    try {
      const bundle = /** @type {{ _repr_mimebundle_(): unknown }} */ (obj)._repr_mimebundle_();
      const checked = checkBundle(bundle);
      if (typeof checked === "string") {
        notes(`_repr_mimebundle_() ${checked}; showing the value's text form instead`);
      } else {
        // Every output needs text/plain (frontends fall back to it); fill it in if the object did not.
        if (typeof checked.data["text/plain"] !== "string") {
          checked.data = { ...checked.data, "text/plain": textOf(value) };
        }
        return checked;
      }
    } catch (err) {
      const what = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      notes(`_repr_mimebundle_() threw ${what}; showing the value's text form instead`);
    }
  }
  return { data: { "text/plain": textOf(value) }, metadata: {} };
}

/** @param {unknown} value */
function textOf(value) {
  return isTensor(value) ? tensorText(value) : util.inspect(value);
}

/**
 * @param {unknown} bundle
 * @returns {MimeBundle | string} the bundle, or what is wrong with it
 */
function checkBundle(bundle) {
  if (typeof bundle !== "object" || bundle === null) return "did not return an object";
  const { data, metadata } = /** @type {{ data?: unknown, metadata?: unknown }} */ (bundle);
  if (typeof data !== "object" || data === null) return "returned no `data` object";
  const entries = Object.entries(data);
  const badKey = entries.find(([mime]) => !MIME_TYPE.test(mime));
  if (badKey) return `returned data key ${JSON.stringify(badKey[0])}, which is not a mime type`;
  const meta = typeof metadata === "object" && metadata !== null ? /** @type {Record<string, unknown>} */ (metadata) : {};
  return { data: /** @type {Record<string, unknown>} */ (data), metadata: meta };
}

module.exports = { mimeBundleOf, textOf, isTensor, tensorText, TensorInspection };
