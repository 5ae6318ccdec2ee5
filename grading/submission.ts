/**
 * A submission from file to compiled cells, without running anything: reads it (saying exactly what
 * is wrong with a file that is not a notebook), recognizes its assignment, and prepares its
 * exercises (grading/prepare.ts). Light on purpose (no tfjs): a class is prepared in a worker
 * thread (grading/preparer.ts) while student processes grade the submissions before it.
 */
import * as fs from "fs";
import * as path from "path";
import { findAssignment, type Assignment } from "./assignments";
import { isSolutionCell, nbgrader, type Notebook } from "./notebook";
import { prepareMany, type ExercisePlan } from "./prepare";

export const REPO_ROOT = path.resolve(__dirname, "..");

/** Why a file is not a gradable notebook (the message names the problem). */
export class NotGradable extends Error {
  constructor(
    message: string,
    readonly status: "empty file" | "not JSON" | "not a notebook" | "nbformat 3" | "not an assignment" | "unreadable",
  ) {
    super(message);
  }
}

/** Reads a submission, saying exactly what is wrong with a file that is not one. */
export function readSubmission(file: string): Notebook {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new NotGradable(`cannot read ${file}: ${(err as Error).message}`, "unreadable");
  }
  if (text.trim() === "") throw new NotGradable(`${path.basename(file)} is empty`, "empty file");
  let nb: Partial<Notebook>;
  try {
    nb = JSON.parse(text) as Partial<Notebook>;
  } catch (err) {
    throw new NotGradable(`${path.basename(file)} is not a notebook: invalid JSON (${(err as Error).message})`, "not JSON");
  }
  if (nb && typeof nb === "object" && typeof nb.nbformat === "number" && nb.nbformat < 4) {
    throw new NotGradable(
      `${path.basename(file)} is an nbformat ${nb.nbformat} notebook; convert it with \`jupyter nbconvert --to notebook --nbformat 4\``,
      "nbformat 3",
    );
  }
  if (!nb || typeof nb !== "object" || !Array.isArray(nb.cells) || typeof nb.nbformat !== "number") {
    throw new NotGradable(`${path.basename(file)} is not a Jupyter notebook (no "cells" / "nbformat")`, "not a notebook");
  }
  return nb as Notebook;
}

/** The assignment a notebook is, by its solution cells' grade_ids. */
export function assignmentOf(nb: Notebook, file: string): Assignment {
  const gradeIds = nb.cells.filter(isSolutionCell).map((c) => nbgrader(c)!.grade_id);
  const assignment = findAssignment(gradeIds);
  if (!assignment) {
    throw new NotGradable(
      `${path.basename(file)} is not a graded assignment: none of its cells carries the grade_id of a graded exercise` +
        (gradeIds.length ? ` (found grade_ids ${gradeIds.join(", ")})` : " (it has no nbgrader solution cells)"),
      "not an assignment",
    );
  }
  return assignment;
}

/** A submission read, recognized and compiled, ready for its student processes. */
export interface PreparedSubmission {
  notebookPath: string;
  assignmentName: string;
  plans: ExercisePlan[];
}

export type Preparation = { ok: true; prepared: PreparedSubmission } | { ok: false; status: NotGradable["status"]; message: string };

/**
 * Reads, recognizes and compiles several submissions at once (one type check for all: a class is
 * prepared in chunks). A file that cannot be graded is a NotGradable outcome, not an exception.
 */
export function prepareSubmissions(files: readonly string[], repoRoot = REPO_ROOT): Preparation[] {
  const read = files.map((file): { file: string; nb: Notebook; assignment: Assignment } | NotGradable => {
    try {
      const nb = readSubmission(file);
      return { file, nb, assignment: assignmentOf(nb, file) };
    } catch (err) {
      if (err instanceof NotGradable) return err;
      throw err;
    }
  });
  const ok = read.filter((r): r is { file: string; nb: Notebook; assignment: Assignment } => !(r instanceof NotGradable));
  const plans = prepareMany(ok, { repoRoot });
  return read.map((r) => {
    if (r instanceof NotGradable) return { ok: false, status: r.status, message: r.message };
    return { ok: true, prepared: { notebookPath: r.file, assignmentName: r.assignment.name, plans: plans[ok.indexOf(r)] } };
  });
}

