/** Exercise 2: basicSigmoid(x) = 1 / (1 + e^(−x)) for one number, with Math.exp. */
import { expectNumberClose } from "../../../lib/check/compare";
import * as ref from "../reference";
import { fixture, FRESH, plainArg, type Case, type Check } from "../support";

const cases = fixture<{ basicSigmoid: Case<{ x: number }, number>[] }>("tensor_basics").basicSigmoid;

const numberCase = (title: string, make: () => Case<{ x: number }, number>): Check => ({
  title: `${title}: a number`,
  async run(student) {
    const c = make();
    const got = await student.call(c.name, plainArg(c.inputs.x));
    expectNumberClose(c.name, got.value, c.expected);
  },
});

export const checks: Check[] = [
  ...cases.map((c) => numberCase(c.name, () => c)),
  numberCase(FRESH, () => {
    const x = ref.normal(4);
    return { name: `basicSigmoid(${x})`, inputs: { x }, expected: ref.sigmoid(x) };
  }),
];
