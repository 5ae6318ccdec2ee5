/** Exercise 2: flattenImages(images): (m, numPx, numPx, 3) -> (numPx·numPx·3, m), column i = image i. */
import { EXACT, expectTensorClose } from "../../../lib/check/compare";
import * as ref from "../reference";
import { expectArgsIntact, fixture, FRESH, tensorArg, type Check } from "../support";
import type { LogregFixtures } from "./common";

const cases = fixture<LogregFixtures>("logreg").flattenImages;

const pixel = () => Math.floor(ref.random() * 256);
const fresh = () => {
  const px = ref.size(2, 5);
  const images = Array.from({ length: ref.size(2, 5) }, () => Array.from({ length: px }, () => ref.matrix(px, 3, pixel)));
  return { name: "a fresh random case", inputs: { images }, expected: ref.flattenImages(images) };
};

export const checks: Check[] = [...cases.map((c) => () => c), fresh].map((make, i) => ({
  title: `${i < cases.length ? cases[i].name : FRESH}: one column per image, in numpy's order`,
  async run(student) {
    const c = make();
    const what = `flattenImages(images) for ${c.name}`;
    const got = await student.call(what, tensorArg(c.inputs.images));
    // Exact: flattening moves numbers, it does not compute with them.
    expectTensorClose(what, got.value, c.expected, EXACT);
    expectArgsIntact("flattenImages", got, ["images"]);
  },
}));
