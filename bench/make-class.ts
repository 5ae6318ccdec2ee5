/**
 * A class of submissions for the grading benchmark, in nbgrader's layout:
 * <dir>/submitted/student-NNN/<assignment>/<notebook>.ipynb, half of them each assignment.
 *
 * The mix, drawn with a seeded generator (the same class every run): full marks (the solved
 * notebook), partial (one to three exercises answered wrongly: wrong formulas, shapes, a library
 * call), nothing done (the released notebook), a syntax or type error, an exercise that never
 * ends (an infinite loop, stopped at its time limit), and broken or foreign files (empty, not
 * JSON, nbformat 3, the other assignment's notebook, a lesson notebook).
 *
 *   tsx bench/make-class.ts <dir> [--count 300] [--seed 2026]
 */
import * as fs from "fs";
import * as path from "path";
import { ASSIGNMENTS } from "../grading/assignments";
import { cellSource, nbgrader, readNotebook, solutionRegions, toSourceLines, type Notebook } from "../grading/notebook";
import { studentVersion } from "../grading/release";

const REPO = path.resolve(__dirname, "..");

/** Wrong answers, by grade_id: each is a body a student might write. */
const WRONG: Record<string, string[][]> = {
  test: [['test = "hello world";']],
  basic_sigmoid: [["return 1 / (1 + Math.exp(x));"]],
  sigmoid: [["return tf.div(1, tf.add(1, tf.exp(z)));"], ["return nn.sigmoid(z);"]],
  sigmoid_derivative: [["return tf.tidy(() => { const s = sigmoid(x); return tf.mul(s, s); });"]],
  image2vector: [["return tf.reshape(image, [1, -1]) as nn.tf.Tensor2D;"]],
  normalize_rows: [["return tf.tidy(() => tf.div(x, tf.norm(x, 'euclidean', 0, true)));"]],
  softmax: [["return tf.tidy(() => tf.div(tf.exp(x), tf.sum(tf.exp(x), 0, true)));"], ["return nn.softmax(x);"]],
  l1: [["return tf.tidy(() => tf.sum(tf.sub(y, yhat)).dataSync()[0]);"]],
  l2: [["return tf.tidy(() => tf.sum(tf.abs(tf.sub(y, yhat))).dataSync()[0]);"]],
  dataset_sizes: [["return { mTrain: trainSetXOrig.shape[1], mTest: testSetXOrig.shape[1], numPx: trainSetXOrig.shape[0] };"]],
  flatten_images: [["return tf.reshape(images, [-1, images.shape[0]]) as nn.tf.Tensor2D;"]],
  initialize_with_zeros: [["return { w: tf.zeros([1, dim]) as nn.tf.Tensor2D, b: 0 };"]],
  propagate: [
    [
      "const m = X.shape[1];",
      "return tf.tidy(() => {",
      "  const A = sigmoid(tf.add(tf.matMul(tf.transpose(w), X), b));",
      "  const cost = -tf.mean(tf.add(tf.mul(Y, tf.log(A)), tf.mul(tf.sub(1, Y), tf.log(tf.sub(1, A))))).dataSync()[0];",
      "  const dw = tf.matMul(X, tf.transpose(tf.sub(A, Y))) as nn.tf.Tensor2D; // forgets 1/m",
      "  return { grads: { dw, db: tf.mean(tf.sub(A, Y)).dataSync()[0] }, cost };",
      "});",
    ],
    ["return nn.propagate(w, b, X, Y);"],
  ],
  optimize: [["return nn.optimize(w, b, X, Y, { numIterations, learningRate, printCost });"]],
  predict: [["return tf.tidy(() => tf.cast(tf.greater(tf.matMul(tf.transpose(w), X), 0.5), 'float32') as nn.tf.Tensor2D);"]],
  model: [["return nn.model(Xtrain, Ytrain, Xtest, Ytest, { numIterations, learningRate, printCost, quiet: true });"]],
};

