/**
 * The notebooks' self-checks, like the course's public_tests.py: `nn.check.sigmoid(sigmoid)` runs
 * the student's function on the course's published examples (plus a few properties any correct
 * answer has), prints "✔ sigmoid: all tests passed", or throws a message with expected vs got and
 * the shapes. The expected numbers are the course's published outputs (values and data of its
 * public tests); test/grading checks them against the float64 reference fixture.
 *
 * A function that calls an earlier exercise's function gets it as a second argument,
 * `nn.check.sigmoidDerivative(sigmoidDerivative, { sigmoid })`: when the check fails and the
 * earlier function fails its own check, the message names that exercise as the cause.
 * The grader runs more and different checks (grading/checks).
 */
import { tf } from "../backend";
import {
  CheckFailure,
  DESCENT,
  EXACT,
  PERCENT,
  describe,
  expectNumberClose,
  expectNumbersClose,
  expectObject,
  expectTensorClose,
  tensorOf,
} from "./compare";
import { COURSE } from "./courseValues";
import * as message from "../messages";

/**
 * The course's exercise numbers (the same in both assignments where a name appears in both), so a
 * learner can follow the course's notebooks side by side. grading/assignments.ts agrees (tested).
 */
export const EXERCISE_NUMBERS: Readonly<Record<string, number>> = Object.freeze({
  // "Python Basics with Numpy"
  test: 1, basicSigmoid: 2, sigmoid: 3, sigmoidDerivative: 4, image2vector: 5, normalizeRows: 6, softmax: 7, l1: 8, l2: 9,
  // "Logistic Regression with a Neural Network mindset" (its Exercise 3 is sigmoid too)
  datasetSizes: 1, flattenImages: 2, initializeWithZeros: 4, propagate: 5, optimize: 6, predict: 7, model: 8,
});

interface NamedCheck {
  name: string;
  run: () => void;
}

/** Earlier exercises' functions a function calls, by name: `{ sigmoid }`. */
export type Dependencies = Record<string, unknown>;

/**
 * The first dependency that fails its own self-check, with that check's message (the check's
 * printout is kept off the cell's output).
 */
function failingDependency(deps: Dependencies | undefined): { name: string; message: string } | undefined {
  for (const [name, f] of Object.entries(deps ?? {})) {
    const check = (SELF_CHECKS as Record<string, ((f: never) => void) | undefined>)[name];
    if (!check) continue;
    const log = console.log;
    console.log = () => {};
    try {
      check(f as never);
    } catch (err) {
      return { name, message: err instanceof Error ? err.message : String(err) };
    } finally {
      console.log = log;
    }
  }
  return undefined;
}

function exerciseName(name: string): string {
  const number = EXERCISE_NUMBERS[name];
  return number === undefined ? name : `${name} (Exercise ${number})`;
}

/** Runs the checks in order; the first failure throws with the function's name and the check's. */
function runChecks(fnName: string, checks: readonly NamedCheck[], deps?: Dependencies): void {
  for (const check of checks) {
    let failure: string | undefined;
    try {
      tf.tidy(() => {
        check.run();
      });
    } catch (err) {
      const text = err instanceof Error ? err.message : String(err);
      failure = err instanceof CheckFailure ? `${fnName}: ${text}` : `${fnName} threw an error (${check.name}): ${text}`;
    }
    if (failure === undefined) continue;
    const cause = failingDependency(deps);
    if (cause) {
      throw new CheckFailure(
        `${failure}\n\nThis comes from ${exerciseName(cause.name)}, which ${fnName} calls: it fails its own check.\n` +
          `  ${cause.message.split("\n").join("\n  ")}\n` +
          `Fix ${exerciseName(cause.name)} first, then run this check again.`,
      );
    }
    throw new CheckFailure(failure);
  }
  console.log(`✔ ${fnName}: all tests passed`);
}

function requireFunction(fnName: string, f: unknown): void {
  if (typeof f !== "function") throw new CheckFailure(`check.${fnName}: pass your function, e.g. nn.check.${fnName}(${fnName}); got ${describe(f)}`);
}

/** Throws unless `input` is still usable: the function must not dispose what it was given. */
function expectAlive(what: string, input: tf.Tensor): void {
  if (input.isDisposed) throw new CheckFailure(message.disposedItsArgument(what));
}

/** An elementwise function's checks: the course's example, a 2-D input keeps its shape, and 0. */
function elementwise(
  fnName: string,
  f: (x: tf.Tensor) => unknown,
  example: { input: number[]; output: number[] },
  atZero: number,
): NamedCheck[] {
  return [
    {
      name: "the course's example",
      run: () => {
        const x = tf.tensor1d(example.input);
        expectTensorClose(`${fnName}([${example.input.join(", ")}])`, f(x), example.output);
        expectAlive(fnName, x);
      },
    },
    {
      name: "a (2, 3) matrix keeps its shape",
      run: () => {
        const got = f(tf.zeros([2, 3]));
        expectTensorClose(`${fnName}(zeros of shape (2, 3))`, got, [[atZero, atZero, atZero], [atZero, atZero, atZero]]);
      },
    },
  ];
}

