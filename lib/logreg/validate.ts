/**
 * Argument checks shared by the logistic-regression routines, in the course's notation:
 * w (n_x, 1), X (n_x, m), Y (1, m). Every message names the calling function and the shapes.
 */
import { tf } from "../backend";
import * as message from "../messages";
import { assertTensor, checkShape, formatShape, shapeMatches } from "../tensor/assertShape";
import { assertFinite, assertFiniteNumber } from "../tensor/assertFinite";
import { contentToken } from "../tensor/contentToken";

export { asFloat32 } from "../tensor/asFloat32";

/** Argument names as the caller spells them (model() says Xtrain/Ytrain, propagate() X/Y). */
export interface ArgNames {
  w: string;
  X: string;
  Y: string;
}
const COURSE_NAMES: ArgNames = { w: "w", X: "X", Y: "Y" };

/** Checks the shapes of w (n_x, 1), X (n_x, m) and Y (1, m) against each other (any may be omitted but X). */
export function checkShapes(
  fnName: string,
  shapes: { w?: readonly number[]; X: readonly number[]; Y?: readonly number[] },
  names: ArgNames = COURSE_NAMES,
): void {
  const { w, X, Y } = shapes;
  checkShape(fnName, names.X, X, [null, null]);
  const [nX, m] = X;
  if (w !== undefined) {
    // A w that is not a column gets the expected column spelled out (the rank-1 pitfall lands here).
    if (!shapeMatches(w, [null, 1])) checkShape(fnName, names.w, w, [nX, 1], `to match ${names.X} of shape ${formatShape(X)}`);
    if (w[0] !== nX) {
      const transposed = m === w[0] ? ` — ${names.X} looks transposed: the course stacks examples as columns, ${names.X} is (n_x, m)` : "";
      throw new Error(message.disagreeOnNx(fnName, names.w, w, names.X, X, `${names.w} needs one row per row (feature) of ${names.X}${transposed}`));
    }
  }
  if (Y !== undefined) checkShape(fnName, names.Y, Y, [1, m], `to match ${names.X} of shape ${formatShape(X)} (one label per column)`);
}

/** Label tensors' values (by contentToken) already found in [0, 1]. */
const knownLabels = new WeakSet<object>();

/** Throws unless every label lies in [0, 1] (the course's labels are 0/1; 255 or -1 means a mix-up). */
function assertLabels(fnName: string, argName: string, Y: tf.Tensor): void {
  const token = contentToken(Y);
  if (knownLabels.has(token)) return;
  const inRange = tf.tidy(() => tf.all(tf.logicalAnd(tf.greaterEqual(Y, 0), tf.lessEqual(Y, 1))).dataSync()[0]);
  if (inRange) {
    knownLabels.add(token);
    return;
  }
  const values = Y.dataSync();
  const k = values.findIndex((v) => !(v >= 0 && v <= 1));
  throw new Error(message.notLabels(fnName, argName, values[k], [0, k]));
}

/**
 * Full check of tensor arguments: each is a live tensor, the shapes agree, values are finite,
 * b is a finite number and the labels are in [0, 1]. The value checks of a tensor are done once
 * per tensor (see lib/tensor/contentToken), so a loop over the same X does not re-read it.
 * Returns X's content token, for the fast path's cache.
 */
export function validateTensors(
  fnName: string,
  args: { w?: unknown; b?: unknown; X: unknown; Y?: unknown },
  names: ArgNames = COURSE_NAMES,
): { xToken: object } {
  const { w, X, Y } = args;
  assertTensor(fnName, names.X, X, [null, null]);
  if (w !== undefined) assertTensor(fnName, names.w, w, [null, 1]);
  if (Y !== undefined) assertTensor(fnName, names.Y, Y, [1, null]);
  checkShapes(fnName, { w: w?.shape, X: X.shape, Y: Y?.shape }, names);
  if ("b" in args) assertFiniteNumber(fnName, "b", args.b);
  const xToken = contentToken(X);
  assertFinite(fnName, names.X, X, xToken);
  if (w !== undefined) assertFinite(fnName, names.w, w);
  if (Y !== undefined) {
    assertFinite(fnName, names.Y, Y);
    assertLabels(fnName, names.Y, Y);
  }
  return { xToken };
}
