import { strict as assert } from "assert";
import { linspace } from "./common";

describe("linspace", () => {
  it("includes both ends", () => {
    assert.deepEqual(linspace(-1, 1, 5), [-1, -0.5, 0, 0.5, 1]);
  });
});
