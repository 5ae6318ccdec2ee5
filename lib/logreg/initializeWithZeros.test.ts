import { strict as assert } from "assert";
import { assertTensorClose, loadFixture, type Nested } from "../../test/fixtures/fixtures";
import { initializeWithZeros } from "./initializeWithZeros";

const fx = loadFixture("logreg").fixtures.initializeWithZeros as { dim: number; w: Nested; b: number };

describe("initializeWithZeros", () => {
  it("gives w = zeros (dim, 1) and b = 0, like the course's test", () => {
    const { w, b } = initializeWithZeros(fx.dim);
    assertTensorClose(w, fx.w, "w");
    assert.equal(b, fx.b);
    assert.equal(w.dtype, "float32");
    w.dispose();
  });

  it("rejects a dim that is not a positive integer", () => {
    for (const dim of [0, -3, 2.5, NaN, Infinity]) {
      assert.throws(() => initializeWithZeros(dim), {
        message: `initializeWithZeros: dim must be a positive integer (the number of features n_x), got ${dim}`,
      });
    }
    assert.throws(() => initializeWithZeros("2" as unknown as number), /^Error: initializeWithZeros: dim must be a positive integer/);
  });
});