/** Exercise 1 of "Python Basics": a string. */
export function test(value: unknown): void {
  runChecks("test", [
    {
      name: "the value",
      run: () => {
        if (value !== "Hello World") throw new CheckFailure(`expected test to be the string "Hello World", got ${describe(value)}`);
      },
    },
  ]);
}

export function basicSigmoid(f: (x: number) => unknown): void {
  requireFunction("basicSigmoid", f);
  runChecks("basicSigmoid", [
    { name: "the course's example", run: () => expectNumberClose("basicSigmoid(1)", f(1), COURSE.basicSigmoid.atOne) },
    { name: "at 0", run: () => expectNumberClose("basicSigmoid(0)", f(0), 0.5) },
  ]);
}

export function sigmoid(f: (z: tf.Tensor) => unknown): void {
  requireFunction("sigmoid", f);
  runChecks("sigmoid", elementwise("sigmoid", f, COURSE.sigmoid, 0.5));
}

export function sigmoidDerivative(f: (x: tf.Tensor) => unknown, deps?: { sigmoid?: unknown }): void {
  requireFunction("sigmoidDerivative", f);
  runChecks("sigmoidDerivative", elementwise("sigmoidDerivative", f, COURSE.sigmoidDerivative, 0.25), deps);
}

export function image2vector(f: (image: tf.Tensor3D) => unknown): void {
  requireFunction("image2vector", f);
  runChecks("image2vector", [
    {
      name: "the course's (3, 3, 2) image",
      run: () => {
        const image = tensorOf(COURSE.image2vector.image) as tf.Tensor3D;
        expectTensorClose("image2vector(the course's (3, 3, 2) image)", f(image), COURSE.image2vector.image.flat(2).map((v) => [v]));
        expectAlive("image2vector", image);
      },
    },
    {
      name: "a (2, 4, 3) image",
      run: () => {
        const values = Array.from({ length: 24 }, (_, i) => i);
        const got = f(tf.tensor3d(values, [2, 4, 3]));
        expectTensorClose("image2vector(a (2, 4, 3) image holding 0, 1, …, 23)", got, values.map((v) => [v]));
      },
    },
  ]);
}

export function normalizeRows(f: (x: tf.Tensor2D) => unknown): void {
  requireFunction("normalizeRows", f);
  runChecks("normalizeRows", [
    {
      name: "the course's example",
      run: () => {
        const x = tensorOf(COURSE.normalizeRows.x) as tf.Tensor2D;
        expectTensorClose("normalizeRows([[0, 3, 4], [1, 6, 4]])", f(x), COURSE.normalizeRows.output);
        expectAlive("normalizeRows", x);
      },
    },
    {
      name: "a single row",
      run: () => expectTensorClose("normalizeRows([[3, -4]])", f(tf.tensor2d([[3, -4]])), [[0.6, -0.8]]),
    },
  ]);
}

export function softmax(f: (x: tf.Tensor2D) => unknown): void {
  requireFunction("softmax", f);
  runChecks("softmax", [
    {
      name: "the course's example",
      run: () => {
        const x = tensorOf(COURSE.softmax.x) as tf.Tensor2D;
        expectTensorClose("softmax([[9, 2, 5, 0, 0], [7, 5, 0, 0, 0]])", f(x), COURSE.softmax.output);
        expectAlive("softmax", x);
      },
    },
    {
      name: "equal entries",
      run: () => expectTensorClose("softmax(a (3, 4) matrix of 2.5)", f(tf.fill([3, 4], 2.5) as tf.Tensor2D), Array(3).fill([0.25, 0.25, 0.25, 0.25])),
    },
  ]);
}

function lossChecks(fnName: "l1" | "l2", f: (yhat: tf.Tensor, y: tf.Tensor) => unknown, expected: number): NamedCheck[] {
  const { yhat, y } = COURSE.losses;
  return [
    {
      name: "the course's example",
      run: () => expectNumberClose(`${fnName}(yhat = [${yhat.join(", ")}], y = [${y.join(", ")}])`, f(tf.tensor1d(yhat), tf.tensor1d(y)), expected),
    },
    {
      name: "a perfect prediction",
      run: () => expectNumberClose(`${fnName}(y, y) (a perfect prediction)`, f(tf.tensor1d(y), tf.tensor1d(y)), 0),
    },
  ];
}

