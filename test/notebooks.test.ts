/**
 * The course notebooks: committed clean, and every one executes through the real course kernel
 * without an error output. Source notebooks must come out of the run untouched. Then the pages an
 * instructor renders: `--template course` (as `npm start` renders them) read offline in Chromium,
 * with formulas, diagrams and charts; the default template keeps the charts; Debian's nbconvert 6.5
 * gives the same offline page with the course template.
 */
import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readNotebook } from "../grading/notebook";
import { candidates, type Candidate } from "../scripts/jupyter-env";
import {
  NotebookRun,
  PYTHON,
  courseDataDir,
  describeErrors,
  kernelEnv,
  listNotebooks,
  mapLimit,
  runNotebook,
} from "../scripts/notebook-runner";
import { chromiumMissing, openChromium, type Session } from "./browser/chromium";
import { readPage } from "./browser/html-page";

// NOTEBOOKS=04,06 runs only those (while working on a notebook or on these tests).
const only = process.env.NOTEBOOKS?.split(",").filter(Boolean);
const notebooks = listNotebooks().filter((f) => !only || only.some((o) => path.basename(f).startsWith(o)));
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

  it("no code cell prints a ✘ verdict: a failing check throws (nn.expectClose, nn.expectBelow, …)", () => {
    // A statement that prints "✘ …" rather than throwing it: the cell would pass with a failed check.
    const printing: string[] = [];
    for (const file of notebooks) {
      readNotebook(file).cells.forEach((cell, i) => {
        if (cell.cell_type !== "code") return;
        const source = Array.isArray(cell.source) ? cell.source.join("") : String(cell.source);
        for (const statement of source.split(/;\s*\n/)) {
          if (/console\.(log|info|warn|error)\([^]*✘/.test(statement)) printing.push(`${path.basename(file)} cell ${i + 1}: ${statement.trim().slice(0, 120)}`);
        }
      });
    }
    assert.deepEqual(printing, []);
  });

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
      const run = await runNotebook(file, outDir, { html: true, env: dataDir ? { COURSE_DATA_DIR: dataDir } : {} });
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

  it("print no ✘ verdict: a check that fails throws, so the run fails", () => {
    // A "✘ …" line in a cell's printed output is a failed check that only printed (CI cannot see it).
    const printed: string[] = [];
    for (const file of notebooks) {
      const executed = JSON.parse(fs.readFileSync(path.join(outDir, path.basename(file)), "utf8")) as {
        cells: { outputs?: { output_type: string; text?: string | string[] }[] }[];
      };
      executed.cells.forEach((cell, i) => {
        for (const output of cell.outputs ?? []) {
          if (output.output_type !== "stream") continue;
          const text = Array.isArray(output.text) ? output.text.join("") : (output.text ?? "");
          for (const line of text.split("\n")) if (line.trimStart().startsWith("✘")) printed.push(`${path.basename(file)} cell ${i + 1}: ${line.trim()}`);
        }
      });
    }
    assert.deepEqual(printed, []);
  });

  it("leaves the source notebooks untouched", () => {
    for (const file of notebooks) assert.equal(sha256(file), hashesBefore.get(file), `${path.basename(file)} changed`);
  });

  describe("their HTML pages, offline in Chromium @browser", () => {
    let session: Session | undefined;
    before(async function () {
      const why = chromiumMissing();
      if (why) {
        if (process.env.CI) throw new Error(why);
        console.log(`      skipped: ${why}`);
        this.skip();
      }
      session = await openChromium();
    });
    after(async () => session?.close());

    for (const file of notebooks) {
      const name = path.basename(file, ".ipynb");
      it(`${name}.html (--template course): formulas typeset, diagrams drawn, charts inline, nothing fetched`, async () => {
        const run = runs.get(file);
        assert.ok(run?.status === "ok", "the notebook did not run");
        await assertOfflinePage(session as Session, path.join(outDir, `${name}.html`), path.join(outDir, `${name}.ipynb`));
      });
    }

    it("the default template (`jupyter nbconvert --to html`) keeps the charts, as SVG images", async () => {
      const executed = path.join(outDir, "04-gradient-descent.ipynb");
      assert.ok(fs.existsSync(executed), "04 did not run");
      const html = convert(PYTHON, executed, path.join(outDir, "default"), []);
      const page = await readPage(session as Session, html);
      const charts = svgOutputs(executed);
      assert.ok(charts > 0, "04 has no chart to show");
      assert.equal(page.images.total - page.images.broken, charts + pngOutputs(executed), "charts shown as loaded images");
    });

    it("Debian's nbconvert 6.5 gives the same offline page with --template course", async function () {
      const debian = candidates().find((c: Candidate) => c.python !== PYTHON && /^6\./.test(c.versions.nbconvert ?? ""));
      if (!debian) {
        console.log("      skipped: no nbconvert 6 here besides the one in use");
        this.skip();
      }
      const executed = path.join(outDir, "06-computation-graph.ipynb");
      const html = convert(debian.python, executed, path.join(outDir, "nbconvert6"), ["--template", "course"]);
      await assertOfflinePage(session as Session, html, executed);
    });
  });
});

/** `jupyter nbconvert --to html <extra> <notebook>` of that Python, as a user types it; returns the page. */
function convert(python: string, notebook: string, outDir: string, extra: string[]): string {
  const result = spawnSync(python, ["-m", "nbconvert", "--to", "html", ...extra, "--output-dir", outDir, notebook], {
    encoding: "utf8",
    env: kernelEnv(),
  });
  assert.equal(result.status, 0, result.stderr);
  return path.join(outDir, path.basename(notebook, ".ipynb") + ".html");
}

function outputs(executed: string): { data?: Record<string, unknown> }[] {
  return readNotebook(executed).cells.flatMap((c) => (c as { outputs?: { data?: Record<string, unknown> }[] }).outputs ?? []);
}
const svgOutputs = (executed: string) => outputs(executed).filter((o) => o.data?.["image/svg+xml"]).length;
const pngOutputs = (executed: string) => outputs(executed).filter((o) => o.data?.["image/png"] && !o.data?.["image/svg+xml"] && !o.data?.["text/html"]).length;

async function assertOfflinePage(session: Session, html: string, executed: string): Promise<void> {
  const page = await readPage(session, html);
  const markdown = readNotebook(executed)
    .cells.filter((c) => c.cell_type === "markdown")
    .map((c) => (Array.isArray(c.source) ? c.source.join("") : c.source))
    .join("\n");
  const name = path.basename(html);
  assert.deepEqual(page.offsite, [], `${name} asked the network for`);
  assert.deepEqual(page.rawTex, [], `${name}: TeX left raw`);
  if (/\$[^$]+\$/.test(markdown)) assert.ok(page.typeset > 0, `${name}: no formula typeset`);
  const fences = (markdown.match(/```mermaid/g) ?? []).length;
  assert.equal(page.mermaidDrawn, fences, `${name}: Mermaid diagrams drawn`);
  const charts = svgOutputs(executed);
  assert.equal(page.svgOutputs.drawn, charts, `${name}: ${page.svgOutputs.drawn} of ${charts} SVG charts drawn (${page.svgOutputs.total} inline)`);
  assert.equal(page.images.broken, 0, `${name}: images that did not load`);
}
