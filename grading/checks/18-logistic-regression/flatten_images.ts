/** Exercise 2: flattenImages(images): (m, numPx, numPx, 3) -> (numPx·numPx·3, m), column i = image i. */
import { EXACT, expectTensorClose } from "../../../lib/check/compare";
import { expectArgsIntact, fixture, tensorArg, type Check } from "../support";
import type { LogregFixtures } from "./common";

const cases = fixture<LogregFixtures>("logreg").flattenImages;

export const checks: Check[] = cases.map((c) => ({
  title: `${c.name}: one column per image, in numpy's order`,
  async run(student) {
    const what = `flattenImages(images) for ${c.name}`;
    const got = await student.call(what, tensorArg(c.inputs.images));
    // Exact: flattening moves numbers, it does not compute with them.
    expectTensorClose(what, got.value, c.expected, EXACT);
    expectArgsIntact("flattenImages", got, ["images"]);
  },
}));
