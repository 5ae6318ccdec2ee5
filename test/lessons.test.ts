/**
 * The lessons (notebooks 00-16) as a learner meets them: every one links to the previous and the
 * next lesson and to the index, the learner's copy has blanks where the answers are, and a check
 * that fails fails its notebook — a broken lesson computation shows up in `npm test` with the
 * lesson and the cell named.
 */
import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { BEGIN_ANSWER, blankAnswers, hasAnswers, learnerVersion } from "../grading/lessonAnswers";
import { cellSource, readNotebook, toSourceLines, type Notebook } from "../grading/notebook";
import { NOTEBOOK_DIR, REPO_ROOT, courseDataDir, describeErrors, listNotebooks, runNotebook, type NotebookRun } from "../scripts/notebook-runner";
import { linkReportPages, notebookLinksToPages } from "../scripts/report-links";
import { tf } from "../lib/backend";
import { flattenAndStandardize, loadImageDataset } from "../lib/data";
import { initializeWithZeros, optimize, propagate } from "../lib/logreg";
import { loadFixture } from "./fixtures/fixtures";

const notebooks = listNotebooks().map((f) => path.basename(f));
const lessons = notebooks.filter((f) => /^(0\d|1[0-6])-/.test(f) && f !== "00-index.ipynb");
const INDEX = "00-index.ipynb";
const read = (name: string) => readNotebook(path.join(NOTEBOOK_DIR, name));
/** The .ipynb files a markdown text links to, in order. */
const linkedNotebooks = (markdown: string) => Array.from(markdown.matchAll(/\]\(([^)\s]+\.ipynb)\)/g), (m) => m[1]);

describe("lessons: where the learner is", () => {
  it("there are lessons 01-16 and the index", () => {
    assert.equal(lessons.length, 16, lessons.join(", "));
    assert.ok(notebooks.includes(INDEX));
  });

  it("the index links every notebook once, in the course's order", () => {
    const markdown = read(INDEX).cells.filter((c) => c.cell_type === "markdown").map(cellSource).join("\n");
    const table = linkedNotebooks(markdown.slice(0, markdown.indexOf("## Check your setup")));
    assert.deepEqual(table, notebooks.filter((f) => f !== INDEX));
  });

  for (const [i, name] of lessons.entries()) {
    it(`${name} ends with links to the previous lesson, the next one and the index`, () => {
      const cells = read(name).cells;
      const last = cells[cells.length - 1];
      assert.equal(last.cell_type, "markdown", "the last cell is the navigation");
      const links = linkedNotebooks(cellSource(last));
      const previous = i === 0 ? INDEX : lessons[i - 1];
      const next = i === lessons.length - 1 ? "17-assignment-tensor-basics.ipynb" : lessons[i + 1];
      for (const target of [previous, next, INDEX]) assert.ok(links.includes(target), `${name} does not link ${target} (links: ${links.join(", ")})`);
      for (const target of links) assert.ok(notebooks.includes(target), `${name} links ${target}, which does not exist`);
    });
  }

  it("report pages link the lessons' pages, not the notebooks' JSON", () => {
    const html = [
      '<a href="03-loss-and-cost.ipynb">03</a>',
      '<a href="00-index.ipynb#check-your-setup">index</a>',
      '<a href="https://example.org/03-loss-and-cost.ipynb">elsewhere</a>',
      '<a href="other/03-loss-and-cost.ipynb">another folder</a>',
      '<a href="99-not-a-lesson.ipynb">unknown</a>',
    ].join("\n");
    assert.equal(
      notebookLinksToPages(html, listNotebooks()),
      [
        '<a href="03-loss-and-cost.html">03</a>',
        '<a href="00-index.html#check-your-setup">index</a>',
        '<a href="https://example.org/03-loss-and-cost.ipynb">elsewhere</a>',
        '<a href="other/03-loss-and-cost.ipynb">another folder</a>',
        '<a href="99-not-a-lesson.ipynb">unknown</a>',
      ].join("\n"),
    );
  });
});

