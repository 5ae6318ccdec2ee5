/** normalizeRows(x): each row of x divided by its Euclidean length. */
import { tf } from "../../../lib/backend";
import { expectTensorClose } from "../../../lib/check/compare";
import { callStudent, fixture, studentFunction } from "../../harness";
import { checkTensorCase, type Case } from "../support";

const cases = fixture<{ normalizeRows: Case[] }>("grading_tensor_basics").normalizeRows;

describe("normalizeRows", () => {
  const normalizeRows = () => studentFunction<(x: tf.Tensor2D) => unknown>("normalizeRows");

  for (const c of cases) {
    it(`${c.name}: values and shape`, () => checkTensorCase("normalizeRows", "x", normalizeRows() as (x: tf.Tensor) => unknown, c));
  }

  it("every row of the result has length 1 (a random (5, 4) matrix)", async () => {
    const x = tf.tensor2d(cases[cases.length - 1].inputs.x as number[][]);
    const got = await callStudent("normalizeRows(x) for a random (5, 4) matrix", normalizeRows(), x);
    if (got instanceof tf.Tensor) {
      const lengths = tf.tidy(() => tf.sqrt(tf.sum(tf.square(got), 1)));
      expectTensorClose("the row lengths of normalizeRows(x)", lengths, [1, 1, 1, 1, 1]);
      tf.dispose([lengths, got]);
    } else {
      expectTensorClose("normalizeRows(x) for a random (5, 4) matrix", got, cases[cases.length - 1].expected);
    }
    x.dispose();
  });
});
