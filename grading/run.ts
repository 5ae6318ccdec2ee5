/**
 * Grades exercises in a student process, one after the other: starts the exercise (the process
 * runs its cells), then runs the exercise's trusted checks here, each of which calls the student's
 * function through the process and judges what comes back. The process never sees a check.
 *
 * Each exercise has its own time limit, enforced here: past it the process is killed, the check
 * that was running fails with a timeout message, and a new process takes the exercises that are
 * left. A process that dies (process.exit, out of memory, a signal) or tampers with the channel
 * fails only the exercise it was on, the same way. So the whole grade is bounded by the sum of the
 * limits (plus one start-up per restart).
 */
import * as path from "path";
import type { Exercise } from "./assignments";
import type { Check, Student } from "./checks/support";
import type { CellModule } from "./prepare";
import type { Encoded, Reply } from "./protocol";
import type { SandboxImage } from "./sandbox";
import { StudentGone, StudentProcess, type GoneReason } from "./student-process";
import { DecodeError, decode } from "./values";
import { CheckFailure } from "../lib/check/compare";

export interface CheckResult {
  title: string;
  passed: boolean;
  message?: string;
  durationMs: number;
}

/** How an exercise ended. */
export type ExerciseStatus = "passed" | "failed" | "timeout" | "crashed" | "tampering" | "library call" | "not run";

