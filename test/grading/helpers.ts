/** Shared by the grading tests: source notebooks, and variants of them built in a temp dir. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { cellSource, nbgrader, solutionRegions, toSourceLines, type Notebook } from "../../grading/notebook";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");
export const NOTEBOOK_17 = path.join(REPO_ROOT, "notebooks", "17-assignment-tensor-basics.ipynb");
export const NOTEBOOK_18 = path.join(REPO_ROOT, "notebooks", "18-assignment-logistic-regression.ipynb");

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `nn-grading-test-${prefix}-`));
}

/**
 * A copy of `nb` where the solution region of each listed exercise (by grade_id) holds the given
 * lines instead (indented like the region).
 */
export function withSolutions(nb: Notebook, bodies: Record<string, string[]>): Notebook {
  const copy = JSON.parse(JSON.stringify(nb)) as Notebook;
  const done = new Set<string>();
  for (const cell of copy.cells) {
    const id = nbgrader(cell)?.grade_id;
    if (cell.cell_type !== "code" || !id || !(id in bodies) || !nbgrader(cell)?.solution) continue;
    const source = cellSource(cell);
    const [region] = solutionRegions(source, id);
    const lines = source.split("\n");
    lines.splice(region.begin + 1, region.end - region.begin - 1, ...bodies[id].map((l) => region.indent + l));
    cell.source = toSourceLines(lines.join("\n"));
    done.add(id);
  }
  const missing = Object.keys(bodies).filter((id) => !done.has(id));
  if (missing.length > 0) throw new Error(`no solution cell for ${missing.join(", ")}`);
  return copy;
}

export function writeNotebook(dir: string, name: string, nb: Notebook): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(nb, null, 1) + "\n");
  return file;
}

/** A copy of `nb` where the solution cell of `gradeId` has `before` added above its code. */
export function withCellPrefix(nb: Notebook, gradeId: string, before: string[]): Notebook {
  const copy = JSON.parse(JSON.stringify(nb)) as Notebook;
  const cell = copy.cells.find((c) => nbgrader(c)?.grade_id === gradeId && nbgrader(c)?.solution);
  if (!cell) throw new Error(`no solution cell ${gradeId}`);
  cell.source = toSourceLines(`${before.join("\n")}\n${cellSource(cell)}`);
  return copy;
}

/** A copy of `nb` with a plain code cell (no nbgrader metadata) appended at the end. */
export function withCellAtEnd(nb: Notebook, source: string[]): Notebook {
  const copy = JSON.parse(JSON.stringify(nb)) as Notebook;
  copy.cells.push({ cell_type: "code", id: `added-${copy.cells.length}`, metadata: {}, source: toSourceLines(source.join("\n")), outputs: [], execution_count: null });
  return copy;
}
