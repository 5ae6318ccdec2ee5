/** Exercise 4: initializeWithZeros(dim): { w: zeros (dim, 1), b: 0 }. */
import { CheckFailure, EXACT, expectNumberClose, expectObject, expectTensorClose, TensorSnapshot } from "../../../lib/check/compare";
import { fixture, plainArg, type Check } from "../support";
import type { LogregFixtures } from "./common";

const cases = fixture<LogregFixtures>("logreg").initializeWithZeros;

export const checks: Check[] = [
  ...cases.map((c) => ({
    title: `dim = ${c.dim}: w is a (${c.dim}, 1) column of zeros and b is the number 0`,
    async run(student: Parameters<Check["run"]>[0]) {
      const what = `initializeWithZeros(${c.dim})`;
      const got = expectObject(what, (await student.call(what, plainArg(c.dim))).value, ["w", "b"]);
      expectTensorClose(`${what}.w`, got.w, c.w, EXACT);
      expectNumberClose(`${what}.b`, got.b, c.b, EXACT);
    },
  })),
  {
    title: "w is float32 (the dtype every other tensor of the model has)",
    async run(student) {
      const got = expectObject("initializeWithZeros(3)", (await student.call("initializeWithZeros(3)", plainArg(3))).value, ["w", "b"]);
      expectTensorClose("initializeWithZeros(3).w", got.w, [[0], [0], [0]], EXACT);
      const dtype = (got.w as TensorSnapshot).dtype;
      if (dtype !== "float32") throw new CheckFailure(`initializeWithZeros(3).w has dtype ${dtype}; expected float32 (tf.zeros([dim, 1]) gives float32)`);
    },
  },
];
