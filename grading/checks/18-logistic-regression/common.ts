/** Fixture shapes of the logistic-regression checks (grading/reference/logreg.py). */
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

type Images = number[][][][];

export interface LogregFixtures {
  datasetSizes: { name: string; inputs: { trainSetXOrig: Images; testSetXOrig: Images }; mTrain: number; mTest: number; numPx: number }[];
  flattenImages: { name: string; inputs: { images: Images }; expected: Matrix }[];
  sigmoid: { name: string; inputs: { z: number[] | Matrix }; expected: number[] | Matrix }[];
  initializeWithZeros: { dim: number; w: Matrix; b: number }[];
  propagate: PropagateCase[];
  optimize: OptimizeCase[];
  predict: PredictCase[];
  model: ModelCase[];
}
