/**
 * NaN / Infinity guards: a NaN pixel or a diverged parameter should stop with a message naming
 * the function, not come out as a cost of NaN a hundred iterations later.
 */
import { tf } from "../backend";
import * as message from "../messages";
import { contentToken } from "./contentToken";

/** Row-major flat index -> `[i, j, ...]` (also used by lib/check to point at a wrong value). */
export function multiIndex(flat: number, shape: readonly number[]): number[] {
  const index = new Array<number>(shape.length);
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    index[axis] = flat % shape[axis];
    flat = Math.floor(flat / shape[axis]);
  }
  return index;
}

/** Throws unless `value` is a finite JS number (not NaN, not ±Infinity, not a tensor or string). */
export function assertFiniteNumber(fnName: string, argName: string, value: unknown): asserts value is number {
  if (typeof value !== "number" || !Number.isFinite(value)) throw new Error(message.notAFiniteNumber(fnName, argName, value));
}

/** Tensors of up to this many entries are checked in JavaScript (cheaper than two ops and a read-back). */
const SCAN_MAX = 1 << 16;

function everyFinite(values: Float32Array): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return false;
  return true;
}

/** Tensors' values (by contentToken) already found finite. */
const knownFinite = new WeakSet<object>();

/**
 * Throws unless every entry of `tensor` is finite. The check runs once per tensor's values: a
 * tensor found finite is not read again until its values change (lib/tensor/contentToken). It runs
 * on the backend for a large tensor (one boolean is read back), in JavaScript for a small one. Only when the check fails is the data read to say how many
 * entries are bad and where the first is. `token`: the tensor's content token, when the caller has it.
 */
export function assertFinite(fnName: string, argName: string, tensor: tf.Tensor, token?: object): void {
  if (tensor.dtype !== "float32") return; // int32 / bool / string cannot hold NaN
  const key = token ?? contentToken(tensor);
  if (knownFinite.has(key)) return;
  // A small tensor (a w that changes every iteration) is scanned here; a large one on the backend.
  const allFinite =
    tensor.size <= SCAN_MAX ? everyFinite(tensor.dataSync() as Float32Array) : tf.tidy(() => tf.all(tf.isFinite(tensor)).dataSync()[0]);
  if (allFinite) {
    knownFinite.add(key);
    return;
  }
  const values = tensor.dataSync();
  let nan = 0;
  let inf = 0;
  let first = -1;
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (Number.isNaN(v)) nan++;
    else if (!Number.isFinite(v)) inf++;
    else continue;
    if (first < 0) first = k;
  }
  throw new Error(message.notFinite(fnName, argName, nan, inf, tensor.rank === 0 ? undefined : multiIndex(first, tensor.shape)));
}
