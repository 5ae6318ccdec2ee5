import { strict as assert } from "assert";
import { tf } from "../../lib/backend";
import { benchGradientDescent } from "../../bench/descent";

describe("bench: benchGradientDescent", function () {
  this.timeout(60000);

  it("benchGradientDescent: times optimize on either implementation and returns its costs, no tensors left", async () => {
    const X = tf.tensor2d([[1, 2, -1, 0.5], [3, 4, -3.2, 1]]);
    const Y = tf.tensor2d([[1, 0, 1, 0]]);
    const before = tf.memory().numTensors;
    const runs = [];
    for (const implementation of ["fast", "tfjs"] as const) {
      const r = await benchGradientDescent(X, Y, { implementation, numIterations: 101, learningRate: 0.01, repeats: 2, warmup: 0 });
      assert.equal(r.row.samplesMs.length, 2);
      assert.equal(r.costs.length, 2);
      assert.ok(Math.abs(r.msPerIteration - r.row.medianMs / 101) < 1e-12);
      runs.push(r);
    }
    assert.ok(Math.abs(runs[0].costs[1] - runs[1].costs[1]) <= 1e-5 * runs[1].costs[1]);
    assert.equal(tf.memory().numTensors, before);
    tf.dispose([X, Y]);
  });
});
