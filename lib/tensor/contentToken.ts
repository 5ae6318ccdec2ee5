/**
 * A token for a tensor's current values: the same object while the values are unchanged, a new one
 * once they change. The lib keys what it learns about a tensor by it (X was checked for NaN, X is
 * packed for the fast path), so that work is done once per tensor and never outlives the values.
 *
 * On the wasm backend the values cannot change after a tensor is made (they live in its heap;
 * dataSync() returns a copy; tf.Variable.assign gives the variable new data), so the token is the
 * tensor's dataId and getting it costs nothing (a unit test checks the copy on every run). The cpu
 * backend hands out its own array: dataSync() returns it, and a tensor made from a typed array
 * keeps that array, so writing into it changes the tensor in place. There, and on every backend
 * not known to copy (native TensorFlow keeps the arrays of tensors made in JavaScript too), the
 * token is checked against a fingerprint of the values on every call: one pass over the bytes,
 * far cheaper than the checks it saves. The fingerprint (four lanes of a
 * multiply-xor chain, a bijection at each step) changes for any single changed value; several
 * changes could cancel only by a 2⁻³² accident.
 */
import { tf } from "../backend";

/** Backends whose tensor values cannot be written after the tensor is made. */
const IMMUTABLE_BACKENDS = new Set(["wasm"]);

interface Fingerprinted {
  lanes: Int32Array;
  token: object;
}
const fingerprinted = new WeakMap<object, Fingerprinted>();

/** Whether the active backend's tensors can change in place (so tokens are fingerprinted). */
export function valuesCanChange(): boolean {
  return !IMMUTABLE_BACKENDS.has(tf.getBackend());
}

/** Four 32-bit lanes over the bytes of `values`. */
function fingerprint(values: ArrayBufferView): Int32Array {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  const words = Math.floor(bytes.byteLength / 4);
  const aligned = bytes.byteOffset % 4 === 0;
  const w = aligned ? new Int32Array(bytes.buffer, bytes.byteOffset, words) : new Int32Array(bytes.slice(0, words * 4).buffer);
  const P = 0x01000193; // FNV's 32-bit prime (odd: multiplying by it is a bijection mod 2³²)
  let h0 = 0x811c9dc5 | 0, h1 = 0x1b873593, h2 = 0x27d4eb2f, h3 = 0x165667b1;
  const whole = words & ~3;
  for (let i = 0; i < whole; i += 4) {
    h0 = Math.imul(h0 ^ w[i], P);
    h1 = Math.imul(h1 ^ w[i + 1], P);
    h2 = Math.imul(h2 ^ w[i + 2], P);
    h3 = Math.imul(h3 ^ w[i + 3], P);
  }
  for (let i = whole; i < words; i++) h0 = Math.imul(h0 ^ w[i], P);
  for (let i = words * 4; i < bytes.byteLength; i++) h1 = Math.imul(h1 ^ bytes[i], P);
  return Int32Array.of(h0, h1, h2, h3, bytes.byteLength);
}

const sameLanes = (a: Int32Array, b: Int32Array) => a.length === b.length && a.every((v, i) => v === b[i]);

/** The token of `t`'s current values (see the module comment). */
export function contentToken(t: tf.Tensor): object {
  const dataId = t.dataId as object;
  if (!valuesCanChange()) return dataId;
  const values = t.dataSync() as unknown as ArrayBufferView; // the cpu backend's own array: no copy
  if (!ArrayBuffer.isView(values)) return {}; // strings: never cached
  const lanes = fingerprint(values);
  const known = fingerprinted.get(dataId);
  if (known && sameLanes(known.lanes, lanes)) return known.token;
  const fresh = { lanes, token: {} };
  fingerprinted.set(dataId, fresh);
  return fresh.token;
}
