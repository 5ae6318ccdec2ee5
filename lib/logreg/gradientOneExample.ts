import { sigmoid } from "../tensor/sigmoid";
import * as message from "../messages";

/** One example's forward pass, loss and gradients (the result of gradientOneExample). */
export interface OneExampleGradient {
  /** z = wᵀx + b */
  z: number;
  /** a = σ(z), the prediction ŷ */
  a: number;
  /** 𝓛(a, y) = −(y log a + (1 − y) log(1 − a)) */
  loss: number;
  /** dz = ∂𝓛/∂z = a − y */
  dz: number;
  /** dw_j = x_j·dz, one entry per feature */
  dw: Float64Array;
  /** db = dz */
  db: number;
}

/**
 * The course's "logistic regression derivatives" for ONE example, with explicit loops over the
 * n_x features (the slide's dw1 = x1·dz, dw2 = x2·dz, …), in float64 on plain numbers.
 * w and x: arrays (number[], Float64Array, Float32Array) of length n_x; b and y (0 or 1): numbers.
 */
export function gradientOneExample(w: ArrayLike<number>, b: number, x: ArrayLike<number>, y: number): OneExampleGradient {
  const fn = "gradientOneExample";
  if (typeof w?.length !== "number" || typeof x?.length !== "number") {
    throw new Error(message.mustBe(fn, "w and x", "arrays of numbers (one entry per feature)"));
  }
  if (w.length !== x.length) throw new Error(`${fn}: w has ${w.length} entries but x has ${x.length}; both need one per feature (n_x)`);
  for (const [name, v] of [["b", b], ["y", y]] as const) {
    if (typeof v !== "number" || !Number.isFinite(v)) throw new Error(message.notAFiniteNumber(fn, name, v));
  }
  const nX = w.length;
  let z = b;
  for (let j = 0; j < nX; j++) {
    if (!Number.isFinite(w[j]) || !Number.isFinite(x[j])) {
      throw new Error(message.mustBe(fn, "w and x", "finite", `w[${j}] = ${w[j]}, x[${j}] = ${x[j]}`));
    }
    z += w[j] * x[j];
  }
  const a = sigmoid(z);
  const loss = -(y * Math.log(a) + (1 - y) * Math.log(1 - a));
  const dz = a - y;
  const dw = new Float64Array(nX);
  for (let j = 0; j < nX; j++) dw[j] = x[j] * dz;
  return { z, a, loss, dz, dw, db: dz };
}
