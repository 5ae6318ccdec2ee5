/**
 * Runs exercises in a worker process under Node's permission model, one after the other, and turns
 * what the worker reports (or its silence) into results.
 *
 * Each exercise has its own time limit, enforced here: past it the worker is killed, the check it
 * was running fails with a timeout message, and a new worker takes the exercises that are left. A
 * worker that dies (process.exit, out of memory) fails only the exercise it was on, the same way.
 * So the whole grade is bounded by the sum of the limits (plus one start-up per restart).
 */
import { fork } from "child_process";
import * as fs from "fs";
import * as path from "path";
import type { Exercise } from "./assignments";
import type { CellModule } from "./prepare";
import type { ExerciseJob, WorkerMessage, WorkerPlan } from "./protocol";
import type { Sandbox } from "./sandbox";

export interface CheckResult {
  title: string;
  passed: boolean;
  message?: string;
  durationMs: number;
}

export interface ExerciseResult {
  id: string;
  fnName: string;
  points: number;
  maxPoints: number;
  passed: boolean;
  /** For the student: "all 5 checks passed", or the failed checks with what went wrong. */
  message: string;
  checks: CheckResult[];
  timedOut: boolean;
  durationMs: number;
}

export interface RunOptions {
  /** Overrides every exercise's own time limit (ms). */
  timeLimitMs?: number;
}

/** Time a new worker gets to load tfjs and the library before its first exercise's clock starts. */
const STARTUP_LIMIT_MS = 60000;

export function finish(exercise: Exercise, checks: CheckResult[], timedOut: boolean, durationMs: number): ExerciseResult {
  const failed = checks.filter((c) => !c.passed);
  const passed = checks.length > 0 && failed.length === 0;
  // Each failure's message already says what was called with what; the first few are enough.
  const shown = failed.slice(0, 3).map((c) => `✘ ${c.message ?? c.title}`);
  if (failed.length > shown.length) shown.push(`(and ${failed.length - shown.length} more failed checks)`);
  const message = passed
    ? `all ${checks.length} checks passed`
    : failed.length === 0
      ? "no checks ran"
      : `${failed.length} of ${checks.length} checks failed:\n${shown.join("\n")}`;
  return {
    id: exercise.id,
    fnName: exercise.fnName,
    points: passed ? exercise.points : 0,
    maxPoints: exercise.points,
    passed,
    message,
    checks,
    timedOut,
    durationMs,
  };
}

/** The result of an exercise that failed before running (not found, does not compile). */
export function failedBeforeRunning(exercise: Exercise, title: string, message: string): ExerciseResult {
  return finish(exercise, [{ title, passed: false, message, durationMs: 0 }], false, 0);
}

/** Writes the compiled cells into the sandbox once; workers read them from there. */
export function writeCells(sandbox: Sandbox, modules: Iterable<CellModule>): void {
  for (const module of modules) {
    if (module.js !== undefined) fs.writeFileSync(path.join(sandbox.notebooksDir, `${module.moduleName}.js`), module.js);
  }
}

function workerEnv(): NodeJS.ProcessEnv {
  // Nothing of the grader's environment leaks in but what a worker needs (no NODE_OPTIONS, no
  // COURSE_DATA_DIR, no tokens); NN_BACKEND keeps the backend the caller chose.
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? "/usr/bin:/bin", LANG: process.env.LANG ?? "C.UTF-8" };
  if (process.env.NN_BACKEND) env.NN_BACKEND = process.env.NN_BACKEND;
  return env;
}

export interface ReadyExercise {
  exercise: Exercise;
  cells: CellModule[];
}

interface Tracking {
  exercise: Exercise;
  limitMs: number;
  checks: CheckResult[];
  started: number;
  phase: "cells" | "checks";
  current?: { title: string; began: number };
}

/**
 * Grades the exercises in order with as few workers as possible: one, plus one more after each
 * exercise that had to be stopped. Results come back in the order given.
 */
export async function runExercises(ready: ReadyExercise[], sandbox: Sandbox, options: RunOptions = {}, lane = 0): Promise<ExerciseResult[]> {
  const results = new Map<string, ExerciseResult>();
  let queue = ready;
  let attempt = 0;
  while (queue.length > 0) {
    const finished = await runWorker(queue, sandbox, options, `${lane}-${attempt++}`);
    for (const result of finished) results.set(result.id, result);
    queue = queue.filter((r) => !results.has(r.exercise.id));
  }
  return ready.map((r) => results.get(r.exercise.id)!);
}

function limitOf(exercise: Exercise, options: RunOptions): number {
  return options.timeLimitMs ?? exercise.timeLimitMs;
}

/**
 * One worker over `queue`: resolves with the results of the exercises it finished, plus the one it
 * was on if it had to be stopped or died. Exercises it never reached are left for the next worker.
 */
