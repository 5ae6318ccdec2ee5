/**
 * The pieces of the grading system agree with each other: the assignments' manifest with the
 * notebooks' nbgrader metadata, the library's functions (the grader's stand-ins) with the exercise
 * names, the self-checks' course values with the float64 reference — and the self-checks pass a
 * right answer and explain a wrong one.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as nn from "../../lib";
import { COURSE } from "../../lib/check/courseValues";
import { freeNames, parseCell, topLevelDeclarations } from "../../grading/analyze";
import { ASSIGNMENTS, findAssignment } from "../../grading/assignments";
import { cellSource, nbgrader, readNotebook } from "../../grading/notebook";
import { clearSolutions } from "../../grading/release";
import { captureLog } from "../fixtures/captureLog";
import * as ref from "../../grading/checks/reference";
import { REPO_ROOT } from "./helpers";

const fixture = (name: string) => JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "grading", "fixtures", `${name}.json`), "utf8")).fixtures;

function deepClose(got: unknown, want: unknown, where: string): void {
  if (Array.isArray(want)) {
    assert.ok(Array.isArray(got) && got.length === want.length, `${where}: length`);
    want.forEach((w, i) => deepClose((got as unknown[])[i], w, `${where}[${i}]`));
  } else {
    assert.ok(Math.abs((got as number) - (want as number)) <= 1e-12 * Math.max(1, Math.abs(want as number)), `${where}: ${got} vs ${want}`);
  }
}

describe("grading: the notebooks match the assignments", () => {
  for (const assignment of ASSIGNMENTS) {
    const file = path.join(REPO_ROOT, "notebooks", assignment.notebook);

    it(`${assignment.notebook}: each exercise is a solution cell, then its test cell, points as in the manifest`, () => {
      const nb = readNotebook(file);
      const code = nb.cells.filter((c) => c.cell_type === "code");
      for (const exercise of assignment.exercises) {
        const at = code.findIndex((c) => nbgrader(c)?.grade_id === exercise.id);
        assert.ok(at >= 0, `no cell with grade_id ${exercise.id}`);
        const solution = code[at];
        assert.deepEqual(solution.metadata.nbgrader, { grade: false, solution: true, locked: false, task: false, grade_id: exercise.id, schema_version: 3 });
        const source = cellSource(solution);
        const declaration = exercise.kind === "value" ? `^let ${exercise.fnName}: ` : `^function ${exercise.fnName}\\(`;
        assert.match(source, new RegExp(declaration, "m"));
        assert.match(source, /^\s*\/\/ ### BEGIN SOLUTION$/m);
        assert.match(source, /^\s*\/\/ ### END SOLUTION$/m);
        // The exercise's test cell comes after it (after a demo cell and the expected output), before the next exercise.
        const test = code.slice(at + 1).find((c) => nbgrader(c))!;
        assert.ok(test, `no test cell after ${exercise.id}`);
        assert.deepEqual(test.metadata.nbgrader, {
          grade: true, solution: false, locked: true, task: false, grade_id: `${exercise.id}_check`, points: exercise.points, schema_version: 3,
        });
        // The self-check, given the earlier exercises' functions it calls (to name them when they fail).
        assert.match(cellSource(test).trim(), new RegExp(`^nn\\.check\\.${exercise.fnName}\\(${exercise.fnName}(, \\{ \\w+(, \\w+)* \\})?\\);$`));
      }
      const ids = code.flatMap((c) => (nbgrader(c)?.solution ? [nbgrader(c)!.grade_id] : []));
      assert.deepEqual(ids, assignment.exercises.map((e) => e.id), "solution cells in manifest order, no others");
      assert.equal(findAssignment(ids), assignment);
    });
  }

  it("every exercise has a self-check and checks; a stand-in exists in the library; numbers are the course's", () => {
    for (const exercise of ASSIGNMENTS.flatMap((a) => a.exercises)) {
      if (exercise.standIn) assert.equal(typeof (nn as unknown as Record<string, unknown>)[exercise.fnName], "function", `nn.${exercise.fnName}`);
      assert.equal(typeof (nn.check as unknown as Record<string, unknown>)[exercise.fnName], "function", `nn.check.${exercise.fnName}`);
      assert.ok(fs.existsSync(path.join(REPO_ROOT, "grading", "checks", `${exercise.checks}.ts`)), `checks for ${exercise.id}`);
      assert.equal(nn.check.EXERCISE_NUMBERS[exercise.fnName], exercise.number, `${exercise.id}'s number`);
    }
  });

  for (const assignment of ASSIGNMENTS) {
    it(`${assignment.notebook}: numbered like the course, and tells students to grade their own copy`, () => {
      const nb = readNotebook(path.join(REPO_ROOT, "notebooks", assignment.notebook));
      const text = nb.cells.map(cellSource).join("\n");
      assert.doesNotMatch(text, /npm run grade -- notebooks\//, "grade the released copy, not the solved one");
      assert.match(text, new RegExp(`npm run grade -- release/${assignment.notebook.replace(".", "\\.")}`));
      // The released copy has no markers: the instructions must not ask to write between them.
      assert.doesNotMatch(nb.cells.filter((c) => c.cell_type === "markdown").map(cellSource).join("\n"), /BEGIN SOLUTION/);
      for (const e of assignment.exercises) {
        assert.match(text, new RegExp(`<a name='ex-${e.number}'></a>\\n### Exercise ${e.number}( - ${e.fnName})?\\n`), `Exercise ${e.number} (${e.fnName})`);
      }
    });
  }
});

describe("grading: nn.check, the notebooks' self-checks", () => {
  it("its course values are the float64 reference's", () => {
    const tb = fixture("tensor_basics");
    deepClose(COURSE.basicSigmoid.atOne, tb.basicSigmoid[0].expected, "basicSigmoid");
    deepClose(COURSE.sigmoid.output, tb.sigmoid[0].expected, "sigmoid");
    deepClose(COURSE.sigmoidDerivative.output, tb.sigmoidDerivative[0].expected, "sigmoidDerivative");
    deepClose(COURSE.image2vector.image, tb.image2vector[0].inputs.image, "image2vector");
    deepClose(COURSE.normalizeRows.output, tb.normalizeRows[0].expected, "normalizeRows");
    deepClose(COURSE.softmax.output, tb.softmax[0].expected, "softmax");
    deepClose([COURSE.losses.l1, COURSE.losses.l2], [tb.l1[0].expected, tb.l2[0].expected], "losses");
    const lr = fixture("logreg");
    const p = lr.propagate[0];
    deepClose([COURSE.propagate.inputs.w, COURSE.propagate.inputs.X, COURSE.propagate.inputs.Y], [p.inputs.w, p.inputs.X, p.inputs.Y], "propagate inputs");
    deepClose([COURSE.propagate.dw, COURSE.propagate.db, COURSE.propagate.cost], [p.dw, p.db, p.cost], "propagate");
    const o = lr.optimize[0];
    deepClose([COURSE.optimize.w, COURSE.optimize.b, COURSE.optimize.dw, COURSE.optimize.db, COURSE.optimize.costs], [o.w, o.b, o.dw, o.db, o.costs], "optimize");
    deepClose(COURSE.predict.output, lr.predict[0].YPrediction, "predict");
    const m = lr.model[0];
    for (const key of ["Xtrain", "Ytrain", "Xtest", "Ytest"] as const) deepClose(COURSE.model.inputs[key], m.inputs[key], `model ${key}`);
    for (const key of ["costs", "w", "b", "predictionsTrain", "predictionsTest", "trainAccuracy", "testAccuracy"] as const) deepClose(COURSE.model[key], m[key], `model ${key}`);
  });

  it("the grader's float64 references (for its fresh random cases) reproduce the numpy fixtures", () => {
    const tb = fixture("tensor_basics");
    for (const c of tb.basicSigmoid) deepClose(ref.sigmoid(c.inputs.x), c.expected, `basicSigmoid ${c.name}`);
    for (const c of tb.sigmoid) deepClose(ref.mapNested(c.inputs.z, ref.sigmoid), c.expected, `sigmoid ${c.name}`);
    for (const c of tb.sigmoidDerivative) deepClose(ref.mapNested(c.inputs.x, ref.sigmoidDerivative), c.expected, `sigmoidDerivative ${c.name}`);
    for (const c of tb.normalizeRows) deepClose(ref.normalizeRows(c.inputs.x), c.expected, `normalizeRows ${c.name}`);
    for (const c of tb.softmax) deepClose(ref.softmax(c.inputs.x), c.expected, `softmax ${c.name}`);
    for (const name of ["l1", "l2"] as const) for (const c of tb[name]) deepClose(ref[name](c.inputs.yhat, c.inputs.y), c.expected, `${name} ${c.name}`);
    const lr = fixture("logreg");
    for (const c of lr.flattenImages) deepClose(ref.flattenImages(c.inputs.images), c.expected, `flattenImages ${c.name}`);
    for (const c of lr.propagate) {
      const { w, b, X, Y } = c.inputs;
      const got = ref.propagate(w, b, X, Y);
      deepClose([got.dw, got.db, got.cost], [c.dw, c.db, c.cost], `propagate ${c.name}`);
    }
    for (const c of lr.optimize) {
      const { w, b, X, Y, numIterations, learningRate } = c.inputs;
      const got = ref.optimize(w, b, X, Y, numIterations, learningRate);
      deepClose([got.w, got.b, got.dw, got.db, got.costs], [c.w, c.b, c.dw, c.db, c.costs], `optimize ${c.name}`);
    }
    for (const c of lr.predict) deepClose(ref.predict(c.inputs.w, c.inputs.b, c.inputs.X), c.YPrediction, `predict ${c.name}`);
  });

  it("pass the library's functions, printing ✔", function () {
    this.timeout(20000);
    const tf = nn.tf;
    const pairs: [string, unknown][] = Object.entries({
      test: "Hello World",
      basicSigmoid: (x: number) => nn.sigmoid(x),
      datasetSizes: (a: nn.tf.Tensor4D, b: nn.tf.Tensor4D) => ({ mTrain: a.shape[0], mTest: b.shape[0], numPx: a.shape[1] }),
      flattenImages: (X: nn.tf.Tensor4D) => tf.tidy(() => tf.reshape(X, [X.shape[0], -1]).transpose()),
      sigmoid: nn.sigmoid, sigmoidDerivative: nn.sigmoidDerivative, image2vector: nn.image2vector, normalizeRows: nn.normalizeRows,
      softmax: nn.softmax, l1: nn.l1, l2: nn.l2, initializeWithZeros: nn.initializeWithZeros, propagate: nn.propagate,
      optimize: nn.optimize, predict: nn.predict, model: nn.model,
    });
    for (const [name, f] of pairs) {
      const { lines } = captureLog(() => (nn.check as unknown as Record<string, (f: unknown) => void>)[name](f));
      assert.ok(lines.includes(`✔ ${name}: all tests passed`), `${name}: ${lines.join(" | ")}`);
    }
  });

  it("explain a wrong answer: expected vs got, with shapes", () => {
    const tf = nn.tf;
    assert.throws(() => nn.check.sigmoid((z: nn.tf.Tensor) => tf.div(1, tf.add(1, tf.exp(z)))), /sigmoid: sigmoid\(\[1, 2, 3\]\): wrong values \(shape \(3,\) is right\)\n\s+expected: \[0\.73105858, 0\.88079708, 0\.95257413\]\n\s+got: +\[0\.2689414/);
    assert.throws(() => nn.check.image2vector((image: nn.tf.Tensor3D) => tf.reshape(image, [1, -1])), /wrong shape: expected \(18, 1\), got \(1, 18\) — it looks transposed/);
    assert.throws(() => nn.check.l1(() => tf.scalar(1.1)), /expected a number, got a tf.Tensor of shape \(\) \(read the number out of the tensor with \.dataSync\(\)\[0\]/);
    assert.throws(() => nn.check.predict(() => { throw new Error("predict: not implemented yet"); }), /predict threw an error \(the course's example\): predict: not implemented yet/);
    assert.throws(() => nn.check.initializeWithZeros((dim: number) => ({ w: tf.zeros([dim]), b: 0 })), /initializeWithZeros\(2\)\.w: wrong shape: expected \(2, 1\), got \(2,\) — a rank-1 array; reshape it to \(2, 1\)/);
  });

  it("name the earlier exercise a failure comes from", () => {
    const tf = nn.tf;
    const wrongSigmoid = (z: nn.tf.Tensor) => tf.div(1, tf.add(2, tf.exp(tf.neg(z))));
    const usesIt = (x: nn.tf.Tensor) => tf.tidy(() => {
      const s = wrongSigmoid(x);
      return tf.mul(s, tf.sub(1, s));
    });
    assert.throws(
      () => nn.check.sigmoidDerivative(usesIt, { sigmoid: wrongSigmoid }),
      /sigmoidDerivative: sigmoidDerivative\(\[1, 2, 3\]\): wrong values[\s\S]*This comes from sigmoid \(Exercise 3\), which sigmoidDerivative calls: it fails its own check\.\n  sigmoid: sigmoid\(\[1, 2, 3\]\): wrong values[\s\S]*Fix sigmoid \(Exercise 3\) first/,
    );
    // A right sigmoid: the failure is the derivative's own.
    assert.throws(() => nn.check.sigmoidDerivative((x: nn.tf.Tensor) => nn.sigmoid(x), { sigmoid: nn.sigmoid }), (err: Error) => !/This comes from/.test(err.message));
  });

  it("leave no tensors behind", () => {
    const before = nn.tf.memory().numTensors;
    captureLog(() => nn.check.softmax(nn.softmax));
    assert.throws(() => nn.check.softmax((x: nn.tf.Tensor2D) => x));
    assert.equal(nn.tf.memory().numTensors, before);
  });
});

describe("grading: cell analysis and release stubs", () => {
  it("finds a cell's top-level names and the outside names it uses, scope-aware", () => {
    const sf = parseCell(`import * as nn from "../lib";
const tf = nn.tf;
function model(X: nn.tf.Tensor2D, options = { rate: alpha }) {
  const { w, b } = initializeWithZeros(X.shape[0]);
  const costs: number[] = [];
  for (let i = 0; i < 3; i++) costs.push(i);
  const f = (d: number) => d + offset;
  try { helper(w); } catch (err) { console.log(err, { tf, shorthand }); }
  return { w, b, costs, f, label: obj.label };
}`);
    assert.deepEqual([...topLevelDeclarations(sf)].sort(), ["model", "nn", "tf"]);
    const free = freeNames(sf);
    for (const name of ["alpha", "initializeWithZeros", "offset", "helper", "console", "shorthand", "obj"]) assert.ok(free.has(name), name);
    for (const name of ["X", "w", "b", "costs", "i", "f", "d", "err", "label", "rate", "shape", "tf", "nn", "model", "options"]) assert.ok(!free.has(name), name);
  });

  it("replaces each solution region, markers included, by a stub at its indentation", () => {
    const source = [
      "function l1(yhat: number[], y: number[]): number {",
      "  // hint",
      "  // ### BEGIN SOLUTION",
      "  return 42;",
      "  // ### END SOLUTION",
      "}",
    ].join("\n");
    assert.equal(
      clearSolutions(source, "test", "fallback"),
      ["function l1(yhat: number[], y: number[]): number {", "  // hint", "  // YOUR CODE HERE", '  throw new Error("l1: not implemented yet — replace this line with your code");', "}"].join("\n"),
    );
    assert.throws(() => clearSolutions("// ### BEGIN SOLUTION\nx", "cell 3", "f"), /cell 3: BEGIN SOLUTION on line 1 is never closed/);
  });
});