export function l1(f: (yhat: tf.Tensor, y: tf.Tensor) => unknown): void {
  requireFunction("l1", f);
  runChecks("l1", lossChecks("l1", f, COURSE.losses.l1));
}

export function l2(f: (yhat: tf.Tensor, y: tf.Tensor) => unknown): void {
  requireFunction("l2", f);
  runChecks("l2", lossChecks("l2", f, COURSE.losses.l2));
}

// ---- logistic regression (notebook 18) ----------------------------------------------------------

export function datasetSizes(f: (trainSetXOrig: tf.Tensor4D, testSetXOrig: tf.Tensor4D) => unknown): void {
  requireFunction("datasetSizes", f);
  type Shape4 = [number, number, number, number];
  const cases: [Shape4, Shape4, { mTrain: number; mTest: number; numPx: number }][] = [
    [[5, 4, 4, 3], [2, 4, 4, 3], { mTrain: 5, mTest: 2, numPx: 4 }],
    [[3, 7, 7, 3], [4, 7, 7, 3], { mTrain: 3, mTest: 4, numPx: 7 }],
  ];
  runChecks(
    "datasetSizes",
    cases.map(([train, test, expected]) => ({
      name: `images of shape (${train.join(", ")}) and (${test.join(", ")})`,
      run: () => {
        const what = `datasetSizes(train images of shape (${train.join(", ")}), test images of shape (${test.join(", ")}))`;
        const got = expectObject(what, f(tf.zeros(train) as tf.Tensor4D, tf.zeros(test) as tf.Tensor4D), ["mTrain", "mTest", "numPx"]);
        for (const key of ["mTrain", "mTest", "numPx"] as const) expectNumberClose(`${what}.${key}`, got[key], expected[key], EXACT);
      },
    })),
  );
}

export function flattenImages(f: (images: tf.Tensor4D) => unknown): void {
  requireFunction("flattenImages", f);
  runChecks("flattenImages", [
    {
      name: "two (2, 2, 3) images holding 0, 1, …, 23",
      run: () => {
        const images = tf.tensor4d(Array.from({ length: 24 }, (_, i) => i), [2, 2, 2, 3]);
        // Column i is image i, its values in numpy's order: pixel (0, 0) R, G, B, then (0, 1) …
        const expected = Array.from({ length: 12 }, (_, r) => [r, 12 + r]);
        expectTensorClose("flattenImages(images of shape (2, 2, 2, 3))", f(images), expected, EXACT);
        expectAlive("flattenImages", images);
      },
    },
    {
      name: "one image is one column",
      run: () => expectTensorClose("flattenImages(one (1, 1, 3) image)", f(tf.tensor4d([[[[7, 8, 9]]]])), [[7], [8], [9]], EXACT),
    },
  ]);
}

export function initializeWithZeros(f: (dim: number) => unknown): void {
  requireFunction("initializeWithZeros", f);
  runChecks(
    "initializeWithZeros",
    [2, 5].map((dim) => ({
      name: `dim = ${dim}`,
      run: () => {
        const what = `initializeWithZeros(${dim})`;
        const got = expectObject(what, f(dim), ["w", "b"]);
        expectTensorClose(`${what}.w`, got.w, Array(dim).fill([0]));
        expectNumberClose(`${what}.b`, got.b, 0);
      },
    })),
  );
}

export function propagate(f: (w: tf.Tensor2D, b: number, X: tf.Tensor2D, Y: tf.Tensor2D) => unknown, deps?: { sigmoid?: unknown }): void {
  requireFunction("propagate", f);
  const { w, b, X, Y } = COURSE.propagate.inputs;
  runChecks("propagate", [
    {
      name: "the course's example",
      run: () => {
        const what = "propagate(w = [[1], [2]], b = 1.5, X = [[1, -2, -1], [3, 0.5, -3.2]], Y = [[1, 1, 0]])";
        const got = expectObject(what, f(tensorOf(w) as tf.Tensor2D, b, tensorOf(X) as tf.Tensor2D, tensorOf(Y) as tf.Tensor2D), ["grads", "cost"]);
        const grads = expectObject(`${what}.grads`, got.grads, ["dw", "db"]);
        expectTensorClose(`${what}.grads.dw`, grads.dw, COURSE.propagate.dw);
        expectNumberClose(`${what}.grads.db`, grads.db, COURSE.propagate.db);
        expectNumberClose(`${what}.cost`, got.cost, COURSE.propagate.cost);
      },
    },
  ], deps);
}

type OptimizeOptionsLike = { numIterations: number; learningRate: number; printCost?: boolean };

