/**
 * Fairness: correct work earns its points however it is written. Each case is a copy of a graded
 * notebook with one change that once lost points.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import { gradeNotebook, newImage, type GradeResult } from "../../grading/grade";
import { readNotebook, type Notebook } from "../../grading/notebook";
import { stubLines } from "../../grading/release";
import type { SandboxImage } from "../../grading/sandbox";
import { NOTEBOOK_17, NOTEBOOK_18, tempDir, withCellAtEnd, withSolutions, writeNotebook } from "./helpers";

const summary = (r: GradeResult) => r.exercises.map((e) => `${e.id}: ${e.points}/${e.maxPoints}${e.passed ? "" : `\n    ${e.message.split("\n").join("\n    ")}`}`).join("\n");

/** The course's optimize loop, printing each recorded cost with `print`. */
const optimizePrinting = (print: string) => [
  "const costs: number[] = [];",
  "let dw: nn.tf.Tensor2D | undefined;",
  "let db = 0;",
  "for (let i = 0; i < numIterations; i++) {",
  "  const { grads, cost } = propagate(w, b, X, Y);",
  "  const previous = w;",
  "  w = tf.tidy(() => tf.sub(previous, tf.mul(learningRate, grads.dw)) as nn.tf.Tensor2D);",
  "  if (i > 0) previous.dispose();",
  "  dw?.dispose();",
  "  dw = grads.dw;",
  "  db = grads.db;",
  "  b = b - learningRate * db;",
  "  if (i % 100 === 0) {",
  "    costs.push(cost);",
  `    if (printCost) ${print};`,
  "  }",
  "}",
  "return { params: { w, b }, grads: { dw: dw as nn.tf.Tensor2D, db }, costs };",
];

describe("grading: fairness", function () {
  this.timeout(180000);
  let dir = "";
  let image: SandboxImage;
  const grade = (name: string, nb: Notebook, only?: string[]) => gradeNotebook(writeNotebook(dir, name, nb), { image, only });
  const fullMarks = (r: GradeResult) => assert.equal(r.score, r.maxScore, summary(r));

  before(() => {
    dir = tempDir("fairness");
    image = newImage();
  });
  after(() => {
    image.remove();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("a model computing its accuracies the course's way in float32 (tf.mean) earns its points", async () => {
    const nb = withSolutions(readNotebook(NOTEBOOK_18), {
      model: [
        "const init = initializeWithZeros(Xtrain.shape[0]);",
        "const { params, costs } = optimize(init.w, init.b, Xtrain, Ytrain, { numIterations, learningRate, printCost });",
        "const { w, b } = params;",
        "const predictionsTest = predict(w, b, Xtest);",
        "const predictionsTrain = predict(w, b, Xtrain);",
        "const trainAccuracy = 100 - tf.mean(tf.abs(tf.sub(predictionsTrain, Ytrain))).dataSync()[0] * 100;",
        "const testAccuracy = 100 - tf.mean(tf.abs(tf.sub(predictionsTest, Ytest))).dataSync()[0] * 100;",
        "return { costs, w, b, predictionsTrain, predictionsTest, trainAccuracy, testAccuracy, learningRate, numIterations };",
      ],
    });
    fullMarks(await grade("accuracy-float32.ipynb", nb, ["model"]));
  });

  for (const [how, print] of [
    ["console.info", "console.info(`Cost after iteration ${i}: ${cost.toFixed(6)}`)"],
    ["process.stdout.write", "process.stdout.write(`Cost after iteration ${i}: ${cost.toFixed(6)}\\n`)"],
    ["other wording", "console.log(`Cost after iteration ${i} = ${cost}`)"],
  ] as const) {
    it(`optimize printing its costs with ${how} earns its points (the costs returned are what is judged)`, async () => {
      const nb = withSolutions(readNotebook(NOTEBOOK_18), { optimize: optimizePrinting(print) });
      fullMarks(await grade(`print-${how.replace(/\W+/g, "-")}.ipynb`, nb, ["optimize"]));
    });
  }

  it("optimize that prints nothing when asked to loses only the printing check", async () => {
    const nb = withSolutions(readNotebook(NOTEBOOK_18), { optimize: optimizePrinting("void 0") });
    const result = await grade("print-nothing.ipynb", nb, ["optimize"]);
    const optimize = result.exercises[0];
    assert.equal(optimize.points, 0);
    assert.deepEqual(optimize.checks.filter((c) => !c.passed).map((c) => c.title), [optimize.checks.find((c) => c.title.startsWith("printCost: true"))!.title], summary(result));
    assert.match(optimize.message, /should print a line like "Cost after iteration 0: \d+\.\d{6}"/);
  });

  it("a function redefined in a later cell, and a helper defined in a later cell, are graded as the notebook defines them top to bottom", async () => {
    // The student left sigmoid's stub and fixed the answer at the end; softmax calls a helper defined below it.
    const stub = stubLines("sigmoid", "").map((line) => line.trim());
    const nb = withCellAtEnd(
      withCellAtEnd(withSolutions(readNotebook(NOTEBOOK_17), { sigmoid: stub, softmax: ["return tf.tidy(() => rowSoftmax(x));"] }), [
        "function sigmoid(z: nn.tf.Tensor): nn.tf.Tensor {",
        "  return tf.div(1, tf.add(1, tf.exp(tf.neg(z))));",
        "}",
      ]),
      ["function rowSoftmax(x: nn.tf.Tensor2D): nn.tf.Tensor2D {", "  const e = tf.exp(x);", "  return tf.div(e, tf.sum(e, 1, true));", "}"],
    );
    const result = await grade("later-cells.ipynb", nb, ["sigmoid", "softmax", "l1"]);
    const points = Object.fromEntries(result.exercises.map((e) => [e.id, e.points]));
    assert.deepEqual(points, { sigmoid: 1, softmax: 2, l1: 1 }, summary(result));
  });
});
