import { strict as assert } from "assert";
import * as util from "util";
import { tf } from "../backend";

describe("tensors as text (util.inspect form, installed by the library)", () => {
  it("shows dtype, shape and values, also nested and once disposed", () => {
    const t = tf.tensor2d([
      [1, 2],
      [3, 4],
    ]);
    assert.equal(util.inspect(t), "Tensor float32 [2,2]\n    [[1, 2],\n     [3, 4]]");
    assert.match(util.inspect({ w: t }), /w: Tensor float32 \[2,2\]/);
    t.dispose();
    assert.equal(util.inspect(t), "Tensor float32 [2,2] (disposed)");
  });
});
