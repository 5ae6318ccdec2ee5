/**
 * The notebooks' self-checks, like the course's public_tests.py: `nn.check.sigmoid(sigmoid)` runs
 * the student's function on the course's published examples (plus a few properties any correct
 * answer has), prints "✔ sigmoid: all tests passed", or throws a message with expected vs got and
 * the shapes. The expected numbers are the course's published outputs (values and data of its
 * public tests); test/grading checks them against the float64 reference fixture.
 * The grader runs more and different checks (grading/checks).
 */
import { tf } from "../backend";
import {
  CheckFailure,
  describe,
  expectNumberClose,
  expectNumbersClose,
  expectObject,
  expectTensorClose,
  tensorOf,
  type Tolerance,
} from "./compare";
import { COURSE } from "./courseValues";

interface NamedCheck {
  name: string;
  run: () => void;
}

/** Runs the checks in order; the first failure throws with the function's name and the check's. */
function runChecks(fnName: string, checks: readonly NamedCheck[]): void {
  for (const check of checks) {
    try {
      tf.tidy(() => {
        check.run();
      });
    } catch (err) {
      if (err instanceof CheckFailure) throw new CheckFailure(`${fnName}: ${err.message}`);
      const message = err instanceof Error ? err.message : String(err);
      throw new CheckFailure(`${fnName} threw an error (${check.name}): ${message}`);
    }
  }
  console.log(`✔ ${fnName}: all tests passed`);
}

function requireFunction(fnName: string, f: unknown): void {
  if (typeof f !== "function") throw new CheckFailure(`check.${fnName}: pass your function, e.g. nn.check.${fnName}(${fnName}); got ${describe(f)}`);
}

/** Throws unless `input` is still usable: the function must not dispose what it was given. */
function expectAlive(what: string, input: tf.Tensor): void {
  if (input.isDisposed) throw new CheckFailure(`${what}: the input tensor was disposed; a function must not dispose its arguments`);
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

export function sigmoid(f: (z: tf.Tensor) => unknown): void {
  requireFunction("sigmoid", f);
  runChecks("sigmoid", elementwise("sigmoid", f, COURSE.sigmoid, 0.5));
}

export function sigmoidDerivative(f: (x: tf.Tensor) => unknown): void {
  requireFunction("sigmoidDerivative", f);
  runChecks("sigmoidDerivative", elementwise("sigmoidDerivative", f, COURSE.sigmoidDerivative, 0.25));
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

/**
 * Gradient descent repeats the float32 roundings of every step: over the course's 50–100
 * iterations they stay far below 1e-4 relative (measured: ~1e-6), so that bound cannot hide a wrong
 * formula, whose error is of the order of the values themselves.
 */
const DESCENT: Tolerance = { rtol: 1e-4, atol: 1e-5 };

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

export function propagate(f: (w: tf.Tensor2D, b: number, X: tf.Tensor2D, Y: tf.Tensor2D) => unknown): void {
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
  ]);
}

type OptimizeOptionsLike = { numIterations: number; learningRate: number; printCost?: boolean };

export function optimize(f: (w: tf.Tensor2D, b: number, X: tf.Tensor2D, Y: tf.Tensor2D, options: OptimizeOptionsLike) => unknown): void {
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
  ]);
}

export function predict(f: (w: tf.Tensor2D, b: number, X: tf.Tensor2D) => unknown): void {
  requireFunction("predict", f);
  const { w, b, X } = COURSE.predict.inputs;
  runChecks("predict", [
    {
      name: "the course's example",
      run: () => {
        const got = f(tensorOf(w) as tf.Tensor2D, b, tensorOf(X) as tf.Tensor2D);
        expectTensorClose("predict(w = [[0.1124579], [0.23106775]], b = -0.3, X = [[1, -1.1, -3.2], [1.2, 2, 0.1]])", got, COURSE.predict.output, { rtol: 0, atol: 0 });
      },
    },
    {
      name: "a = 0.5 predicts 0",
      run: () => {
        const got = f(tf.zeros([2, 1]), 0, tf.ones([2, 3]));
        expectTensorClose("predict(w = 0, b = 0, X) (every activation is exactly 0.5; only a > 0.5 predicts 1)", got, [[0, 0, 0]], { rtol: 0, atol: 0 });
      },
    },
  ]);
}

type ModelOptionsLike = { numIterations?: number; learningRate?: number; printCost?: boolean };

export function model(f: (Xtrain: tf.Tensor2D, Ytrain: tf.Tensor2D, Xtest: tf.Tensor2D, Ytest: tf.Tensor2D, options?: ModelOptionsLike) => unknown): void {
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
        expectTensorClose(`${what}.predictionsTrain`, got.predictionsTrain, COURSE.model.predictionsTrain, { rtol: 0, atol: 0 });
        expectTensorClose(`${what}.predictionsTest`, got.predictionsTest, COURSE.model.predictionsTest, { rtol: 0, atol: 0 });
        expectNumberClose(`${what}.trainAccuracy`, got.trainAccuracy, COURSE.model.trainAccuracy, { rtol: 1e-9, atol: 0 });
        expectNumberClose(`${what}.testAccuracy`, got.testAccuracy, COURSE.model.testAccuracy, { rtol: 1e-9, atol: 0 });
      },
    },
  ]);
}