describe("lessons: the learner's copy has blanks where the answers are", () => {
  it("an answer region becomes its BLANK lines, at their indentation", () => {
    const source = [
      "function f(x: number): number {",
      "  // ### BEGIN ANSWER",
      "  // ### BLANK: return NaN; // your answer",
      "  return 2 * x;",
      "  // ### END ANSWER",
      "}",
      "nn.checkAnswer(\"f(2)\", f(2), 4);",
    ].join("\n");
    assert.equal(blankAnswers(source, "cell 1"), ["function f(x: number): number {", "  return NaN; // your answer", "}", 'nn.checkAnswer("f(2)", f(2), 4);'].join("\n"));
  });

  it("a malformed region is an error naming the cell and the line, never a silent cut", () => {
    const cases: [string[], RegExp][] = [
      [["// ### BEGIN ANSWER", "const x = 1;", "// ### END ANSWER"], /^Error: nb, cell 2: the answer on lines 1-3 has no "\/\/ ### BLANK: …" line/],
      [["// ### BEGIN ANSWER", "// ### BLANK: const x = NaN;", "const x = 1;"], /^Error: nb, cell 2: BEGIN ANSWER on line 1 is never closed by END ANSWER$/],
      [["const x = 1;", "// ### END ANSWER"], /^Error: nb, cell 2: END ANSWER on line 2 without a BEGIN ANSWER$/],
      [["// ### BLANK: const x = NaN;"], /^Error: nb, cell 2: BLANK on line 1 outside an answer region$/],
      [["// ### BEGIN ANSWER", "// ### BEGIN ANSWER"], /^Error: nb, cell 2: BEGIN ANSWER on line 2 inside another answer \(opened on line 1\)$/],
    ];
    for (const [lines, message] of cases) assert.throws(() => blankAnswers(lines.join("\n"), "nb, cell 2"), message);
  });

  for (const name of lessons) {
    const nb = read(name);
    if (!nb.cells.some((c) => c.cell_type === "markdown" && /^## Check yourself/m.test(cellSource(c)))) continue;
    it(`${name}: every "Check yourself" answer is blanked, and nothing else changes`, () => {
      assert.ok(hasAnswers(nb), `${name} has a Check yourself but no BEGIN ANSWER region`);
      const learner = learnerVersion(nb, name);
      assert.equal(learner.cells.length, nb.cells.length);
      learner.cells.forEach((cell, i) => {
        const original = cellSource(nb.cells[i]);
        const text = cellSource(cell);
        assert.equal(cell.id, nb.cells[i].id);
        if (!original.split("\n").some((l) => BEGIN_ANSWER.test(l))) return assert.equal(text, original, `cell ${i + 1} changed`);
        assert.doesNotMatch(text, /### (BEGIN ANSWER|END ANSWER|BLANK)/, `cell ${i + 1} keeps a marker`);
        assert.ok(text.length < original.length, `cell ${i + 1} kept its answer`);
      });
    });
  }

  it("npm run release writes a lesson's learner copy", () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "nn-release-"));
    try {
      const tsx = path.join(REPO_ROOT, "node_modules", ".bin", "tsx");
      const result = spawnSync(tsx, [path.join(REPO_ROOT, "scripts", "release.ts"), path.join(NOTEBOOK_DIR, "03-loss-and-cost.ipynb"), "--out-dir", out], { encoding: "utf8" });
      assert.equal(result.status, 0, result.stderr);
      const released = readNotebook(path.join(out, "03-loss-and-cost.ipynb"));
      const code = released.cells.map(cellSource).join("\n");
      assert.match(code, /^const myLoss = NaN; {3}\/\/ your answer: the loss for y = 1, ŷ = 0\.5$/m);
      assert.doesNotMatch(code, /0\.6931|### BEGIN ANSWER/);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});

describe("lessons: what they say about runs they do not print holds in the float64 reference", () => {
  const claims = loadFixture<{ "cat_0.005": { first: number[]; every_100: number[] }; "cat_0.002": number[]; "digits_0.002": number[] }>("lesson_claims");
  const rises = (costs: number[]) => costs.filter((c, i) => i > 0 && c > costs[i - 1]).length;

  it("16: at α = 0.005 the cat model's J goes up and down in the first iterations, while every 100th falls", () => {
    const { first, every_100 } = claims["cat_0.005"];
    assert.ok(rises(first.slice(0, 31)) >= 10, `J rose at ${rises(first.slice(0, 31))} of the first 30 iterations`);
    assert.ok(Math.max(...first) > first[0] + 0.1, "J does not rise clearly above its start");
    assert.equal(rises(every_100), 0, "the assignment's prints (every 100 iterations) rise somewhere");
  });

  it("16: at α = 0.002 every step lowers J on both datasets", () => {
    assert.equal(rises(claims["cat_0.002"]), 0);
    assert.equal(rises(claims["digits_0.002"]), 0);
  });

  it("16: the lesson's run (nn.optimize from w = 0, α = 0.002, 200 iterations in stretches of 10) lands on numpy's J", async function () {
    this.timeout(120000);
    const ds = await loadImageDataset();
    const X = flattenAndStandardize(ds.trainX);
    let { w, b } = initializeWithZeros(X.shape[0]);
    try {
      for (let k = 0; k < 20; k++) {
        const run = optimize(w, b, X, ds.trainY, { numIterations: 10, learningRate: 0.002 });
        w.dispose();
        run.grads.dw.dispose();
        ({ w, b } = run.params);
      }
      const { cost, grads } = propagate(w, b, X, ds.trainY);
      grads.dw.dispose();
      const reference = claims[ds.source === "course" ? "cat_0.002" : "digits_0.002"][200];
      assert.ok(Math.abs(cost - reference) <= 1e-5 * reference, `J after 200 iterations: ${cost}, numpy ${reference} (${ds.source} data)`);
    } finally {
      tf.dispose([ds.trainX, ds.trainY, ds.testX, ds.testY, X, w]);
    }
  });
});

describe("lessons: a check that fails fails the notebook @kernel", function () {
  // Each case runs one small lesson (no data) through the real kernel, as `npm test` runs every notebook.
  this.timeout(10 * 60 * 1000);
  let work = "";

  before(() => {
    // A folder laid out like the repository (notebooks/ beside lib/, dist/, node_modules/), so that
    // a changed copy of a lesson runs as it would in notebooks/ without writing there.
    work = fs.mkdtempSync(path.join(os.tmpdir(), "nn-lessons-"));
    for (const dir of ["lib", "dist", "node_modules"]) fs.symlinkSync(path.join(REPO_ROOT, dir), path.join(work, dir), "dir");
    fs.mkdirSync(path.join(work, "notebooks"));
  });
  after(() => {
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  /** Writes `nb` as notebooks/<name> of the work folder and runs it (with the HTML page when `html`). */
  async function run(name: string, nb: Notebook, html = false): Promise<NotebookRun> {
    const file = path.join(work, "notebooks", name);
    fs.writeFileSync(file, JSON.stringify(nb, null, 1) + "\n");
    const dataDir = courseDataDir();
    return runNotebook(file, path.join(work, "out"), { html, env: dataDir ? { COURSE_DATA_DIR: dataDir } : {} });
  }

  it("a wrong sign in a derivative (07's dz = a − y) fails the run, naming the lesson, the cell, expected and actual", async () => {
    const name = "07-logistic-regression-gradient-descent.ipynb";
    const nb = read(name);
    const line = "const dz = a - y;";
    const cell = nb.cells.findIndex((c) => c.cell_type === "code" && cellSource(c).includes(line));
    assert.ok(cell >= 0, `${name} no longer computes ${line}`);
    const mutated = structuredClone(nb);
    mutated.cells[cell].source = toSourceLines(cellSource(nb.cells[cell]).replace(line, "const dz = y - a;"));

    const result = await run(name, mutated);
    assert.equal(result.status, "error", "the mutated lesson ran without an error");
    const report = describeErrors(result);
    assert.equal(result.errors[0].ename, "CheckFailure", report);
    assert.match(report, new RegExp(`^${name.replace(/\./g, "\\.")}, cell ${cell + 1} \\(`), report);
    assert.match(report, /✘ dz = a − y equals da · a\(1 − a\), the chain rule written out: expected -0\.52497919, got 0\.52497919/, report);
  });

  it("the learner's copy fails at the first Check yourself with 'not answered yet', and its report links pages", async () => {
    const name = "03-loss-and-cost.ipynb";
    const learner = learnerVersion(read(name), name);
    const check = learner.cells.findIndex((c) => c.cell_type === "code" && cellSource(c).includes("const myLoss = NaN;"));
    assert.ok(check >= 0);

    const result = await run(name, learner, true);
    assert.equal(result.status, "error", "the learner's copy ran through its blank");
    assert.equal(result.errors[0].cell, check, describeErrors(result));
    assert.equal(result.errors[0].evalue, "✘ myLoss, the loss for y = 1 and ŷ = 0.5: not answered yet — replace the NaN blank above with your answer");

    const page = path.join(work, "out", name.replace(/\.ipynb$/, ".html"));
    linkReportPages(page, listNotebooks());
    const html = fs.readFileSync(page, "utf8");
    for (const target of ["02-logistic-regression", "04-gradient-descent", "00-index"]) {
      assert.ok(html.includes(`href="${target}.html"`), `the page does not link ${target}.html`);
      assert.ok(!html.includes(`href="${target}.ipynb"`), `the page still links ${target}.ipynb`);
    }
  });
});
