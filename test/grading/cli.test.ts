/**
 * `npm run grade` and `npm run release` as a user runs them (child processes): the --json contract,
 * the mocha reporters for CI, exit statuses, and a release that never touches notebooks/.
 */
import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { cellSource, nbgrader, readNotebook } from "../../grading/notebook";
import { NOTEBOOK_17, NOTEBOOK_18, REPO_ROOT, tempDir } from "./helpers";

const TSX = path.join(REPO_ROOT, "node_modules", ".bin", "tsx");

function run(script: string, args: string[]) {
  const result = spawnSync(TSX, [path.join(REPO_ROOT, "scripts", script), ...args], { cwd: REPO_ROOT, encoding: "utf8", timeout: 120000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const sha256 = (file: string) => createHash("sha256").update(fs.readFileSync(file)).digest("hex");

describe("grading: the command line", function () {
  this.timeout(120000);
  let dir = "";
  let released17 = "";
  const hashes = new Map([NOTEBOOK_17, NOTEBOOK_18].map((f) => [f, sha256(f)]));

  before(() => {
    dir = tempDir("cli");
    released17 = path.join(dir, "release", path.basename(NOTEBOOK_17));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("release writes the student notebooks to --out-dir and leaves notebooks/ untouched", () => {
    const out = path.join(dir, "release");
    const { status, stdout, stderr } = run("release.ts", ["--out-dir", out]);
    assert.equal(status, 0, stderr);
    assert.match(stdout, /17-assignment-tensor-basics\.ipynb/);
    for (const source of [NOTEBOOK_17, NOTEBOOK_18]) {
      assert.equal(sha256(source), hashes.get(source), `${path.basename(source)} changed`);
      const released = path.join(out, path.basename(source));
      const [src, rel] = [readNotebook(source), readNotebook(released)];
      assert.equal(rel.cells.length, src.cells.length);
      rel.cells.forEach((cell, i) => {
        const original = src.cells[i];
        assert.equal(cell.id, original.id);
        assert.deepEqual(cell.metadata, original.metadata);
        const text = cellSource(cell);
        if (cell.cell_type === "code") {
          assert.doesNotMatch(text, /BEGIN SOLUTION|END SOLUTION/);
          assert.deepEqual(cell.outputs, []);
          assert.equal(cell.execution_count, null);
        }
        if (nbgrader(cell)?.solution) {
          assert.match(text, /\/\/ YOUR CODE HERE\n\s*throw new Error\("\w+: not implemented yet — replace this line with your code"\);/);
        } else {
          assert.equal(text, cellSource(original), `cell ${i + 1} changed`);
        }
      });
    }
  });

  it("release refuses to write into notebooks/", () => {
    const { status, stderr } = run("release.ts", ["--out-dir", path.join(REPO_ROOT, "notebooks")]);
    assert.equal(status, 2);
    assert.match(stderr, /refusing to write into notebooks/);
  });

  it("grade --json prints exactly one JSON object; --reporter junit writes JUnit XML; exit 0 for a failing grade", () => {
    assert.ok(fs.existsSync(released17), "the release test above writes the released notebook");
    const xml = path.join(dir, "report.xml");
    const { status, stdout, stderr } = run("grade.ts", [released17, "--json", "--reporter", "junit", "--reporter-output", xml]);
    assert.equal(status, 0, stderr);
    const report = JSON.parse(stdout); // throws unless stdout is exactly one JSON value
    assert.deepEqual(Object.keys(report), ["notebook", "score", "maxScore", "exercises"]);
    assert.equal(report.score, 0);
    assert.equal(report.maxScore, 11);
    assert.equal(report.exercises.length, 9);
    for (const e of report.exercises) {
      assert.deepEqual(Object.keys(e), ["id", "points", "maxPoints", "passed", "message"]);
      assert.equal(e.passed, false);
    }
    const text = fs.readFileSync(xml, "utf8");
    // mocha's xunit reporter counts failed tests as errors="…" (its failures="…" is always 0).
    const suite = /<testsuite name="grade 17-assignment-tensor-basics.ipynb" tests="(\d+)" failures="0" errors="(\d+)"/.exec(text);
    assert.ok(suite, text.slice(0, 300));
    assert.ok(Number(suite[1]) >= 9 && suite[1] === suite[2], "every check of a released notebook fails");
    assert.match(text, /<testcase classname="sigmoid \[sigmoid\] &#x2014; 0\/1 point" name="[^"]+" file="[^"]+17-assignment-tensor-basics\.ipynb" time="[\d.]+"><failure>[^<]*not implemented yet/);
  });

  it("grade prints mocha's spec report with a total, and --reporter json writes mocha's JSON", () => {
    const json = path.join(dir, "report.json");
    const { status, stdout, stderr } = run("grade.ts", [NOTEBOOK_17, "--reporter", "json", "--reporter-output", json]);
    assert.equal(status, 0, stderr);
    assert.match(stdout, /sigmoid \[sigmoid\] — 1\/1 point\n\s+✔ the course's example/);
    assert.match(stdout, /\d+ passing/);
    assert.match(stdout, /Score: 11\/11 points — 9 of 9 exercises passed/);
    const mochaReport = JSON.parse(fs.readFileSync(json, "utf8"));
    assert.equal(mochaReport.stats.failures, 0);
    assert.ok(mochaReport.stats.passes >= 9);
  });

  it("exit status 1 when the file cannot be graded, 2 for a usage error", () => {
    const notAssignment = path.join(dir, "plain.ipynb");
    fs.writeFileSync(notAssignment, JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [] }));
    const plain = run("grade.ts", [notAssignment, "--json"]);
    assert.equal(plain.status, 1);
    assert.match(plain.stderr, /not a graded assignment/);
    assert.equal(plain.stdout, "");
    assert.equal(run("grade.ts", [path.join(dir, "missing.ipynb")]).status, 1);
    const usage = run("grade.ts", [NOTEBOOK_17, "--reporter-output"]);
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /usage: npm run grade/);
  });
});
