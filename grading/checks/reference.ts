/**
 * The course's routines in float64 JavaScript, for cases drawn fresh at every grading run: their
 * inputs are random and unknown in advance, so an answer cannot have their outputs written into it,
 * and their expected values are computed here, in the grader, never in the student's process.
 * test/grading/consistency.test.ts checks every routine against the float64 numpy fixtures.
 */
import { randomInt } from "crypto";

export type Matrix = number[][];

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

export function mapNested(v: unknown, f: (x: number) => number): unknown {
  return Array.isArray(v) ? v.map((x) => mapNested(x, f)) : f(v as number);
}

export const sigmoidDerivative = (x: number): number => sigmoid(x) * (1 - sigmoid(x));

export function normalizeRows(x: Matrix): Matrix {
  return x.map((row) => {
    const norm = Math.sqrt(row.reduce((s, v) => s + v * v, 0));
    return row.map((v) => v / norm);
  });
}

export function softmax(x: Matrix): Matrix {
  return x.map((row) => {
    const exps = row.map(Math.exp);
    const sum = exps.reduce((a, b) => a + b, 0);
    return exps.map((e) => e / sum);
  });
}

export const l1 = (yhat: number[], y: number[]): number => y.reduce((s, v, i) => s + Math.abs(v - yhat[i]), 0);
export const l2 = (yhat: number[], y: number[]): number => y.reduce((s, v, i) => s + (v - yhat[i]) ** 2, 0);

/** (m, h, w, c) images -> (h·w·c, m): column i is image i in numpy's order. */
export function flattenImages(images: number[][][][]): Matrix {
  const columns = images.map((image) => image.flat(2));
  return columns[0].map((_, r) => columns.map((column) => column[r]));
}

/** A = σ(wᵀX + b), (1, m). */
export function activations(w: Matrix, b: number, X: Matrix): number[] {
  return X[0].map((_, j) => sigmoid(w.reduce((s, [wi], i) => s + wi * X[i][j], b)));
}

export function propagate(w: Matrix, b: number, X: Matrix, Y: Matrix): { dw: Matrix; db: number; cost: number } {
  const m = X[0].length;
  const A = activations(w, b, X);
  const dZ = A.map((a, j) => a - Y[0][j]);
  const cost = -A.reduce((s, a, j) => s + Y[0][j] * Math.log(a) + (1 - Y[0][j]) * Math.log(1 - a), 0) / m;
  const dw = X.map((row) => [row.reduce((s, x, j) => s + x * dZ[j], 0) / m]);
  return { dw, db: dZ.reduce((a, b) => a + b, 0) / m, cost };
}

export function optimize(w: Matrix, b: number, X: Matrix, Y: Matrix, numIterations: number, learningRate: number) {
  let dw: Matrix = w.map(() => [0]);
  let db = 0;
  const costs: number[] = [];
  for (let i = 0; i < numIterations; i++) {
    const g = propagate(w, b, X, Y);
    dw = g.dw;
    db = g.db;
    w = w.map(([wi], k) => [wi - learningRate * dw[k][0]]);
    b = b - learningRate * db;
    if (i % 100 === 0) costs.push(g.cost);
  }
  return { w, b, dw, db, costs };
}

export const predict = (w: Matrix, b: number, X: Matrix): Matrix => [activations(w, b, X).map((a) => (a > 0.5 ? 1 : 0))];

/** Random numbers for fresh cases: a seed drawn once per grader process, a new case each call. */
let state = randomInt(2 ** 31);
export function random(): number {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** A normal draw (Box–Muller), rounded to float32 so the student's float32 input is exactly it. */
export function normal(sd = 1): number {
  return Math.fround(sd * Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()));
}

export const matrix = (rows: number, cols: number, draw: () => number): Matrix => Array.from({ length: rows }, () => Array.from({ length: cols }, draw));
export const size = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));

/** A random logistic-regression problem: w (n_x, 1), b, X (n_x, m), 0/1 labels Y (1, m). */
export function randomProblem(nx: number, m: number, wSd = 0.5): { w: Matrix; b: number; X: Matrix; Y: Matrix } {
  return {
    w: matrix(nx, 1, () => normal(wSd)),
    b: normal(0.5),
    X: matrix(nx, m, () => normal(1)),
    Y: [Array.from({ length: m }, () => (random() < 0.5 ? 0 : 1))],
  };
}
