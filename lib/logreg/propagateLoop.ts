import { tf } from "../backend";
import * as message from "../messages";
import { isTensor } from "../tensor/assertShape";
import { sigmoid } from "../tensor/sigmoid";
import { checkShapes } from "./validate";

/** A matrix given as a tf.Tensor2D or as rows of numbers (number[][], Float64Array[], …). */
export type MatrixLike = tf.Tensor2D | readonly ArrayLike<number>[];

/** Rows of a matrix as arrays, with its shape; NaN/Infinity rejected. */
function toRows(fnName: string, argName: string, value: unknown): { rows: ArrayLike<number>[]; shape: number[] } {
  if (isTensor(value)) {
    if (value.isDisposed) throw new Error(message.disposed(fnName, argName));
    if (value.rank !== 2) return { rows: [], shape: value.shape }; // checkShapes words the error
    const rows = value.arraySync() as number[][];
    return { rows, shape: value.shape };
  }
  if (!Array.isArray(value)) throw new Error(message.mustBe(fnName, argName, "a tf.Tensor2D or an array of rows", message.describeValue(value)));
  if (value.length > 0 && typeof value[0] === "number") return { rows: [], shape: [value.length] }; // rank 1
  const width = (value[0] as ArrayLike<number> | undefined)?.length ?? 0;
  value.forEach((row: ArrayLike<number>, r: number) => {
    if (typeof row?.length !== "number" || row.length !== width) {
      throw new Error(message.mustBe(fnName, argName, `rectangular (every row as long as row 0: ${width} entries)`, `row ${r} with ${row?.length}`));
    }
  });
  return { rows: value as ArrayLike<number>[], shape: [value.length, width] };
}

function assertFiniteRows(fnName: string, argName: string, rows: ArrayLike<number>[]): void {
  rows.forEach((row, r) => {
    for (let c = 0; c < row.length; c++) {
      if (typeof row[c] !== "number" || !Number.isFinite(row[c])) {
        throw new Error(message.mustBe(fnName, argName, "finite", `${row[c]} at index [${r}, ${c}]`));
      }
    }
  });
}

/**
 * `propagate` written with explicit for-loops, as on the course's "Logistic regression on m
 * examples" slide: one loop over the m examples, and inside it loops over the n_x features for
 * z = wᵀx⁽ⁱ⁾ + b and for dw_j += x_j⁽ⁱ⁾·dz⁽ⁱ⁾. It exists to be compared with the vectorized
 * `propagate` (same results; the loops run in float64 and are far slower).
 *
 * w (n_x, 1), X (n_x, m), Y (1, m): each a tf.Tensor2D or rows of numbers in the same course
 * shapes (w = [[w1], [w2]], Y = [[y1, y2, …]]). Returns dw as rows (n_x, 1) of plain numbers.
 */
export function propagateLoop(
  w: MatrixLike,
  b: number,
  X: MatrixLike,
  Y: MatrixLike,
): { grads: { dw: number[][]; db: number }; cost: number } {
  const fn = "propagateLoop";
  const wm = toRows(fn, "w", w);
  const Xm = toRows(fn, "X", X);
  const Ym = toRows(fn, "Y", Y);
  checkShapes(fn, { w: wm.shape, X: Xm.shape, Y: Ym.shape });
  if (typeof b !== "number" || !Number.isFinite(b)) throw new Error(message.notAFiniteNumber(fn, "b", b));
  assertFiniteRows(fn, "w", wm.rows);
  assertFiniteRows(fn, "X", Xm.rows);
  assertFiniteRows(fn, "Y", Ym.rows);
  const badLabel = Array.from(Ym.rows[0]).findIndex((v) => !(v >= 0 && v <= 1));
  if (badLabel >= 0) {
    throw new Error(message.notLabels(fn, "Y", Ym.rows[0][badLabel], [0, badLabel]));
  }

  const [nX, m] = Xm.shape;
  const x = Xm.rows; // x[j][i]: feature j of example i
  const y = Ym.rows[0];
  let J = 0;
  const dw = new Float64Array(nX);
  let db = 0;
  for (let i = 0; i < m; i++) {
    let z = b;
    for (let j = 0; j < nX; j++) z += wm.rows[j][0] * x[j][i];
    const a = sigmoid(z);
    J += -(y[i] * Math.log(a) + (1 - y[i]) * Math.log(1 - a));
    const dz = a - y[i];
    for (let j = 0; j < nX; j++) dw[j] += x[j][i] * dz;
    db += dz;
  }
  J /= m;
  for (let j = 0; j < nX; j++) dw[j] /= m;
  db /= m;
  return { grads: { dw: Array.from(dw, (v) => [v]), db }, cost: J };
}

