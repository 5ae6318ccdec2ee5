/**
 * model(Xtrain, Ytrain, Xtest, Ytest, { numIterations, learningRate, printCost }): the whole model.
 * Its helpers (initializeWithZeros, optimize, predict) are the library's here — each of those is
 * graded on its own — so these checks are about how model() puts them together.
 */
import { tf } from "../../../lib/backend";
import { CheckFailure, expectNumberClose, expectNumbersClose, expectObject, expectTensorClose, tensorOf } from "../../../lib/check/compare";
import { callStudent, fixture, studentFunction } from "../../harness";
import { DESCENT, EXACT, type LogregFixtures } from "./common";

const cases = fixture<LogregFixtures>("grading_logreg").model;

type Model = (
  Xtrain: tf.Tensor2D,
  Ytrain: tf.Tensor2D,
  Xtest: tf.Tensor2D,
  Ytest: tf.Tensor2D,
  options?: { numIterations?: number; learningRate?: number; printCost?: boolean },
) => unknown;

const KEYS = ["costs", "w", "b", "predictionsTrain", "predictionsTest", "trainAccuracy", "testAccuracy", "learningRate", "numIterations"];

describe("model", () => {
  for (const c of cases) {
    it(`${c.name}: costs, w, b, predictions and accuracies`, async () => {
      const { Xtrain, Ytrain, Xtest, Ytest } = c.inputs;
      const tensors = [Xtrain, Ytrain, Xtest, Ytest].map((v) => tensorOf(v) as tf.Tensor2D);
      const options = c.defaults ? undefined : { numIterations: c.inputs.numIterations!, learningRate: c.inputs.learningRate! };
      const settings = options ? `{ numIterations: ${options.numIterations}, learningRate: ${options.learningRate} }` : "no options";
      const what = `model(Xtrain, Ytrain, Xtest, Ytest, ${settings}) for ${c.name}`;
      const args = options ? [...tensors, options] : tensors;
      const got = expectObject(what, await callStudent(what, studentFunction<Model>("model"), ...args), KEYS);
      expectNumbersClose(`${what}.costs`, got.costs, c.costs, DESCENT);
      expectTensorClose(`${what}.w`, got.w, c.w, DESCENT);
      expectNumberClose(`${what}.b`, got.b, c.b, DESCENT);
      expectTensorClose(`${what}.predictionsTrain`, got.predictionsTrain, c.predictionsTrain, EXACT);
      expectTensorClose(`${what}.predictionsTest`, got.predictionsTest, c.predictionsTest, EXACT);
      // The course's accuracy, 100 − mean(|Ŷ − Y|)·100, in float64: the exact number numpy prints.
      expectNumberClose(`${what}.trainAccuracy (percent)`, got.trainAccuracy, c.trainAccuracy, { rtol: 1e-9, atol: 0 });
      expectNumberClose(`${what}.testAccuracy (percent)`, got.testAccuracy, c.testAccuracy, { rtol: 1e-9, atol: 0 });
      const expected = c.defaults ?? options!;
      for (const key of ["numIterations", "learningRate"] as const) {
        if (got[key] !== expected[key]) throw new CheckFailure(`${what}.${key}: expected ${expected[key]}, got ${String(got[key])}`);
      }
      tf.dispose([...tensors, got.w as tf.Tensor, got.predictionsTrain as tf.Tensor, got.predictionsTest as tf.Tensor]);
    });
  }
});
