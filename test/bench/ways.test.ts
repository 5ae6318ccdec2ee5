import { strict as assert } from "assert";
import { tf } from "../../lib/backend";
import { assertAllClose } from "../fixtures/fixtures";
import { learnerFunctions, learnerSettings } from "../../bench/learner";
import { timeWay, WAYS, type Way } from "../../bench/ways";

describe("bench: the ways of training the model", function () {
  this.timeout(120000);

  it("reads notebook 18's solution functions and its training call from the notebook", () => {
    const f = learnerFunctions();
    for (const name of ["initializeWithZeros", "propagate", "optimize", "predict"] as const) assert.equal(typeof f[name], "function", name);
    assert.ok(f.cells.length >= 5, `function cells found: ${f.cells}`);
    assert.deepEqual(learnerSettings(), { numIterations: 2000, learningRate: 0.005 });
    // The learner's propagate on the notebook's (and the course's) example, whose float64 values its
    // expected-output table gives: float32 agrees to about 7 digits.
    const w = tf.tensor2d([[1], [2]]);
    const X = tf.tensor2d([[1, -2, -1], [3, 0.5, -3.2]]);
    const Y = tf.tensor2d([[1, 1, 0]]);
    const { grads, cost } = f.propagate(w, 1.5, X, Y);
    assert.ok(Math.abs(cost - 0.15900537707692405) < 1e-6, `cost ${cost}`);
    assertAllClose(Array.from(grads.dw.dataSync()), [0.25071532, -0.06604096], "dw", { rtol: 1e-5 });
    assert.ok(Math.abs(grads.db - -0.1250040450043965) < 1e-6, `db ${grads.db}`);
    tf.dispose([w, X, Y, grads.dw]);
  });

  it("every way trains the same model (costs to float32 precision), leaving no tensors behind", async () => {
    const [nX, m] = [300, 40];
    const X = tf.tensor2d(Float32Array.from({ length: nX * m }, (_, t) => ((t * 7919) % 256) / 255), [nX, m]);
    const Y = tf.tensor2d(Float32Array.from({ length: m }, (_, i) => ((i * 37) % 5 < 2 ? 1 : 0)), [1, m]);
    const before = tf.memory().numTensors;
    const runs = new Map<Way, number[]>();
    for (const way of Object.keys(WAYS) as Way[]) {
      const r = await timeWay(way, { X, Y, numIterations: 201, learningRate: 0.005, repeats: 2 });
      assert.equal(r.samplesMs.length, 2, way);
      assert.equal(r.costs.length, 3, way);
      assert.equal(r.w.length, nX, way);
      runs.set(way, r.costs);
    }
    for (const [way, costs] of runs) assertAllClose(costs, runs.get("fast") as number[], `${way} costs vs the fast path`);
    assert.equal(tf.memory().numTensors, before, "tensors leaked");
    tf.dispose([X, Y]);
  });
});