export function optimize(f: (w: tf.Tensor2D, b: number, X: tf.Tensor2D, Y: tf.Tensor2D, options: OptimizeOptionsLike) => unknown, deps?: { propagate?: unknown }): void {
  requireFunction("optimize", f);
  const { w, b, X, Y } = COURSE.propagate.inputs;
  runChecks("optimize", [
    {
      name: "the course's example",
      run: () => {
        const what = "optimize(the course's w, b, X, Y, { numIterations: 100, learningRate: 0.009 })";
        const w0 = tensorOf(w) as tf.Tensor2D;
        const got = expectObject(what, f(w0, b, tensorOf(X) as tf.Tensor2D, tensorOf(Y) as tf.Tensor2D, { numIterations: 100, learningRate: 0.009 }), ["params", "grads", "costs"]);
        const params = expectObject(`${what}.params`, got.params, ["w", "b"]);
        const grads = expectObject(`${what}.grads`, got.grads, ["dw", "db"]);
        expectTensorClose(`${what}.params.w`, params.w, COURSE.optimize.w, DESCENT);
        expectNumberClose(`${what}.params.b`, params.b, COURSE.optimize.b, DESCENT);
        expectTensorClose(`${what}.grads.dw`, grads.dw, COURSE.optimize.dw, DESCENT);
        expectNumberClose(`${what}.grads.db`, grads.db, COURSE.optimize.db, DESCENT);
        expectNumbersClose(`${what}.costs`, got.costs, COURSE.optimize.costs, DESCENT);
        expectAlive("optimize", w0);
      },
    },
  ], deps);
}

export function predict(f: (w: tf.Tensor2D, b: number, X: tf.Tensor2D) => unknown, deps?: { sigmoid?: unknown }): void {
  requireFunction("predict", f);
  const { w, b, X } = COURSE.predict.inputs;
  runChecks("predict", [
    {
      name: "the course's example",
      run: () => {
        const got = f(tensorOf(w) as tf.Tensor2D, b, tensorOf(X) as tf.Tensor2D);
        expectTensorClose("predict(w = [[0.1124579], [0.23106775]], b = -0.3, X = [[1, -1.1, -3.2], [1.2, 2, 0.1]])", got, COURSE.predict.output, EXACT);
      },
    },
    {
      name: "a = 0.5 predicts 0",
      run: () => {
        const got = f(tf.zeros([2, 1]), 0, tf.ones([2, 3]));
        expectTensorClose("predict(w = 0, b = 0, X) (every activation is exactly 0.5; only a > 0.5 predicts 1)", got, [[0, 0, 0]], EXACT);
      },
    },
  ], deps);
}

type ModelOptionsLike = { numIterations?: number; learningRate?: number; printCost?: boolean };

export function model(
  f: (Xtrain: tf.Tensor2D, Ytrain: tf.Tensor2D, Xtest: tf.Tensor2D, Ytest: tf.Tensor2D, options?: ModelOptionsLike) => unknown,
  deps?: { initializeWithZeros?: unknown; optimize?: unknown; predict?: unknown },
): void {
  requireFunction("model", f);
  const { Xtrain, Ytrain, Xtest, Ytest } = COURSE.model.inputs;
  runChecks("model", [
    {
      name: "the course's public test",
      run: () => {
        const what = "model(the course's test data: 4 features, 7 training and 3 test examples, { numIterations: 50, learningRate: 0.01 })";
        const keys = ["costs", "w", "b", "predictionsTrain", "predictionsTest", "trainAccuracy", "testAccuracy"];
        const got = expectObject(
          what,
          f(tensorOf(Xtrain) as tf.Tensor2D, tensorOf(Ytrain) as tf.Tensor2D, tensorOf(Xtest) as tf.Tensor2D, tensorOf(Ytest) as tf.Tensor2D, { numIterations: 50, learningRate: 0.01 }),
          keys,
        );
        expectNumbersClose(`${what}.costs`, got.costs, COURSE.model.costs, DESCENT);
        expectTensorClose(`${what}.w`, got.w, COURSE.model.w, DESCENT);
        expectNumberClose(`${what}.b`, got.b, COURSE.model.b, DESCENT);
        expectTensorClose(`${what}.predictionsTrain`, got.predictionsTrain, COURSE.model.predictionsTrain, EXACT);
        expectTensorClose(`${what}.predictionsTest`, got.predictionsTest, COURSE.model.predictionsTest, EXACT);
        expectNumberClose(`${what}.trainAccuracy`, got.trainAccuracy, COURSE.model.trainAccuracy, PERCENT);
        expectNumberClose(`${what}.testAccuracy`, got.testAccuracy, COURSE.model.testAccuracy, PERCENT);
      },
    },
  ], deps);
}

/** Every self-check by exercise name (for naming a failing dependency). */
const SELF_CHECKS = {
  test, basicSigmoid, sigmoid, sigmoidDerivative, image2vector, normalizeRows, softmax, l1, l2,
  datasetSizes, flattenImages, initializeWithZeros, propagate, optimize, predict, model,
};
