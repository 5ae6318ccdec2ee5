/** Exercise 1: test = "Hello World". */
import { CheckFailure, describe } from "../../../lib/check/compare";
import type { Check } from "../support";

export const checks: Check[] = [
  {
    title: 'test is the string "Hello World"',
    async run(student) {
      const value = await student.value();
      if (value !== "Hello World") throw new CheckFailure(`test: expected the string "Hello World", got ${describe(value)}`);
    },
  },
];
