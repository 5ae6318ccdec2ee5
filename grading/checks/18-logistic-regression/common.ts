/** Fixture shapes and tolerances of the logistic-regression checks. */
import type { Tolerance } from "../../../lib/check/compare";

type Matrix = number[][];

export interface PropagateCase {
  name: string;
  inputs: { w: Matrix; b: number; X: Matrix; Y: Matrix };
  dw: Matrix;
  db: number;
  cost: number;
}

export interface OptimizeCase {
  name: string;
  inputs: { w: Matrix; b: number; X: Matrix; Y: Matrix; numIterations: number; learningRate: number };
  w: Matrix;
  b: number;
  dw: Matrix;
  db: number;
  costs: number[];
}

export interface PredictCase {
  name: string;
  inputs: { w: Matrix; b: number; X: Matrix };
  YPrediction: Matrix;
}

export interface ModelCase {
  name: string;
  inputs: { Xtrain: Matrix; Ytrain: Matrix; Xtest: Matrix; Ytest: Matrix; numIterations?: number; learningRate?: number };
  /** Present when the case calls model() without options, to check its defaults. */
  defaults?: { numIterations: number; learningRate: number };
  costs: number[];
  w: Matrix;
  b: number;
  predictionsTrain: Matrix;
  predictionsTest: Matrix;
  trainAccuracy: number;
  testAccuracy: number;
}

export interface LogregFixtures {
  initializeWithZeros: { dim: number; w: Matrix; b: number }[];
  propagate: PropagateCase[];
  optimize: OptimizeCase[];
  predict: PredictCase[];
  model: ModelCase[];
}

/**
 * Gradient descent repeats float32 roundings at every step; measured against the float64 reference
 * they stay below 2e-6 relative over these cases (up to 2000 iterations). 1e-4 leaves room for
 * other backends and summation orders, while a wrong formula is off by far more.
 */
export const DESCENT: Tolerance = { rtol: 1e-4, atol: 1e-5 };

/** Predictions are 0 or 1: they must match exactly. */
export const EXACT: Tolerance = { rtol: 0, atol: 0 };
