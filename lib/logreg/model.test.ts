import { strict as assert } from "assert";
import { tf } from "../backend";
import { captureLog } from "../../test/fixtures/captureLog";
import { assertAllClose, assertClose, assertTensorClose, loadFixture, type Nested } from "../../test/fixtures/fixtures";
import { describeEachImplementation } from "../../test/fixtures/implementations";
import { model } from "./model";

interface ModelCase {
  inputs: { Xtrain: number[][]; Ytrain: number[][]; Xtest: number[][]; Ytest: number[][]; numIterations: number; learningRate: number };
  costs: number[];
  w: Nested;
  b: number;
  predictionsTrain: number[][];
  predictionsTest: number[][];
  trainAccuracy: number;
  testAccuracy: number;
}
const c = loadFixture("logreg").fixtures.model.random as ModelCase;

describeEachImplementation("model", () => {
  let Xtrain: tf.Tensor2D;
  let Ytrain: tf.Tensor2D;
  let Xtest: tf.Tensor2D;
  let Ytest: tf.Tensor2D;
  before(() => {
    Xtrain = tf.tensor2d(c.inputs.Xtrain);
    Ytrain = tf.tensor2d(c.inputs.Ytrain);
    Xtest = tf.tensor2d(c.inputs.Xtest);
    Ytest = tf.tensor2d(c.inputs.Ytest);
  });
  after(() => tf.dispose([Xtrain, Ytrain, Xtest, Ytest]));

  it("trains, predicts and scores like the numpy reference, printing the accuracies like the course", () => {
    const { numIterations, learningRate } = c.inputs;
    const before = tf.memory().numTensors;
    const { result: d, lines } = captureLog(() => model(Xtrain, Ytrain, Xtest, Ytest, { numIterations, learningRate }));
    assert.equal(tf.memory().numTensors, before + 3, "only w and the two prediction tensors are new");
    assertAllClose(d.costs, c.costs, "costs");
    assertTensorClose(d.w, c.w, "w");
    assertClose(d.b, c.b, "b");
    assert.deepEqual(d.predictionsTrain.arraySync(), c.predictionsTrain);
    assert.deepEqual(d.predictionsTest.arraySync(), c.predictionsTest);
    assert.equal(d.trainAccuracy, c.trainAccuracy);
    assert.equal(d.testAccuracy, c.testAccuracy);
    assert.equal(d.numIterations, numIterations);
    assert.equal(d.learningRate, learningRate);
    // Python prints 87.5 and 60.0; integers keep their ".0".
    assert.deepEqual(lines, [`train accuracy: 87.5 %`, `test accuracy: 60.0 %`]);
    assert.equal(c.trainAccuracy, 87.5);
    assert.equal(c.testAccuracy, 60);
    tf.dispose([d.w, d.predictionsTrain, d.predictionsTest]);
  });

  it("uses the course's defaults (2000 iterations at 0.5), prints costs on request, and is silent when quiet", () => {
    const { result: d, lines } = captureLog(() => model(Xtrain, Ytrain, Xtest, Ytest, { printCost: true, quiet: true }));
    assert.equal(d.numIterations, 2000);
    assert.equal(d.learningRate, 0.5);
    assert.equal(d.costs.length, 20);
    assert.equal(lines.length, 20);
    assert.match(lines[19], /^Cost after iteration 1900: \d+\.\d{6}$/);
    tf.dispose([d.w, d.predictionsTrain, d.predictionsTest]);
  });

  it("rejects mismatched train/test sets and bad options, naming model and the shapes", () => {
    const XtestShort = tf.slice(Xtest, [0, 0], [5, -1]) as tf.Tensor2D;
    assert.throws(() => model(Xtrain, Ytrain, XtestShort, Ytest, { quiet: true }), {
      message: "model: Xtrain of shape (12, 80) and Xtest of shape (5, 30) disagree on n_x: both need one row per feature (the same preprocessing)",
    });
    assert.throws(() => model(Xtrain, Ytest, Xtest, Ytest, { quiet: true }), {
      message: "model: Ytrain must have shape (1, 80) to match Xtrain of shape (12, 80) (one label per column), got (1, 30)",
    });
    const YtestRank1 = tf.reshape(Ytest, [-1]);
    assert.throws(() => model(Xtrain, Ytrain, Xtest, YtestRank1 as tf.Tensor2D, { quiet: true }), {
      message: "model: Ytest must have shape (1, 30) to match Xtest of shape (12, 30) (one label per column), got (30,) — a rank-1 array; reshape it to (1, 30)",
    });
    assert.throws(() => model(Xtrain, Ytrain, Xtest, Ytest, { learningRate: -0.5 }), {
      message: "model: learningRate must be a positive finite number, got -0.5",
    });
    tf.dispose([XtestShort, YtestRank1]);
  });
});
