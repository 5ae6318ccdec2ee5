/**
 * `npm run grade -- <folder>` as an instructor runs it on a class: nbgrader's layout and a flat
 * folder, broken and foreign files as rows with a status, the gradebook, the feedback pages, plain
 * progress lines off a terminal, and a second run that skips what is unchanged.
 */
import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { exerciseColumns } from "../../grading/batch";
import { readNotebook } from "../../grading/notebook";
import { studentVersion } from "../../grading/release";
import { NOTEBOOK_17, NOTEBOOK_18, REPO_ROOT, tempDir, withSolutions } from "./helpers";

const TSX = path.join(REPO_ROOT, "node_modules", ".bin", "tsx");

function grade(args: string[]) {
  const r = spawnSync(TSX, [path.join(REPO_ROOT, "scripts", "grade.ts"), ...args], { cwd: REPO_ROOT, encoding: "utf8", timeout: 600000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** gradebook.csv as objects (no field of these rows needs quoting but the message). */
function readCsv(file: string): Record<string, string>[] {
  const [header, ...lines] = fs.readFileSync(file, "utf8").trim().split("\n");
  const names = header.split(",");
  return lines.map((line) => {
    const fields = line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((f) => f.replace(/,$/, "").replace(/^"|"$/g, "").replace(/""/g, '"'));
    return Object.fromEntries(names.map((n, i) => [n, fields[i] ?? ""]));
  });
}

describe("grading: a class", function () {
  this.timeout(600000);
  let dir = "";
  before(() => {
    dir = tempDir("class");
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("grades nbgrader's layout: gradebook, feedback, a status for every broken or foreign file, then resumes", () => {
    const submitted = path.join(dir, "course", "submitted");
    const put = (student: string, assignment: string, name: string, content: string) => {
      fs.mkdirSync(path.join(submitted, student, assignment), { recursive: true });
      fs.writeFileSync(path.join(submitted, student, assignment, name), content);
    };
    const nb17 = readNotebook(NOTEBOOK_17);
    const partial = withSolutions(nb17, { softmax: ["return nn.softmax(x);"], l2: ["return 0;"] });
    put("alice", "tensor-basics", "17-assignment-tensor-basics.ipynb", JSON.stringify(nb17));
    put("bob", "logistic-regression", "18-assignment-logistic-regression.ipynb", JSON.stringify(studentVersion(readNotebook(NOTEBOOK_18))));
    put("carol", "tensor-basics", "17-assignment-tensor-basics.ipynb", "");
    put("dave", "tensor-basics", "17-assignment-tensor-basics.ipynb", "{ not json");
    put("erin", "logistic-regression", "18-assignment-logistic-regression.ipynb", JSON.stringify({ nbformat: 3, nbformat_minor: 0, metadata: {}, worksheets: [] }));
    put("frank", "tensor-basics", "17-assignment-tensor-basics.ipynb", fs.readFileSync(NOTEBOOK_18, "utf8"));
    put("grace", "tensor-basics", "17-assignment-tensor-basics.ipynb", JSON.stringify(partial));

    const first = grade([submitted]);
    assert.equal(first.status, 0, first.stderr);
    // Off a terminal: one plain progress line per submission.
    assert.equal((first.stderr.match(/^\[\d+\/7\] /gm) ?? []).length, 7, first.stderr);
    assert.match(first.stdout, /7 submissions: \d+ graded, \d+ with problems/);

    const out = path.join(dir, "course");
    const rows = readCsv(path.join(out, "gradebook.csv"));
    const by = Object.fromEntries(rows.map((r) => [r.student, r]));
    assert.deepEqual(Object.keys(rows[0]), ["student", "assignment", "notebook", ...exerciseColumns(), "total", "max", "graded_at", "status", "message"]);
    assert.deepEqual([by.alice.total, by.alice.max, by.alice.status], ["11", "11", "graded"]);
    assert.deepEqual([by.bob.total, by.bob.max, by.bob["logistic-regression:propagate"]], ["0", "13", "0"]);
    assert.equal(by.carol.status, "empty file");
    assert.equal(by.dave.status, "not JSON");
    assert.equal(by.erin.status, "nbformat 3");
    assert.equal(by.frank.status, "another assignment");
    assert.match(by.frank.message, /submitted as tensor-basics, but this notebook is logistic-regression's/);
    assert.deepEqual([by.grace["tensor-basics:softmax"], by.grace["tensor-basics:l2"], by.grace["tensor-basics:sigmoid"], by.grace.total], ["0", "0", "1", "8"]);
    assert.match(by.grace.message, /softmax: library call/);
    for (const r of rows) assert.ok(!Number.isNaN(Date.parse(r.graded_at)), r.graded_at);

    // Feedback: the student's notebook with each check's ✔/✘ and message beside the exercise.
    const page = fs.readFileSync(path.join(out, "feedback", "grace", "tensor-basics", "17-assignment-tensor-basics.html"), "utf8");
    assert.match(page, /Score: 8 \/ 11/);
    assert.match(page, /<section class="result fail" id="result-softmax">[\s\S]*?calls nn\.softmax/);
    assert.match(page, /<section class="result pass" id="result-sigmoid">[\s\S]*?✔/);
    // Beside the exercise: right after its solution cell.
    assert.match(page, /function l2\([\s\S]*?<\/code><\/pre><\/div>\n<section class="result fail" id="result-l2">/);
    assert.match(fs.readFileSync(path.join(out, "feedback", "carol", "tensor-basics", "17-assignment-tensor-basics.html"), "utf8"), /Not graded: empty file/);
    assert.ok(fs.existsSync(path.join(out, "autograded", "alice", "tensor-basics", "17-assignment-tensor-basics.json")));

    // Resumable: unchanged files are skipped; a changed one is graded again.
    const csv = fs.readFileSync(path.join(out, "gradebook.csv"), "utf8");
    const second = grade([submitted]);
    assert.equal(second.status, 0, second.stderr);
    assert.equal((second.stderr.match(/unchanged, skipped/g) ?? []).length, 7, second.stderr);
    assert.equal(fs.readFileSync(path.join(out, "gradebook.csv"), "utf8"), csv);
    put("carol", "tensor-basics", "17-assignment-tensor-basics.ipynb", JSON.stringify(nb17));
    const third = grade([submitted, "--json"]);
    assert.equal(third.status, 0, third.stderr);
    const summary = JSON.parse(third.stdout);
    assert.deepEqual([summary.graded, summary.skipped], [1, 6]);
    assert.equal(summary.rows.find((r: { student: string }) => r.student === "carol").score, 11);
  });

  it("grades a flat folder of notebooks, one student per file", () => {
    const flat = path.join(dir, "flat");
    fs.mkdirSync(flat);
    fs.copyFileSync(NOTEBOOK_17, path.join(flat, "heidi.ipynb"));
    fs.writeFileSync(path.join(flat, "ivan.ipynb"), fs.readFileSync(path.join(REPO_ROOT, "notebooks", "12-vectorizing-the-gradient.ipynb")));
    const r = grade([flat, "--out", path.join(dir, "flat-out")]);
    assert.equal(r.status, 0, r.stderr);
    const rows = readCsv(path.join(dir, "flat-out", "gradebook.csv"));
    assert.deepEqual(rows.map((row) => [row.student, row.assignment, row.total, row.status]), [["heidi", "tensor-basics", "11", "graded"], ["ivan", "", "", "not an assignment"]]);
  });
});
