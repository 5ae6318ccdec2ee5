/**
 * What a trusted check file works with. A check never touches the student's code: it sends
 * arguments through `student.call(what, ...args)` (tensors as `tensorArg(nested)`), gets back plain
 * data (tensors as TensorSnapshot) and judges it with lib/check/compare.ts against expected values
 * that only this process reads (grading/fixtures, written by the float64 numpy scripts in
 * grading/reference/).
 */
import * as fs from "fs";
import * as path from "path";
import { CheckFailure, expectTensorClose, type Tolerance } from "../../lib/check/compare";
import * as message from "../../lib/messages";
import type { ArgState, Encoded } from "../protocol";
import { tensorArg } from "../values";

export { tensorArg, plainArg } from "../values";

/** What a call returned, decoded, with what it printed and what it did to its tensor arguments. */
export interface Returned {
  value: unknown;
  printed: string[];
  /** One entry per tensor argument, in order. */
  args: ArgState[];
}

export interface Student {
  /** Calls the exercise's function; a raise fails the check with `what` in the message. */
  call(what: string, ...args: Encoded[]): Promise<Returned>;
  /** The value of a value exercise's name. */
  value(): Promise<unknown>;
}

export interface Check {
  title: string;
  run(student: Student): Promise<void>;
}

/** A fixture case from grading/reference/*.py. */
export interface Case<I = Record<string, unknown>, E = unknown> {
  name: string;
  inputs: I;
  expected: E;
}

const fixtureCache = new Map<string, unknown>();

/** grading/fixtures/<name>.json's cases (read by the grader only; never copied to the sandbox). */
export function fixture<T>(name: string): T {
  if (!fixtureCache.has(name)) {
    const file = path.join(__dirname, "..", "fixtures", `${name}.json`);
    fixtureCache.set(name, (JSON.parse(fs.readFileSync(file, "utf8")) as { fixtures: T }).fixtures);
  }
  return fixtureCache.get(name) as T;
}

/** Fails unless every tensor argument of the call is still alive and unchanged. */
export function expectArgsIntact(fnName: string, returned: Returned, names: readonly string[]): void {
  returned.args.forEach((state, i) => {
    const name = names[i] ?? `argument ${i + 1}`;
    if (state.disposed) {
      throw new CheckFailure(message.disposedItsArgument(fnName, name));
    }
    if (state.changed) throw new CheckFailure(`${fnName} changed the values of its argument ${name}; it must leave its inputs as they were`);
  });
}

/**
 * The standard check of a function of one tensor: call it on the case's input (a float32 tensor),
 * compare with the reference values and shape, and make sure the input is still alive.
 */
export function tensorCase(fnName: string, argName: string, c: Case, tol?: Tolerance): Check {
  return {
    title: `${c.name}: values and shape`,
    async run(student) {
      const what = `${fnName}(${argName}) for ${c.name}`;
      const got = await student.call(what, tensorArg(c.inputs[argName]));
      expectTensorClose(what, got.value, c.expected, tol);
      expectArgsIntact(fnName, got, [argName]);
    },
  };
}

/** The title of a check whose inputs are drawn afresh at every grading run (checks/reference.ts). */
export const FRESH = "a fresh random case (new inputs at every grading run)";

/** A function of one tensor on fresh random input; `draw` gives the input and its expected value. */
export function freshTensorCase(fnName: string, argName: string, draw: () => { input: unknown; expected: unknown }, tol?: Tolerance): Check {
  return {
    title: `${FRESH}: values and shape`,
    async run(student) {
      const { input, expected } = draw();
      const c: Case = { name: "a fresh random case", inputs: { [argName]: input }, expected };
      await tensorCase(fnName, argName, c, tol).run(student);
    },
  };
}
