import { strict as assert } from "assert";
import { fasterOrSlower } from "./speed";

describe("fasterOrSlower", () => {
  it("says how much faster or slower, one decimal below 10×, none above", () => {
    assert.equal(fasterOrSlower(10, 44), "4.4× faster than");
    assert.equal(fasterOrSlower(1, 290.4), "290× faster than");
    assert.equal(fasterOrSlower(28.7, 2.45), "12× slower than");
    assert.equal(fasterOrSlower(10, 10.5), "about as fast as");
  });

  it("refuses timings that are not positive", () => {
    assert.throws(() => fasterOrSlower(0, 1), /^Error: fasterOrSlower: timings must be positive numbers of milliseconds, got 0 and 1$/);
    assert.throws(() => fasterOrSlower(NaN, 1), /fasterOrSlower/);
  });
});