function runWorker(queue: ReadyExercise[], sandbox: Sandbox, options: RunOptions, name: string): Promise<ExerciseResult[]> {
  const jobs: ExerciseJob[] = queue.map(({ exercise, cells }) => ({
    exerciseId: exercise.id,
    fnName: exercise.fnName,
    checkFile: path.join(sandbox.gradingDir, "checks", `${exercise.checks}.js`),
    cells: cells.map((c) => ({ label: c.label, moduleName: c.moduleName, file: path.join(sandbox.notebooksDir, `${c.moduleName}.js`) })),
    // Half the exercise's time: a promise that never settles fails its check and the rest still run.
    testTimeoutMs: Math.max(1000, Math.floor(limitOf(exercise, options) / 2)),
  }));
  const plan: WorkerPlan = { libDir: sandbox.libDir, exercises: jobs };
  const planFile = path.join(sandbox.dir, `plan-${name}.json`);
  fs.writeFileSync(planFile, JSON.stringify(plan, null, 1));
  const byId = new Map(queue.map((r) => [r.exercise.id, r.exercise]));

  return new Promise((resolve) => {
    const results: ExerciseResult[] = [];
    let tracking: Tracking | undefined;
    let timer: NodeJS.Timeout | undefined;
    let stopped: "timeout" | "startup" | undefined;
    let stderr = "";

    const child = fork(path.join(sandbox.gradingDir, "worker.js"), [planFile], {
      cwd: sandbox.notebooksDir,
      env: workerEnv(),
      execArgv: [
        "--experimental-permission",
        // One flag per path (Node 20.20 reads a comma in the value as part of the path).
        `--allow-fs-read=${sandbox.dir}/`,
        `--allow-fs-read=${sandbox.nodeModules}/`,
        "--no-warnings",
        "--max-old-space-size=1536",
      ],
      stdio: ["ignore", "pipe", "pipe", "ipc"],
      serialization: "json",
    });
    // Student output is not part of the grade; stderr's tail explains a crash.
    child.stdout?.resume();
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    const arm = (ms: number, why: "timeout" | "startup") => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        stopped = why;
        child.kill("SIGKILL");
      }, ms);
    };
    arm(STARTUP_LIMIT_MS, "startup");

    child.on("message", (message: WorkerMessage) => {
      const t = tracking;
      switch (message.type) {
        case "ready":
          clearTimeout(timer);
          break;
        case "exercise-begin": {
          const exercise = byId.get(message.exerciseId)!;
          tracking = { exercise, limitMs: limitOf(exercise, options), checks: [], started: Date.now(), phase: "cells" };
          arm(tracking.limitMs, "timeout");
          break;
        }
        case "cell-error":
          t?.checks.push({ title: "runs its cells", passed: false, message: `${message.label} ${message.message}`, durationMs: Date.now() - t.started });
          break;
        case "cells-done":
          if (t) t.phase = "checks";
          break;
        case "test-begin":
          if (t) t.current = { title: message.title, began: Date.now() };
          break;
        case "test-end":
          if (t) {
            t.current = undefined;
            t.checks.push({ title: message.title, passed: message.passed, message: message.message, durationMs: message.durationMs });
          }
          break;
        case "exercise-end":
          clearTimeout(timer);
          if (t) results.push(finish(t.exercise, t.checks, false, Date.now() - t.started));
          tracking = undefined;
          break;
      }
    });

    child.on("close", (code, signal) => {
      clearTimeout(timer);
      // How the worker ended, and the end of its stderr: together they explain a crash.
      const exit = signal ? `signal ${signal}` : `exit code ${code}`;
      const tail = stderr.trim().split("\n").slice(-6).join("\n");
      const stderrTail = tail ? `:\n${tail}` : "";
      const t = tracking;
      if (t) {
        const elapsed = Date.now() - t.started;
        if (stopped === "timeout") {
          const seconds = (t.limitMs / 1000).toFixed(t.limitMs % 1000 === 0 ? 0 : 1);
          const doing = t.current ? `checking "${t.current.title}"` : t.phase === "cells" ? "running the notebook cells" : "running the checks";
          t.checks.push({
            title: t.current?.title ?? (t.phase === "cells" ? "runs its cells" : "finishes in time"),
            passed: false,
            message: `stopped after ${seconds} s, the time limit for ${t.exercise.fnName}, while ${doing} — is there an infinite loop?`,
            durationMs: Date.now() - (t.current?.began ?? t.started),
          });
          results.push(finish(t.exercise, t.checks, true, elapsed));
        } else {
          t.checks.push({
            title: t.current?.title ?? "runs to the end",
            passed: false,
            message: `the grading process stopped unexpectedly while grading ${t.exercise.fnName} (${exit})${stderrTail}`,
            durationMs: elapsed,
          });
          results.push(finish(t.exercise, t.checks, false, elapsed));
        }
      } else if (results.length === 0) {
        // The worker died before its first exercise: a grader problem (or a broken install), not
        // the student's; fail what is left with the reason rather than retrying forever.
        const why = stopped === "startup" ? `did not start within ${STARTUP_LIMIT_MS / 1000} s` : `exited (${exit})`;
        for (const { exercise } of queue) {
          results.push(finish(exercise, [{ title: "grader starts", passed: false, message: `the grading process ${why} before grading anything${stderrTail}`, durationMs: 0 }], false, 0));
        }
      }
      resolve(results);
    });
  });
}
