/**
 * Shared pieces of the check files: fixture shapes and the checks every tensor-valued exercise
 * gets (the reference cases, the input left alive).
 */
import { tf } from "../../lib/backend";
import { CheckFailure, expectTensorClose, tensorOf, type Tolerance } from "../../lib/check/compare";
import { formatValues, flatten } from "../../lib/check/compare";
import { callStudent } from "../harness";

/** A fixture case from test/reference/grading_*.py. */
export interface Case<I = Record<string, unknown>, E = unknown> {
  name: string;
  inputs: I;
  expected: E;
}

/** "[1, 2, 3]" / "(4, 6) values" — a case's input, short enough for a test title. */
export function shortInput(nested: unknown): string {
  const { values, shape } = flatten(nested);
  return values.length <= 6 ? formatValues(values, shape) : `a (${shape.join(", ")}) tensor`;
}

/** Fails unless the student's function left its argument usable. */
export function expectAlive(fnName: string, input: tf.Tensor): void {
  if (input.isDisposed) throw new CheckFailure(`${fnName} disposed its input tensor; a function must not dispose its arguments (tf.tidy disposes only what it creates)`);
}

/**
 * The standard check of a function of one tensor: call it on the case's input (a float32 tensor),
 * compare with the reference values and shape, and make sure the input is still alive.
 */
export async function checkTensorCase(
  fnName: string,
  argName: string,
  f: (x: tf.Tensor) => unknown,
  c: Case,
  tol?: Tolerance,
): Promise<void> {
  const input = tensorOf(c.inputs[argName]);
  const what = `${fnName}(${argName}) for ${c.name}`;
  const got = await callStudent(what, f, input);
  expectTensorClose(what, got, c.expected, tol);
  expectAlive(fnName, input);
  tf.dispose([input, got as tf.Tensor]);
}
