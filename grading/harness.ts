/**
 * What a check file sees of the student's work, and small helpers for writing checks.
 *
 * The worker (grading/worker.ts) runs the student's cells, then registers the exercise's function
 * here before mocha loads the check file; checks call `studentFunction()` inside their tests.
 */
import * as fs from "fs";
import * as path from "path";
import { CheckFailure } from "../lib/check/compare";

let registered: { fnName: string; fn: unknown } | undefined;

export function registerStudentFunction(fnName: string, fn: unknown): void {
  registered = { fnName, fn };
}

/** The student's function under test (typed by the check that asks for it). */
export function studentFunction<F extends (...args: never[]) => unknown>(fnName: string): F {
  if (!registered || registered.fnName !== fnName) {
    throw new Error(`grader: no student function ${fnName} was registered (the worker registers one per exercise)`);
  }
  if (typeof registered.fn !== "function") {
    throw new CheckFailure(`${fnName} is not a function (got ${typeof registered.fn})`);
  }
  return registered.fn as F;
}

/** A reference fixture written by test/reference/<name>.py (float64 numpy). */
export function fixture<T>(name: string): T {
  // grading/ sits beside test/ both in the repository and in the grader's sandbox copy.
  const file = path.join(__dirname, "..", "test", "fixtures", `${name}.json`);
  return (JSON.parse(fs.readFileSync(file, "utf8")) as { fixtures: T }).fixtures;
}

/**
 * Calls the student's function; an exception becomes a failure that says which call raised it.
 * A returned promise is awaited (an async solution is not what the course asks for, but it is not
 * wrong either).
 */
export async function callStudent<R = unknown>(what: string, f: (...args: never[]) => unknown, ...args: unknown[]): Promise<R> {
  let result: unknown;
  try {
    result = (f as (...a: unknown[]) => unknown)(...args);
    if (result && typeof (result as Promise<unknown>).then === "function") result = await result;
  } catch (err) {
    const error = err as Error;
    const message = error && typeof error === "object" && "message" in error ? `${error.name ?? "Error"}: ${error.message}` : String(err);
    throw new CheckFailure(`${what} raised ${message}`);
  }
  return result as R;
}

/** Runs `f` with console.log captured; returns what it returned and the lines it printed. */
export async function withCapturedLog<R>(f: () => Promise<R>): Promise<{ result: R; lines: string[] }> {
  const lines: string[] = [];
  const original = console.log;
  console.log = (...parts: unknown[]) => {
    lines.push(parts.map(String).join(" "));
  };
  try {
    return { result: await f(), lines };
  } finally {
    console.log = original;
  }
}
