/** Exercise 1: datasetSizes(trainSetXOrig, testSetXOrig) -> { mTrain, mTest, numPx }. */
import { EXACT, expectNumberClose, expectObject } from "../../../lib/check/compare";
import { fixture, tensorArg, type Check } from "../support";
import type { LogregFixtures } from "./common";

const cases = fixture<LogregFixtures>("logreg").datasetSizes;

export const checks: Check[] = cases.map((c) => ({
  title: `${c.name}: mTrain, mTest and numPx`,
  async run(student) {
    const what = `datasetSizes(trainSetXOrig, testSetXOrig) for ${c.name}`;
    const got = await student.call(what, tensorArg(c.inputs.trainSetXOrig), tensorArg(c.inputs.testSetXOrig));
    const sizes = expectObject(what, got.value, ["mTrain", "mTest", "numPx"]);
    for (const key of ["mTrain", "mTest", "numPx"] as const) expectNumberClose(`${what}.${key}`, sizes[key], c[key], EXACT);
  },
}));
