/**
 * Reading notebooks and their nbgrader metadata. The grader, the release script, the report index
 * and the notebook tests read notebooks through here; none of them writes into notebooks/.
 */
import * as fs from "fs";

export interface NbgraderMetadata {
  grade: boolean;
  solution: boolean;
  locked: boolean;
  task?: boolean;
  grade_id: string;
  points?: number;
  schema_version?: number;
}

export interface Cell {
  id?: string;
  cell_type: "code" | "markdown" | "raw";
  source: string | string[];
  metadata: { nbgrader?: NbgraderMetadata; [key: string]: unknown };
  outputs?: unknown[];
  execution_count?: number | null;
  attachments?: unknown;
}

export interface Notebook {
  nbformat: number;
  nbformat_minor: number;
  metadata: Record<string, unknown>;
  cells: Cell[];
}

export function readNotebook(file: string): Notebook {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new Error(`cannot read notebook ${file}: ${(err as Error).message}`);
  }
  let nb: Notebook;
  try {
    nb = JSON.parse(text) as Notebook;
  } catch (err) {
    throw new Error(`${file} is not a notebook (invalid JSON: ${(err as Error).message})`);
  }
  if (!nb || !Array.isArray(nb.cells) || typeof nb.nbformat !== "number") {
    throw new Error(`${file} is not a Jupyter notebook (no "cells" / "nbformat")`);
  }
  return nb;
}

/** nbformat stores source as a string or as a list of lines (each keeping its "\n"). */
export function cellSource(cell: Cell): string {
  return Array.isArray(cell.source) ? cell.source.join("") : cell.source ?? "";
}

/** Source back in nbformat's list-of-lines form, as Jupyter writes it. */
export function toSourceLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n").map((line) => line + "\n");
  lines[lines.length - 1] = lines[lines.length - 1].slice(0, -1);
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** The nbgrader metadata of a cell, if it is a graded or solution cell. */
export function nbgrader(cell: Cell): NbgraderMetadata | undefined {
  const meta = cell.metadata?.nbgrader;
  return meta && typeof meta === "object" && typeof meta.grade_id === "string" ? meta : undefined;
}

export const isSolutionCell = (cell: Cell): boolean => cell.cell_type === "code" && nbgrader(cell)?.solution === true;
export const isTestCell = (cell: Cell): boolean =>
  cell.cell_type === "code" && nbgrader(cell)?.grade === true && nbgrader(cell)?.solution !== true;

/** nbgrader's markers: any comment style works, so `// ### BEGIN SOLUTION` is one. */
export const BEGIN_SOLUTION = /BEGIN SOLUTION/;
export const END_SOLUTION = /END SOLUTION/;

export interface SolutionRegion {
  /** 0-based line index of the BEGIN SOLUTION line. */
  begin: number;
  /** 0-based line index of the END SOLUTION line. */
  end: number;
  /** The BEGIN line's indentation, reused for the stub. */
  indent: string;
}

/** The BEGIN/END SOLUTION regions of a cell's source; throws on unbalanced markers. */
export function solutionRegions(source: string, where: string): SolutionRegion[] {
  const lines = source.split("\n");
  const regions: SolutionRegion[] = [];
  let open: { begin: number; indent: string } | undefined;
  lines.forEach((line, i) => {
    if (BEGIN_SOLUTION.test(line)) {
      if (open) throw new Error(`${where}: BEGIN SOLUTION on line ${i + 1} inside another solution region (opened on line ${open.begin + 1})`);
      open = { begin: i, indent: /^\s*/.exec(line)?.[0] ?? "" };
    } else if (END_SOLUTION.test(line)) {
      if (!open) throw new Error(`${where}: END SOLUTION on line ${i + 1} without a BEGIN SOLUTION`);
      regions.push({ ...open, end: i });
      open = undefined;
    }
  });
  if (open) throw new Error(`${where}: BEGIN SOLUTION on line ${open.begin + 1} is never closed by END SOLUTION`);
  return regions;
}
