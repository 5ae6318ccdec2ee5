/**
 * The course notebooks: committed clean, and every one executes through the real course kernel
 * without an error output. Source notebooks must come out of the run untouched.
 */
import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readNotebook } from "../grading/notebook";
import {
  NotebookRun,
  PYTHON,
  courseDataDir,
  describeErrors,
  listNotebooks,
  mapLimit,
  runNotebook,
} from "../scripts/notebook-runner";

const notebooks = listNotebooks();
const sha256 = (file: string) => createHash("sha256").update(fs.readFileSync(file)).digest("hex");

describe("notebooks: committed clean", () => {
  it("there are course notebooks", () => {
    assert.ok(notebooks.length > 0, "notebooks/ has no .ipynb files");
  });

  for (const file of notebooks) {
    const name = path.basename(file);
    it(`${name} is nbformat 4.5 with cell ids, no outputs, the course kernel`, () => {
      const nb = readNotebook(file);
      assert.equal(nb.nbformat, 4);
      assert.ok(nb.nbformat_minor >= 5, `nbformat_minor is ${nb.nbformat_minor}; cell ids need 4.5`);
      assert.equal((nb.metadata.kernelspec as { name?: string } | undefined)?.name, "nn-basics-ts");
      const ids = new Set<string>();
      nb.cells.forEach((cell, i) => {
        assert.ok(cell.id, `cell ${i} has no id`);
        assert.ok(!ids.has(cell.id), `cell id ${cell.id} repeats`);
        ids.add(cell.id);
        if (cell.cell_type === "code") {
          assert.deepEqual(cell.outputs, [], `cell ${i} has outputs`);
          assert.equal(cell.execution_count, null, `cell ${i} has an execution count`);
        }
      });
    });
  }

  it("every notebook passes nbformat's schema validation", function () {
    this.timeout(60000);
    const script = "import sys, nbformat\nfor f in sys.argv[1:]:\n    nbformat.validate(nbformat.read(f, as_version=4))";
    const result = spawnSync(PYTHON, ["-c", script, ...notebooks], { encoding: "utf8" });
    assert.equal(result.status, 0, result.stderr);
  });
});

describe("notebooks: execute through the course kernel @kernel", function () {
  // Every notebook runs once, two at a time (two cores); each `it` reports one notebook.
  this.timeout(20 * 60 * 1000);
  const runs = new Map<string, NotebookRun>();
  const hashesBefore = new Map(notebooks.map((f) => [f, sha256(f)]));
  let outDir = "";

  before(async function () {
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), "nn-notebooks-"));
    const dataDir = courseDataDir();
    console.log(`      executing ${notebooks.length} notebooks (data: ${dataDir ?? "embedded default images"})`);
    await mapLimit(notebooks, 2, async (file) => {
      const run = await runNotebook(file, outDir, { env: dataDir ? { COURSE_DATA_DIR: dataDir } : {} });
      runs.set(file, run);
    });
  });

  after(() => {
    if (outDir) fs.rmSync(outDir, { recursive: true, force: true });
  });

  for (const file of notebooks) {
    it(`${path.basename(file)} runs without an error output`, () => {
      const run = runs.get(file);
      assert.ok(run, "the notebook did not run");
      assert.equal(run.status, "ok", describeErrors(run));
    });
  }

  it("leaves the source notebooks untouched", () => {
    for (const file of notebooks) assert.equal(sha256(file), hashesBefore.get(file), `${path.basename(file)} changed`);
  });
});
