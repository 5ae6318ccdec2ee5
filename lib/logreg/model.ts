import { tf } from "../backend";
import * as message from "../messages";
import { accuracy } from "./accuracy";
import { initializeWithZeros } from "./initializeWithZeros";
import { gradientDescent, validateOptimizeOptions } from "./optimize";
import { predict } from "./predict";
import { validateTensors } from "./validate";
import type { LogregImplementation } from "./fastPath";

export interface ModelOptions {
  /** Default 2000, like the course. */
  numIterations?: number;
  /** Default 0.5, like the course. */
  learningRate?: number;
  /** Print the cost every 100 iterations. Default false. */
  printCost?: boolean;
  /** Do not print the train/test accuracies (the course always prints them). Default false. */
  quiet?: boolean;
  /** Which gradient-descent implementation (see OptimizeOptions); default "auto". */
  implementation?: LogregImplementation;
}

export interface ModelResult {
  /** Costs at iterations 0, 100, 200, … */
  costs: number[];
  /** Learned weights (n_x, 1); the caller owns and disposes it. */
  w: tf.Tensor2D;
  b: number;
  /** 0/1 predictions (1, m_train) and (1, m_test); the caller owns and disposes them. */
  predictionsTrain: tf.Tensor2D;
  predictionsTest: tf.Tensor2D;
  /** Percent, 100 − mean(|Ŷ − Y|)·100. */
  trainAccuracy: number;
  testAccuracy: number;
  learningRate: number;
  numIterations: number;
}

/** How Python's print() shows a float: 70.0 rather than JS's 70 (non-integers print alike). */
export function pythonFloat(x: number): string {
  return Number.isInteger(x) ? x.toFixed(1) : String(x);
}

/**
 * The whole logistic-regression model (the course's `model`): initialize w, b with zeros, run
 * gradient descent on the training set, predict both sets, and report the accuracies
 * (printed like the course: `train accuracy: 99.04306220095694 %`, unless `quiet`).
 * Xtrain (n_x, m_train), Ytrain (1, m_train), Xtest (n_x, m_test), Ytest (1, m_test).
 * The returned tensors (w, predictionsTrain, predictionsTest) belong to the caller.
 */
export function model(
  Xtrain: tf.Tensor2D,
  Ytrain: tf.Tensor2D,
  Xtest: tf.Tensor2D,
  Ytest: tf.Tensor2D,
  options: ModelOptions = {},
): ModelResult {
  const { numIterations = 2000, learningRate = 0.5, printCost = false, quiet = false, implementation } = options;
  validateOptimizeOptions("model", { numIterations, learningRate });
  const { xToken } = validateTensors("model", { X: Xtrain, Y: Ytrain }, { w: "w", X: "Xtrain", Y: "Ytrain" });
  validateTensors("model", { X: Xtest, Y: Ytest }, { w: "w", X: "Xtest", Y: "Ytest" });
  if (Xtest.shape[0] !== Xtrain.shape[0]) {
    throw new Error(message.disagreeOnNx("model", "Xtrain", Xtrain.shape, "Xtest", Xtest.shape, "both need one row per feature (the same preprocessing)"));
  }

  const init = initializeWithZeros(Xtrain.shape[0]);
  const { params, grads, costs } = gradientDescent("model", init.w, init.b, Xtrain, Ytrain, xToken, { numIterations, learningRate, printCost, implementation }, { X: "Xtrain" });
  init.w.dispose();
  grads.dw.dispose();
  const { w, b } = params;

  const predictionsTest = predict(w, b, Xtest);
  const predictionsTrain = predict(w, b, Xtrain);
  const trainAccuracy = accuracy(predictionsTrain, Ytrain);
  const testAccuracy = accuracy(predictionsTest, Ytest);
  if (!quiet) {
    console.log(`train accuracy: ${pythonFloat(trainAccuracy)} %`);
    console.log(`test accuracy: ${pythonFloat(testAccuracy)} %`);
  }
  return { costs, w, b, predictionsTrain, predictionsTest, trainAccuracy, testAccuracy, learningRate, numIterations };
}
