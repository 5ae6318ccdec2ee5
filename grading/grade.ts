/**
 * Grades one notebook: recognizes its assignment, prepares each exercise (grading/prepare.ts), runs
 * each in its own sandboxed worker with a time limit (grading/run.ts), two at a time, and adds up
 * the points. Never writes next to the notebook; everything temporary lives in a sandbox folder
 * that is removed afterwards.
 */
import * as os from "os";
import * as path from "path";
import { findAssignment } from "./assignments";
import { isSolutionCell, nbgrader, readNotebook } from "./notebook";
import { prepare, type CellModule } from "./prepare";
import { failedBeforeRunning, runExercises, writeCells, type ExerciseResult, type ReadyExercise } from "./run";
import { createSandbox } from "./sandbox";

export const REPO_ROOT = path.resolve(__dirname, "..");

export interface GradeOptions {
  /** Overrides every exercise's time limit (ms). */
  timeLimitMs?: number;
  /** Workers grading side by side (default: 2, or 1 on a single core). */
  concurrency?: number;
  repoRoot?: string;
}

export interface GradeResult {
  notebook: string;
  assignment: string;
  score: number;
  maxScore: number;
  exercises: ExerciseResult[];
  durationMs: number;
}

/**
 * Throws only when grading cannot run (unreadable file, not an assignment, library not built);
 * a student's errors, however bad, end up as failed exercises in the result.
 */
export async function gradeNotebook(notebookPath: string, options: GradeOptions = {}): Promise<GradeResult> {
  const started = Date.now();
  const repoRoot = options.repoRoot ?? REPO_ROOT;
  const nb = readNotebook(notebookPath);
  const gradeIds = nb.cells.filter(isSolutionCell).map((c) => nbgrader(c)!.grade_id);
  const assignment = findAssignment(gradeIds);
  if (!assignment) {
    throw new Error(
      `${path.basename(notebookPath)} is not a graded assignment: none of its cells carries the grade_id of a graded exercise` +
        (gradeIds.length ? ` (found grade_ids ${gradeIds.join(", ")})` : " (it has no nbgrader solution cells)"),
    );
  }
  const plans = prepare(nb, assignment, { repoRoot });
  const sandbox = createSandbox(repoRoot);
  try {
    const modules = new Map<string, CellModule>();
    for (const plan of plans) if (plan.status === "ready") for (const m of plan.cells) modules.set(m.moduleName, m);
    writeCells(sandbox, modules.values());
    // Exercises that compile run in `lanes` workers side by side (round-robin, so a slow or
    // looping exercise holds up only its own lane).
    const ready: ReadyExercise[] = plans.flatMap((p) => (p.status === "ready" ? [{ exercise: p.exercise, cells: p.cells }] : []));
    const lanes = Math.max(1, Math.min(options.concurrency ?? Math.min(2, os.availableParallelism?.() ?? os.cpus().length), ready.length));
    const laneResults = await Promise.all(
      Array.from({ length: lanes }, (_, lane) => runExercises(ready.filter((_, i) => i % lanes === lane), sandbox, { timeLimitMs: options.timeLimitMs }, lane)),
    );
    const ran = new Map(laneResults.flat().map((r) => [r.id, r]));
    const exercises = plans.map((plan) =>
      plan.status === "ready" ? ran.get(plan.exercise.id)! : failedBeforeRunning(plan.exercise, plan.title, plan.message),
    );
    return {
      notebook: notebookPath,
      assignment: assignment.title,
      score: exercises.reduce((sum, e) => sum + e.points, 0),
      maxScore: exercises.reduce((sum, e) => sum + e.maxPoints, 0),
      exercises,
      durationMs: Date.now() - started,
    };
  } finally {
    sandbox.remove();
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
