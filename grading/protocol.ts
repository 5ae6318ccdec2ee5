/** What the grader (parent) and a grading worker (child process) tell each other. */

export interface ExerciseJob {
  exerciseId: string;
  fnName: string;
  /** The compiled mocha check file. */
  checkFile: string;
  /** The student's cells to run first, in notebook order: compiled modules (see grading/prepare.ts). */
  cells: { label: string; moduleName: string; file: string }[];
  /** mocha's per-test timeout (catches a promise that never settles; a busy loop needs the parent's kill). */
  testTimeoutMs: number;
}

/** A worker's job list, written by the parent into the sandbox as JSON; the worker only reads it. */
export interface WorkerPlan {
  /** The sandbox's copy of the compiled library. */
  libDir: string;
  /** Graded one after the other, in this order. */
  exercises: ExerciseJob[];
}

export type WorkerMessage =
  | { type: "ready" }
  | { type: "exercise-begin"; exerciseId: string }
  | { type: "cell-error"; label: string; message: string }
  | { type: "cells-done" }
  | { type: "test-begin"; title: string }
  | { type: "test-end"; title: string; passed: boolean; message?: string; durationMs: number }
  | { type: "exercise-end"; exerciseId: string };
