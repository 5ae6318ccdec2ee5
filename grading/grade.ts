/**
 * Grades one notebook: recognizes its assignment, prepares each exercise (grading/prepare.ts),
 * grades them in student processes of the sandbox image (grading/run.ts), and adds up the points.
 * Never writes next to the notebook; everything temporary lives in the sandbox's folders.
 */
import * as os from "os";
import * as fs from "fs";
import * as path from "path";
import { findAssignment, guardedLibrary, type Assignment } from "./assignments";
import { isSolutionCell, nbgrader, readNotebook, type Notebook } from "./notebook";
import { prepare, type CellModule } from "./prepare";
import { failedBeforeRunning, runExercises, type ExerciseResult, type ReadyExercise } from "./run";
import { createImage, type Isolation, type SandboxImage } from "./sandbox";
import { StudentProcess } from "./student-process";

export const REPO_ROOT = path.resolve(__dirname, "..");

export interface GradeOptions {
  /** Overrides every exercise's time limit (ms). */
  timeLimitMs?: number;
  /** Student processes grading this notebook side by side (default: 2, or 1 on a single core). */
  concurrency?: number;
  repoRoot?: string;
  /** A sandbox image shared by many grades (a class); default: one made for this grade. */
  image?: SandboxImage;
  /** Force an isolation for a new image (tests). */
  isolation?: Isolation;
  /** Grade only these exercises (grade_ids); the others are left out of the result. */
  only?: readonly string[];
}

export interface GradeResult {
  notebook: string;
  assignment: string;
  /** nbgrader's assignment name. */
  assignmentName: string;
  score: number;
  maxScore: number;
  exercises: ExerciseResult[];
  durationMs: number;
  isolation: Isolation;
}

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

export function newImage(options: { repoRoot?: string; isolation?: Isolation } = {}): SandboxImage {
  return createImage({ repoRoot: options.repoRoot ?? REPO_ROOT, guardedLib: guardedLibrary(), isolation: options.isolation });
}

/**
 * Throws NotGradable when the file cannot be graded (unreadable, not a notebook, not an
 * assignment) and Error when the grader cannot run (library not built); a student's errors,
 * however bad, end up as failed exercises in the result.
 */
export async function gradeNotebook(notebookPath: string, options: GradeOptions = {}): Promise<GradeResult> {
  const started = Date.now();
  const repoRoot = options.repoRoot ?? REPO_ROOT;
  const nb = readSubmission(notebookPath);
  const assignment = assignmentOf(nb, notebookPath);
  const image = options.image ?? newImage({ repoRoot, isolation: options.isolation });
  const cellsDir = image.submissionDir();
  const lanes = Math.max(1, Math.min(options.concurrency ?? Math.min(2, os.availableParallelism?.() ?? os.cpus().length), assignment.exercises.length));
  // The processes load tfjs while the cells are type-checked.
  const early = Array.from({ length: lanes }, () => new StudentProcess(image, cellsDir));
  try {
    const plans = prepare(nb, assignment, { repoRoot }).filter((p) => !options.only || options.only.includes(p.exercise.id));
    const modules = new Map<string, CellModule>();
    for (const plan of plans) if (plan.status === "ready") for (const m of plan.cells) modules.set(m.moduleName, m);
    for (const module of modules.values()) if (module.js !== undefined) fs.writeFileSync(path.join(cellsDir, `${module.moduleName}.js`), module.js);
    const ready: ReadyExercise[] = plans.flatMap((p) => (p.status === "ready" ? [{ exercise: p.exercise, cells: p.cells, own: p.own }] : []));
    // Round-robin, so a slow or looping exercise holds up only its own lane.
    const laneResults = await Promise.all(
      early.map((proc, lane) => {
        const mine = ready.filter((_, i) => i % lanes === lane);
        if (mine.length === 0) return proc.close().then(() => []);
        return runExercises(mine, image, cellsDir, { timeLimitMs: options.timeLimitMs }, proc);
      }),
    );
    const ran = new Map(laneResults.flat().map((r) => [r.id, r]));
    const exercises = plans.map((plan) =>
      plan.status === "ready" ? ran.get(plan.exercise.id)! : failedBeforeRunning(plan.exercise, plan.title, plan.message),
    );
    return {
      notebook: notebookPath,
      assignment: assignment.title,
      assignmentName: assignment.name,
      score: exercises.reduce((sum, e) => sum + e.points, 0),
      maxScore: exercises.reduce((sum, e) => sum + e.maxPoints, 0),
      exercises,
      durationMs: Date.now() - started,
      isolation: image.isolation,
    };
  } finally {
    for (const proc of early) if (!proc.reason) proc.stop({ kind: "exited", detail: "grading ended" });
    fs.rmSync(path.dirname(cellsDir), { recursive: true, force: true });
    if (!options.image) image.remove();
  }
}

/** The `--json` form: exactly these keys. */
export function toJson(result: GradeResult): {
  notebook: string;
  score: number;
  maxScore: number;
  exercises: { id: string; points: number; maxPoints: number; passed: boolean; message: string }[];
} {
  return {
    notebook: result.notebook,
    score: result.score,
    maxScore: result.maxScore,
    exercises: result.exercises.map(({ id, points, maxPoints, passed, message }) => ({ id, points, maxPoints, passed, message })),
  };
}