export interface ExerciseResult {
  id: string;
  fnName: string;
  number: number;
  points: number;
  maxPoints: number;
  passed: boolean;
  status: ExerciseStatus;
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

const limitOf = (exercise: Exercise, options: RunOptions) => options.timeLimitMs ?? exercise.timeLimitMs;

export function finish(exercise: Exercise, checks: CheckResult[], durationMs: number, status?: Exclude<ExerciseStatus, "passed">, why?: string): ExerciseResult {
  const failed = checks.filter((c) => !c.passed);
  const passed = status === undefined && checks.length > 0 && failed.length === 0;
  // Each failure's message already says what was called with what; the first few are enough.
  const shown = failed.slice(0, 3).map((c) => `✘ ${c.message ?? c.title}`);
  if (failed.length > shown.length) shown.push(`(and ${failed.length - shown.length} more failed checks)`);
  const summary = passed
    ? `all ${checks.length} checks passed`
    : failed.length === 0
      ? "no checks ran"
      : `${failed.length} of ${checks.length} checks failed:\n${shown.join("\n")}`;
  return {
    id: exercise.id,
    fnName: exercise.fnName,
    number: exercise.number,
    points: passed ? exercise.points : 0,
    maxPoints: exercise.points,
    passed,
    status: passed ? "passed" : (status ?? "failed"),
    message: why ? `${why}\n${summary}` : summary,
    checks,
    timedOut: status === "timeout",
    durationMs,
  };
}

/** The result of an exercise that failed before running (not found, does not compile). */
export function failedBeforeRunning(exercise: Exercise, title: string, message: string): ExerciseResult {
  return finish(exercise, [{ title, passed: false, message, durationMs: 0 }], 0);
}

export interface ReadyExercise {
  exercise: Exercise;
  /** Its cells in notebook order, and the one defining its function. */
  cells: CellModule[];
  own: CellModule;
}

/** The trusted checks of an exercise (grading/checks/<checks>.ts), loaded once per grader process. */
function checksOf(exercise: Exercise): Check[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const module = require(path.join(__dirname, "checks", exercise.checks)) as { checks: Check[] };
  return module.checks;
}

function goneMessage(reason: GoneReason, exercise: Exercise, limitMs: number, doing: string, output: string): { status: Exclude<ExerciseStatus, "passed">; message: string } {
  const tail = output ? `:\n${output}` : "";
  switch (reason.kind) {
    case "timeout": {
      const seconds = (limitMs / 1000).toFixed(limitMs % 1000 === 0 ? 0 : 1);
      return { status: "timeout", message: `stopped after ${seconds} s, the time limit for ${exercise.fnName}, while ${doing} — is there an infinite loop, or a promise that never settles?` };
    }
    case "tampering":
      return { status: "tampering", message: `tampering: the grading process for ${exercise.fnName} ${reason.detail}; this exercise earns no points` };
    case "exited":
      return { status: "crashed", message: `the grading process stopped unexpectedly while grading ${exercise.fnName} (${reason.detail})${tail}` };
    case "startup":
      return { status: "crashed", message: `the grading process ${reason.detail}${tail}` };
  }
}

/** One exercise in a live process; resolves with its result, and whether the process is still usable. */
async function gradeExercise(proc: StudentProcess, ready: ReadyExercise, options: RunOptions, cellsView: string): Promise<{ result: ExerciseResult; alive: boolean }> {
  const { exercise, cells, own } = ready;
  const started = Date.now();
  const limitMs = limitOf(exercise, options);
  const timer = setTimeout(() => proc.stop({ kind: "timeout" }), limitMs);
  const results: CheckResult[] = [];
  const forbiddenCalls = new Set<string>();
  let doing = "running the notebook cells";
  let current: { title: string; began: number } | undefined;
  try {
    const start = await proc.request(
      {
        t: "exercise",
        exerciseId: exercise.id,
        name: exercise.fnName,
        module: own.moduleName,
        kind: exercise.kind,
        cells: cells.map((c) => ({ label: c.label, moduleName: c.moduleName, file: path.posix.join(cellsView, `${c.moduleName}.js`) })),
        forbidden: { lib: [...exercise.forbidden.lib], kernels: [...exercise.forbidden.kernels] },
      },
      ["ready", "cell-error"],
    );
    if (start.t === "cell-error") {
      results.push({ title: "runs its cells", passed: false, message: `${start.label} ${start.message}`, durationMs: Date.now() - started });
      return { result: finish(exercise, results, Date.now() - started), alive: true };
    }
    if (exercise.kind === "function" && start.typeOf !== "function") {
      const what = start.typeOf === "undefined" ? "no such name" : `${exercise.fnName} is a ${start.typeOf}`;
      results.push({ title: `defines ${exercise.fnName}`, passed: false, message: `does not define function ${exercise.fnName} (${what})`, durationMs: 0 });
      return { result: finish(exercise, results, Date.now() - started), alive: true };
    }
    const student: Student = {
      async call(what: string, ...args: Encoded[]) {
        const reply = await proc.request({ t: "call", args }, ["returned", "threw"]);
        return judgeReply(proc, reply, what, forbiddenCalls);
      },
      async value() {
        const reply = await proc.request({ t: "value" }, ["returned"]);
        return judgeReply(proc, reply, exercise.fnName, forbiddenCalls).value;
      },
    };
    for (const check of checksOf(exercise)) {
      current = { title: check.title, began: Date.now() };
      doing = `checking "${check.title}"`;
      try {
        await check.run(student);
        results.push({ title: check.title, passed: true, durationMs: Date.now() - current.began });
      } catch (err) {
        if (err instanceof StudentGone) throw err;
        const message = err instanceof CheckFailure ? err.message : `grader error: ${err instanceof Error ? err.stack : String(err)}`;
        results.push({ title: check.title, passed: false, message, durationMs: Date.now() - current.began });
      }
      current = undefined;
    }
    doing = "finishing";
    await proc.request({ t: "sync" }, ["synced"]);
    if (forbiddenCalls.size > 0) {
      const names = [...forbiddenCalls].join(", ");
      return {
        result: finish(
          exercise,
          results,
          Date.now() - started,
          "library call",
          `${exercise.fnName} calls ${names}: the library's own version of what Exercise ${exercise.number} asks you to write. An answer that calls it earns no points; write it with tensor operations.`,
        ),
        alive: true,
      };
    }
    return { result: finish(exercise, results, Date.now() - started), alive: true };
  } catch (err) {
    if (!(err instanceof StudentGone)) throw err;
    const { status, message } = goneMessage(err.reason, exercise, limitMs, doing, proc.output);
    results.push({ title: current?.title ?? (status === "timeout" ? "finishes in time" : "runs to the end"), passed: false, message, durationMs: Date.now() - (current?.began ?? started) });
    return { result: finish(exercise, results, Date.now() - started, status), alive: false };
  } finally {
    clearTimeout(timer);
  }
}

/** A reply to a call, judged: a raise or a forbidden call becomes the check's failure. */
function judgeReply(proc: StudentProcess, reply: Extract<Reply, { t: "returned" | "threw" }>, what: string, forbiddenCalls: Set<string>) {
  for (const name of reply.forbiddenCalls) forbiddenCalls.add(name);
  if (reply.forbiddenCalls.length > 0) {
    throw new CheckFailure(`${what} calls ${reply.forbiddenCalls.join(", ")}, the library's own version of what this exercise asks you to write`);
  }
  if (reply.t === "threw") throw new CheckFailure(`${what} raised ${reply.error}`);
  let value: unknown;
  try {
    value = decode(reply.value);
  } catch (err) {
    if (!(err instanceof DecodeError)) throw err;
    proc.stop({ kind: "tampering", detail: `sent a malformed value (${err.message})` });
    throw new StudentGone(proc.reason!);
  }
  return { value, printed: reply.printed, args: reply.args };
}

/**
 * Grades the exercises in order with as few processes as possible: one, plus one more after each
 * exercise that stopped its process. Results come back in the order given.
 */
export async function runExercises(ready: ReadyExercise[], image: SandboxImage, cellsDir: string, options: RunOptions = {}, first?: StudentProcess): Promise<ExerciseResult[]> {
  const results = new Map<string, ExerciseResult>();
  let queue = ready;
  let proc = first;
  while (queue.length > 0) {
    proc ??= new StudentProcess(image, cellsDir);
    let hello = true;
    try {
      await proc.hello;
    } catch {
      hello = false;
    }
    if (!hello) {
      // A process that cannot start is a grader problem (or a broken install), not the student's:
      // fail what is left with the reason rather than retrying forever.
      const reason = proc.reason ?? { kind: "startup", detail: "did not start" };
      const why = reason.kind === "exited" ? `exited (${reason.detail}) before grading anything` : "detail" in reason ? reason.detail : "did not start";
      const message = `the grading process ${why}${proc.output ? `:\n${proc.output}` : ""}`;
      for (const { exercise } of queue) results.set(exercise.id, finish(exercise, [{ title: "grader starts", passed: false, message, durationMs: 0 }], 0, "crashed"));
      break;
    }
    for (const item of queue) {
      const { result, alive } = await gradeExercise(proc, item, options, image.cellsView(cellsDir));
      results.set(item.exercise.id, result);
      if (!alive) break;
    }
    queue = queue.filter((r) => !results.has(r.exercise.id));
    if (queue.length > 0 || proc.reason) {
      if (!proc.reason) await proc.close();
      proc = undefined;
    }
  }
  if (proc) await proc.close();
  return ready.map((r) => results.get(r.exercise.id)!);
}