/** A seeded generator (mulberry32): the same class every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function withBodies(nb: Notebook, bodies: Record<string, string[]>): Notebook {
  const copy = JSON.parse(JSON.stringify(nb)) as Notebook;
  for (const cell of copy.cells) {
    const id = nbgrader(cell)?.grade_id;
    if (!id || !(id in bodies) || !nbgrader(cell)?.solution) continue;
    const source = cellSource(cell);
    const [region] = solutionRegions(source, id);
    const lines = source.split("\n");
    lines.splice(region.begin + 1, region.end - region.begin - 1, ...bodies[id].map((l) => region.indent + l));
    cell.source = toSourceLines(lines.join("\n"));
  }
  return copy;
}

export type Kind = "full" | "partial" | "released" | "syntax error" | "infinite loop" | "empty" | "not JSON" | "nbformat 3" | "other assignment" | "lesson";

/** How many of each, for `count` submissions (the rest full). */
function mix(count: number): [Kind, number][] {
  const share = (f: number) => Math.max(1, Math.round(count * f));
  const kinds: [Kind, number][] = [
    ["partial", share(0.34)],
    ["released", share(0.06)],
    ["syntax error", share(0.04)],
    ["infinite loop", share(0.01)],
    ["empty", share(0.01)],
    ["not JSON", share(0.01)],
    ["nbformat 3", share(0.01)],
    ["other assignment", share(0.01)],
    ["lesson", share(0.01)],
  ];
  const rest = count - kinds.reduce((s, [, n]) => s + n, 0);
  return [["full", rest], ...kinds];
}

export function makeClass(dir: string, count = 300, seed = 2026): { submitted: string; kinds: Record<Kind, number> } {
  const rand = random(seed);
  const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)];
  const submitted = path.join(dir, "submitted");
  fs.rmSync(submitted, { recursive: true, force: true });
  const sources = ASSIGNMENTS.map((a) => readNotebook(path.join(REPO, "notebooks", a.notebook)));
  const lesson = fs.readFileSync(path.join(REPO, "notebooks", "12-vectorizing-the-gradient.ipynb"));
  const kinds = mix(count).flatMap(([kind, n]) => Array.from({ length: n }, () => kind));
  // Shuffled, so every kind is spread over the run.
  for (let i = kinds.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [kinds[i], kinds[j]] = [kinds[j], kinds[i]];
  }
  const counts = {} as Record<Kind, number>;
  kinds.forEach((kind, n) => {
    counts[kind] = (counts[kind] ?? 0) + 1;
    const which = n % 2;
    const assignment = ASSIGNMENTS[which];
    const folder = path.join(submitted, `student-${String(n + 1).padStart(3, "0")}`, assignment.name);
    fs.mkdirSync(folder, { recursive: true });
    const file = path.join(folder, assignment.notebook);
    const source = sources[which];
    const ids = assignment.exercises.map((e) => e.id);
    let nb: Notebook | undefined;
    switch (kind) {
      case "full":
        nb = source;
        break;
      case "partial": {
        const wrong = new Set(Array.from({ length: 1 + Math.floor(rand() * 3) }, () => pick(ids)));
        nb = withBodies(source, Object.fromEntries([...wrong].map((id) => [id, pick(WRONG[id])])));
        break;
      }
      case "released":
        nb = studentVersion(source, assignment.notebook);
        break;
      case "syntax error":
        nb = withBodies(source, { [pick(ids.filter((id) => id !== "test"))]: ["return tf.tidy(() => tf.sum(x).dataSync()[0];"] });
        break;
      case "infinite loop":
        nb = withBodies(source, { [pick(ids.filter((id) => id !== "test"))]: ["while (true) {}"] });
        break;
      case "empty":
        fs.writeFileSync(file, "");
        break;
      case "not JSON":
        fs.writeFileSync(file, '{"cells": [ this is not JSON');
        break;
      case "nbformat 3":
        fs.writeFileSync(file, JSON.stringify({ nbformat: 3, nbformat_minor: 0, metadata: {}, worksheets: [{ cells: [] }] }));
        break;
      case "other assignment":
        nb = sources[1 - which];
        break;
      case "lesson":
        fs.writeFileSync(file, lesson);
        break;
    }
    if (nb) fs.writeFileSync(file, JSON.stringify(nb, null, 1) + "\n");
  });
  return { submitted, kinds: counts };
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const flag = (name: string, fallback: number) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? Number(args[i + 1]) : fallback;
  };
  const dir = args.find((a, i) => !a.startsWith("--") && !args[i - 1]?.startsWith("--"));
  if (!dir) {
    console.error("usage: tsx bench/make-class.ts <dir> [--count 300] [--seed 2026]");
    process.exit(2);
  }
  const { submitted, kinds } = makeClass(dir, flag("count", 300), flag("seed", 2026));
  console.log(`${submitted}: ${Object.entries(kinds).map(([k, n]) => `${n} ${k}`).join(", ")}`);
}
