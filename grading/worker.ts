/**
 * A grading worker: a child process started by grading/run.ts inside the sandbox (a temporary copy
 * of the compiled library, checks and fixtures; Node's permission model denies every file write,
 * child processes and worker threads).
 *
 * For each exercise of its plan, in order: it runs the student's cells that exercise needs,
 * registers the exercise's function with the harness, runs the exercise's mocha check file and
 * reports every step to the parent over IPC. The parent enforces each exercise's time limit by
 * killing this process, then starts a new worker for the exercises that are left.
 */
import * as fs from "fs";
import { createRequire } from "module";
import * as path from "path";
import * as vm from "vm";
import Mocha from "mocha";
import { registerStudentFunction } from "./harness";
import type { ExerciseJob, WorkerMessage, WorkerPlan } from "./protocol";

function send(message: WorkerMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) {
      console.log(JSON.stringify(message));
      resolve();
      return;
    }
    process.send(message, undefined, {}, () => resolve());
  });
}

function errorText(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return `thrown value ${String(err)}`;
}

type CellFunction = (exports: object, require: NodeRequire, module: object, filename: string, dirname: string) => Promise<void>;

/**
 * Each cell runs at most once per worker, like in a notebook: a cell two exercises need (the setup
 * cell, a helper) shares its exports, and a cell that failed fails again for the next exercise.
 */
const cellRuns = new Map<string, Promise<{ exports: Record<string, unknown> } | { error: string }>>();
const cellExports = new Map<string, Record<string, unknown>>();

function runCell(cell: ExerciseJob["cells"][number]): Promise<{ exports: Record<string, unknown> } | { error: string }> {
  let run = cellRuns.get(cell.moduleName);
  if (!run) {
    run = (async () => {
      // `import … from "./__grading_cell_N"` gets cell N's exports; anything else is an ordinary
      // require from the sandbox's notebooks/ folder, so "../lib" is the sandbox's library copy.
      const baseRequire = createRequire(cell.file);
      const cellRequire = ((specifier: string) => cellExports.get(specifier.replace(/^\.\//, "")) ?? baseRequire(specifier)) as NodeRequire;
      const exports = cellExports.get(cell.moduleName)!;
      let fn: CellFunction;
      try {
        fn = vm.runInThisContext(fs.readFileSync(cell.file, "utf8"), { filename: cell.label }) as CellFunction;
      } catch (err) {
        return { error: `does not compile: ${errorText(err)}` };
      }
      try {
        await fn(exports, cellRequire, { exports }, cell.file, path.dirname(cell.file));
      } catch (err) {
        return { error: `raised ${errorText(err)}` };
      }
      return { exports };
    })();
    cellRuns.set(cell.moduleName, run);
  }
  return run;
}

/** Runs an exercise's cells in order; returns its own cell's exports, or undefined after reporting. */
async function runCells(job: ExerciseJob): Promise<Record<string, unknown> | undefined> {
  for (const cell of job.cells) if (!cellExports.has(cell.moduleName)) cellExports.set(cell.moduleName, {});
  let last: Record<string, unknown> | undefined;
  for (const cell of job.cells) {
    const outcome = await runCell(cell);
    if ("error" in outcome) {
      await send({ type: "cell-error", label: cell.label, message: outcome.error });
      return undefined;
    }
    last = outcome.exports;
  }
  return last;
}

function runChecks(job: ExerciseJob): Promise<void> {
  return new Promise((resolve) => {
    const pending: Promise<void>[] = [];
    const began = new Map<Mocha.Runnable, number>();
    const titleOf = (test: Mocha.Runnable) => test.titlePath().slice(1).join(" › ") || test.title;
    // A reporter that forwards each result to the parent as it happens, so results survive a kill.
    class Forwarder {
      constructor(runner: Mocha.Runner) {
        runner.on(Mocha.Runner.constants.EVENT_TEST_BEGIN, (test: Mocha.Test) => {
          began.set(test, Date.now());
          pending.push(send({ type: "test-begin", title: titleOf(test) }));
        });
        runner.on(Mocha.Runner.constants.EVENT_TEST_PASS, (test: Mocha.Test) => {
          pending.push(send({ type: "test-end", title: titleOf(test), passed: true, durationMs: Date.now() - (began.get(test) ?? Date.now()) }));
        });
        runner.on(Mocha.Runner.constants.EVENT_TEST_FAIL, (test: Mocha.Runnable, err: Error) => {
          const timedOut = (err as { code?: string })?.code === "ERR_MOCHA_TIMEOUT";
          const message = timedOut
            ? `did not finish within ${job.testTimeoutMs / 1000} s: does the function return a promise that never settles, or run far too long?`
            : err instanceof Error && err.name !== "CheckFailure" && err.name !== "AssertionError"
              ? errorText(err)
              : (err?.message ?? String(err));
          pending.push(send({ type: "test-end", title: titleOf(test), passed: false, message, durationMs: Date.now() - (began.get(test) ?? Date.now()) }));
        });
      }
    }
    const mocha = new Mocha({ timeout: job.testTimeoutMs, reporter: Forwarder as unknown as typeof Mocha.reporters.Base });
    mocha.addFile(job.checkFile);
    mocha.run(() => {
      void Promise.all(pending).then(() => resolve());
    });
  });
}

async function gradeExercise(job: ExerciseJob): Promise<void> {
  await send({ type: "exercise-begin", exerciseId: job.exerciseId });
  const exports = await runCells(job);
  if (exports) {
    await send({ type: "cells-done" });
    const fn = exports[job.fnName];
    registerStudentFunction(job.fnName, fn);
    if (typeof fn !== "function") {
      await send({
        type: "cell-error",
        label: job.cells[job.cells.length - 1]?.label ?? job.exerciseId,
        message: `does not define function ${job.fnName} (${fn === undefined ? "no such name" : `${job.fnName} is a ${typeof fn}`})`,
      });
    } else {
      await runChecks(job);
    }
  }
  await send({ type: "exercise-end", exerciseId: job.exerciseId });
}

// Student code may leave a timer or a promise behind that fails later; outside a mocha run (which
// turns such errors into the running check's failure) that must not end the worker.
process.on("uncaughtException", (err) => process.stderr.write(`uncaught exception from student code: ${errorText(err)}\n`));
process.on("unhandledRejection", (reason) => process.stderr.write(`unhandled rejection from student code: ${errorText(reason)}\n`));

async function main(): Promise<void> {
  const plan = JSON.parse(fs.readFileSync(process.argv[2], "utf8")) as WorkerPlan;
  // The same module instance the cells and checks load (the sandbox's lib/backend.js).
  const backend = require(path.join(plan.libDir, "backend")) as { ready(): Promise<string> };
  await backend.ready();
  // What the checks compare with is not the student's to change: freeze those modules' exports
  // before any student code runs. (This stops accidents and casual tampering, not a determined
  // attempt: student code shares this process with the checks.)
  for (const module of ["check/compare", "check/courseValues", "check/index"]) Object.freeze(require(path.join(plan.libDir, module)));
  Object.freeze(require("./harness"));
  await send({ type: "ready" });
  for (const job of plan.exercises) await gradeExercise(job);
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`grading worker failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(70);
  },
);
