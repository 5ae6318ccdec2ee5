/** initializeWithZeros(dim): { w: zeros (dim, 1), b: 0 }. */
import { tf } from "../../../lib/backend";
import { expectNumberClose, expectObject, expectTensorClose } from "../../../lib/check/compare";
import { callStudent, fixture, studentFunction } from "../../harness";
import { EXACT, type LogregFixtures } from "./common";

const cases = fixture<LogregFixtures>("grading_logreg").initializeWithZeros;

describe("initializeWithZeros", () => {
  const initializeWithZeros = () => studentFunction<(dim: number) => unknown>("initializeWithZeros");

  for (const c of cases) {
    it(`dim = ${c.dim}: w is a (${c.dim}, 1) column of zeros and b is the number 0`, async () => {
      const what = `initializeWithZeros(${c.dim})`;
      const got = expectObject(what, await callStudent(what, initializeWithZeros(), c.dim), ["w", "b"]);
      expectTensorClose(`${what}.w`, got.w, c.w, EXACT);
      expectNumberClose(`${what}.b`, got.b, c.b, EXACT);
      tf.dispose(got.w as tf.Tensor);
    });
  }

  it("w is float32 (the dtype every other tensor of the model has)", async () => {
    const got = expectObject("initializeWithZeros(3)", await callStudent("initializeWithZeros(3)", initializeWithZeros(), 3), ["w", "b"]);
    expectTensorClose("initializeWithZeros(3).w", got.w, [[0], [0], [0]], EXACT);
    const dtype = (got.w as tf.Tensor).dtype;
    if (dtype !== "float32") throw new Error(`initializeWithZeros(3).w has dtype ${dtype}; expected float32 (tf.zeros([dim, 1]) gives float32)`);
    tf.dispose(got.w as tf.Tensor);
  });
});
