/**
 * Exercise 8: model(Xtrain, Ytrain, Xtest, Ytest, { numIterations, learningRate, printCost }).
 * Its helpers (initializeWithZeros, optimize, predict) are the library's here — each of those is
 * graded on its own — so these checks are about how model() puts them together.
 */
import { CheckFailure, DESCENT, EXACT, PERCENT, expectNumberClose, expectNumbersClose, expectObject, expectTensorClose } from "../../../lib/check/compare";
import * as ref from "../reference";
import { fixture, FRESH, plainArg, tensorArg, type Check } from "../support";
import type { LogregFixtures, ModelCase } from "./common";

const cases = fixture<LogregFixtures>("logreg").model;

const KEYS = ["costs", "w", "b", "predictionsTrain", "predictionsTest", "trainAccuracy", "testAccuracy", "learningRate", "numIterations"];

/** A small random problem, trained by the reference; every activation clear of 0.5 (float32 agrees). */
const fresh = (): ModelCase => {
  for (;;) {
    const nx = ref.size(2, 5);
    const data = (m: number) => ({ X: ref.matrix(nx, m, () => ref.normal(1)), Y: [Array.from({ length: m }, () => (ref.random() < 0.5 ? 0 : 1))] });
    const train = data(ref.size(6, 14));
    const test = data(ref.size(3, 8));
    const [numIterations, learningRate] = [120, 0.05];
    const { w, b, costs } = ref.optimize(train.X.map(() => [0]), 0, train.X, train.Y, numIterations, learningRate);
    const clear = [train, test].every(({ X }) => ref.activations(w, b, X).every((a) => Math.abs(a - 0.5) > 1e-3));
    if (!clear) continue;
    const accuracy = (p: number[][], Y: number[][]) => 100 - (p[0].reduce((s, v, j) => s + Math.abs(v - Y[0][j]), 0) / Y[0].length) * 100;
    const [predictionsTrain, predictionsTest] = [ref.predict(w, b, train.X), ref.predict(w, b, test.X)];
    return {
      name: "a fresh random case",
      inputs: { Xtrain: train.X, Ytrain: train.Y, Xtest: test.X, Ytest: test.Y, numIterations, learningRate },
      costs, w, b, predictionsTrain, predictionsTest,
      trainAccuracy: accuracy(predictionsTrain, train.Y),
      testAccuracy: accuracy(predictionsTest, test.Y),
    };
  }
};

export const checks: Check[] = [...cases.map((c) => () => c), fresh].map((make, i) => ({
  title: `${i < cases.length ? cases[i].name : FRESH}: costs, w, b, predictions and accuracies`,
  async run(student) {
    const c = make();
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
