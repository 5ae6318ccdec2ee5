/** Exercise 2: basicSigmoid(x) = 1 / (1 + e^(−x)) for one number, with Math.exp. */
import { expectNumberClose } from "../../../lib/check/compare";
import { fixture, plainArg, type Case, type Check } from "../support";

const cases = fixture<{ basicSigmoid: Case<{ x: number }, number>[] }>("tensor_basics").basicSigmoid;

export const checks: Check[] = cases.map((c) => ({
  title: `${c.name}: a number`,
  async run(student) {
    const got = await student.call(c.name, plainArg(c.inputs.x));
    expectNumberClose(c.name, got.value, c.expected);
  },
}));
