/** Exercise 1: datasetSizes(trainSetXOrig, testSetXOrig) -> { mTrain, mTest, numPx }. */
import { EXACT, expectNumberClose, expectObject } from "../../../lib/check/compare";
import * as ref from "../reference";
import { fixture, FRESH, tensorArg, type Check } from "../support";
import type { LogregFixtures } from "./common";

const cases = fixture<LogregFixtures>("logreg").datasetSizes;

const fresh = () => {
  const [mTrain, mTest, numPx] = [ref.size(1, 9), ref.size(1, 9), ref.size(1, 6)];
  const images = (m: number) => Array.from({ length: m }, () => Array.from({ length: numPx }, () => ref.matrix(numPx, 3, () => Math.floor(ref.random() * 256))));
  return { name: "a fresh random case", inputs: { trainSetXOrig: images(mTrain), testSetXOrig: images(mTest) }, mTrain, mTest, numPx };
};

export const checks: Check[] = [...cases.map((c) => () => c), fresh].map((make, i) => ({
  title: `${i < cases.length ? cases[i].name : FRESH}: mTrain, mTest and numPx`,
  async run(student) {
    const c = make();
    const what = `datasetSizes(trainSetXOrig, testSetXOrig) for ${c.name}`;
    const got = await student.call(what, tensorArg(c.inputs.trainSetXOrig), tensorArg(c.inputs.testSetXOrig));
    const sizes = expectObject(what, got.value, ["mTrain", "mTest", "numPx"]);
    for (const key of ["mTrain", "mTest", "numPx"] as const) expectNumberClose(`${what}.${key}`, sizes[key], c[key], EXACT);
  },
}));
