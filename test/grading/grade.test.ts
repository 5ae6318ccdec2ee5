/**
 * The grader end to end: the source notebooks get full marks, the released ones 0, and broken or
 * hostile notebooks (built here from the source notebooks) get partial credit with exactly the
 * broken exercises failed, in bounded time, without touching anything outside the sandbox.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { ASSIGNMENTS } from "../../grading/assignments";
import { gradeNotebook, type GradeResult } from "../../grading/grade";
import { readNotebook } from "../../grading/notebook";
import { studentVersion } from "../../grading/release";
import { NOTEBOOK_17, NOTEBOOK_18, tempDir, withSolutions, writeNotebook } from "./helpers";

const maxScore = (i: number) => ASSIGNMENTS[i].exercises.reduce((sum, e) => sum + e.points, 0);
const failedIds = (r: GradeResult) => r.exercises.filter((e) => !e.passed).map((e) => e.id);
const byId = (r: GradeResult, id: string) => r.exercises.find((e) => e.id === id)!;
const summary = (r: GradeResult) => r.exercises.map((e) => `${e.id}: ${e.points}/${e.maxPoints}${e.passed ? "" : `\n    ${e.message.split("\n").join("\n    ")}`}`).join("\n");

describe("grading: end to end", function () {
  this.timeout(90000);
  let dir = "";
  before(() => {
    dir = tempDir("grade");
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const [i, file] of [[0, NOTEBOOK_17], [1, NOTEBOOK_18]] as const) {
    const name = path.basename(file);

    it(`the source ${name} grades full marks`, async () => {
      const result = await gradeNotebook(file);
      assert.equal(result.maxScore, maxScore(i));
      assert.equal(result.score, result.maxScore, summary(result));
      assert.deepEqual(result.exercises.map((e) => e.id), ASSIGNMENTS[i].exercises.map((e) => e.id));
    });

    it(`the released ${name} grades 0, every exercise "not implemented yet"`, async () => {
      const released = writeNotebook(dir, name, studentVersion(readNotebook(file), name));
      const result = await gradeNotebook(released);
      assert.equal(result.score, 0, summary(result));
      assert.equal(result.maxScore, maxScore(i));
      for (const e of result.exercises) {
        assert.equal(e.passed, false);
        assert.match(e.message, new RegExp(`${e.fnName}: not implemented yet`), `${e.id}: ${e.message}`);
      }
    });
  }

  it("17 with an infinite loop, a wrong formula and a syntax error: partial credit, bounded time", async () => {
    const nb = withSolutions(readNotebook(NOTEBOOK_17), {
      sigmoid: ["while (true) {}"],
      // Normalizes by the column sums (axis 0) instead of the row sums.
      softmax: ["return tf.tidy(() => tf.div(tf.exp(x), tf.sum(tf.exp(x), 0, true)));"],
      l2: ["return tf.tidy(() => tf.sum(tf.square(tf.sub(y, yhat)).dataSync()[0]);"],
    });
    const limitMs = 5000;
    const started = Date.now();
    const result = await gradeNotebook(writeNotebook(dir, "17-broken.ipynb", nb), { timeLimitMs: limitMs });
    const elapsed = Date.now() - started;

    assert.deepEqual(failedIds(result), ["sigmoid", "softmax", "l2"], summary(result));
    assert.equal(result.score, maxScore(0) - 1 - 2 - 1);
    const loop = byId(result, "sigmoid");
    assert.equal(loop.timedOut, true);
    assert.match(loop.message, /stopped after 5 s, the time limit for sigmoid/);
    assert.match(byId(result, "softmax").message, /wrong values \(shape \(2, 5\) is right\)[\s\S]*expected:[\s\S]*got:/);
    const syntax = byId(result, "l2");
    assert.match(syntax.message, /the l2 cell \(grade_id l2\) does not compile:\n\s+line \d+, column \d+: '\)' expected/);
    // sigmoidDerivative calls sigmoid: it is graded with the library's sigmoid, not the looping one.
    assert.equal(byId(result, "sigmoid_derivative").passed, true);
    // Bounded: the loop costs its time limit once; everything else runs beside it.
    assert.ok(elapsed < limitMs + 40000, `grading took ${elapsed} ms`);
  });

  it("18 with a type error, a wrong formula and a promise that never settles: only those fail", async () => {
    const nb = withSolutions(readNotebook(NOTEBOOK_18), {
      initialize_with_zeros: ["return { w: [[0], [0]], b: 0 };"],
      propagate: [
        "const m = X.shape[1];",
        "return tf.tidy(() => {",
        "  const A = nn.sigmoid(tf.add(tf.matMul(tf.transpose(w), X), b));",
        "  const cost = tf.mul(-1 / m, tf.sum(tf.add(tf.mul(Y, tf.log(A)), tf.mul(tf.sub(1, Y), tf.log(tf.sub(1, A))))));",
        "  const dZ = tf.sub(A, Y);",
        "  const dw = tf.matMul(X, tf.transpose(dZ)) as nn.tf.Tensor2D; // forgets the 1/m",
        "  return { grads: { dw, db: tf.mean(dZ).dataSync()[0] }, cost: cost.dataSync()[0] };",
        "});",
      ],
      predict: ["return new Promise(() => {}) as unknown as nn.tf.Tensor2D;"],
    });
    const result = await gradeNotebook(writeNotebook(dir, "18-broken.ipynb", nb), { timeLimitMs: 6000 });
    assert.deepEqual(failedIds(result), ["initialize_with_zeros", "propagate", "predict"], summary(result));
    assert.match(byId(result, "initialize_with_zeros").message, /does not compile:\n\s+line \d+, column \d+: Type 'number\[\]\[\]' is missing/);
    assert.match(byId(result, "propagate").message, /grads\.dw: wrong values \(shape \(2, 1\) is right\)/);
    assert.match(byId(result, "predict").message, /never settles|time limit/);
    // optimize and model use propagate / predict / initializeWithZeros: graded with the library's.
    assert.equal(result.score, maxScore(1) - 1 - 3 - 2);
  });

  it("without Linux namespaces (Node's permission model alone) it grades the same, and says so", async () => {
    const result = await gradeNotebook(NOTEBOOK_18, { isolation: "permission-model", only: ["sigmoid", "propagate", "predict"] });
    assert.equal(result.isolation, "permission-model");
    assert.equal(result.score, result.maxScore, summary(result));
  });

  it("student code cannot write files, and one exercise's crash is its own", async () => {
    const victim = path.join(dir, "victim.txt");
    const nb = withSolutions(readNotebook(NOTEBOOK_17), {
      sigmoid: [
        `try { require("fs").writeFileSync(${JSON.stringify(victim)}, "written by student code"); } catch {}`,
        `try { require("fs").writeFileSync(${JSON.stringify(NOTEBOOK_17)}, "{}"); } catch {}`,
        "return tf.div(1, tf.add(1, tf.exp(tf.neg(z))));",
      ],
      image2vector: ["process.exit(0);", "return image as unknown as nn.tf.Tensor2D;"],
    });
    const before = fs.readFileSync(NOTEBOOK_17, "utf8");
    const result = await gradeNotebook(writeNotebook(dir, "17-hostile.ipynb", nb));
    assert.equal(fs.existsSync(victim), false, "student code wrote a file");
    assert.equal(fs.readFileSync(NOTEBOOK_17, "utf8"), before, "student code changed the source notebook");
    assert.deepEqual(failedIds(result), ["image2vector"], summary(result));
    assert.match(byId(result, "image2vector").message, /stopped unexpectedly while grading image2vector \(exit code 0\)/);
  });
});
