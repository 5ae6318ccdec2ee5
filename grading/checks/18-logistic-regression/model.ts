/**
 * Exercise 8: model(Xtrain, Ytrain, Xtest, Ytest, { numIterations, learningRate, printCost }).
 * Its helpers (initializeWithZeros, optimize, predict) are the library's here — each of those is
 * graded on its own — so these checks are about how model() puts them together.
 */
import { CheckFailure, DESCENT, EXACT, PERCENT, expectNumberClose, expectNumbersClose, expectObject, expectTensorClose } from "../../../lib/check/compare";
import { fixture, plainArg, tensorArg, type Check } from "../support";
import type { LogregFixtures } from "./common";

const cases = fixture<LogregFixtures>("logreg").model;

const KEYS = ["costs", "w", "b", "predictionsTrain", "predictionsTest", "trainAccuracy", "testAccuracy", "learningRate", "numIterations"];

export const checks: Check[] = cases.map((c) => ({
  title: `${c.name}: costs, w, b, predictions and accuracies`,
  async run(student) {
    const { Xtrain, Ytrain, Xtest, Ytest } = c.inputs;
    const options = c.defaults ? undefined : { numIterations: c.inputs.numIterations!, learningRate: c.inputs.learningRate! };
    const settings = options ? `{ numIterations: ${options.numIterations}, learningRate: ${options.learningRate} }` : "no options";
    const what = `model(Xtrain, Ytrain, Xtest, Ytest, ${settings}) for ${c.name}`;
    const args = [tensorArg(Xtrain), tensorArg(Ytrain), tensorArg(Xtest), tensorArg(Ytest), ...(options ? [plainArg(options)] : [])];
    const got = expectObject(what, (await student.call(what, ...args)).value, KEYS);
    expectNumbersClose(`${what}.costs`, got.costs, c.costs, DESCENT);
    expectTensorClose(`${what}.w`, got.w, c.w, DESCENT);
    expectNumberClose(`${what}.b`, got.b, c.b, DESCENT);
    expectTensorClose(`${what}.predictionsTrain`, got.predictionsTrain, c.predictionsTrain, EXACT);
    expectTensorClose(`${what}.predictionsTest`, got.predictionsTest, c.predictionsTest, EXACT);
    // 100 − mean(|Ŷ − Y|)·100 in percent; float32 (tf.mean) and float64 ways both pass.
    expectNumberClose(`${what}.trainAccuracy (percent)`, got.trainAccuracy, c.trainAccuracy, PERCENT);
    expectNumberClose(`${what}.testAccuracy (percent)`, got.testAccuracy, c.testAccuracy, PERCENT);
    const expected = c.defaults ?? options!;
    for (const key of ["numIterations", "learningRate"] as const) {
      if (got[key] !== expected[key]) throw new CheckFailure(`${what}.${key}: expected ${expected[key]}, got ${String(got[key])}`);
    }
  },
}));
