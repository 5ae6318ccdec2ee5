/**
 * Grades one notebook: recognizes its assignment, prepares each exercise (grading/prepare.ts),
 * grades them in student processes of the sandbox image (grading/run.ts), and adds up the points.
 * Never writes next to the notebook; everything temporary lives in the sandbox's folders.
 */
import * as os from "os";
import * as fs from "fs";
import * as path from "path";
import { ASSIGNMENTS, guardedLibrary, type Assignment } from "./assignments";
import { prepare, type CellModule, type ExercisePlan } from "./prepare";
import { assignmentOf, readSubmission, REPO_ROOT, type PreparedSubmission } from "./submission";
import { failedBeforeRunning, runExercises, type ExerciseResult, type ReadyExercise } from "./run";
import { createImage, type Isolation, type SandboxImage } from "./sandbox";
import { StudentProcess } from "./student-process";

export { NotGradable, readSubmission, REPO_ROOT } from "./submission";

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
  // The student processes load tfjs while the cells are type-checked.
  return gradeWith(assignment, options, started, (image, cellsDir, lanes) => {
    const early = Array.from({ length: lanes }, () => new StudentProcess(image, cellsDir));
    return { early, plans: () => prepare(nb, assignment, { repoRoot }) };
  }, notebookPath);
}

/** Grades a submission prepared by prepareSubmissions (a class: prepared ahead, in chunks). */
export function gradePrepared(p: PreparedSubmission, options: GradeOptions = {}): Promise<GradeResult> {
  const assignment = ASSIGNMENTS.find((a) => a.name === p.assignmentName)!;
  return gradeWith(assignment, options, Date.now(), () => ({ early: [], plans: () => p.plans }), p.notebookPath);
}

async function gradeWith(
  assignment: Assignment,
  options: GradeOptions,
  started: number,
  setup: (image: SandboxImage, cellsDir: string, lanes: number) => { early: StudentProcess[]; plans: () => ExercisePlan[] },
  notebookPath: string,
): Promise<GradeResult> {
  const image = options.image ?? newImage({ repoRoot: options.repoRoot, isolation: options.isolation });
  const cellsDir = image.submissionDir();
  const lanes = Math.max(1, Math.min(options.concurrency ?? Math.min(2, os.availableParallelism?.() ?? os.cpus().length), assignment.exercises.length));
  const { early, plans: getPlans } = setup(image, cellsDir, lanes);
  try {
    const plans = getPlans().filter((p) => !options.only || options.only.includes(p.exercise.id));
    const modules = new Map<string, CellModule>();
    for (const plan of plans) if (plan.status === "ready") for (const m of plan.cells) modules.set(m.moduleName, m);
    for (const module of modules.values()) if (module.js !== undefined) fs.writeFileSync(path.join(cellsDir, `${module.moduleName}.js`), module.js);
    const ready: ReadyExercise[] = plans.flatMap((p) => (p.status === "ready" ? [{ exercise: p.exercise, cells: p.cells, own: p.own }] : []));
    // Round-robin, so a slow or looping exercise holds up only its own lane.
    const laneResults = await Promise.all(
      Array.from({ length: lanes }, (_, lane) => {
        const mine = ready.filter((_, i) => i % lanes === lane);
        if (mine.length === 0) return (early[lane]?.close() ?? Promise.resolve()).then(() => []);
        return runExercises(mine, image, cellsDir, { timeLimitMs: options.timeLimitMs }, early[lane]);
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
