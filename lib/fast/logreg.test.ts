import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { tf } from "../backend";
import { loadCatDataset } from "../data/cat";
import { model, optimize, propagate } from "../logreg";
import { assertAllClose, assertClose, assertTensorClose, loadFixture } from "../../test/fixtures/fixtures";
import { IMPLEMENTATION_ENV, useFastPath } from "./logreg";

const IMPLEMENTATIONS = ["fast", "tfjs"] as const;
const lr = loadFixture("logreg").fixtures;

describe("lib/logreg on both implementations (fast path and tfjs ops)", function () {
  this.timeout(60000);

  it('"auto" picks the fast path here; NN_LOGREG_IMPL and the option override it', () => {
    const saved = process.env[IMPLEMENTATION_ENV];
    try {
      delete process.env[IMPLEMENTATION_ENV];
      assert.equal(useFastPath("optimize"), true);
      assert.equal(useFastPath("optimize", "tfjs"), false);
      process.env[IMPLEMENTATION_ENV] = "tfjs";
      assert.equal(useFastPath("optimize"), false);
      assert.equal(useFastPath("optimize", "fast"), true);
      process.env[IMPLEMENTATION_ENV] = "gpu";
      assert.throws(() => useFastPath("optimize"), /optimize: NN_LOGREG_IMPL must be "auto", "fast" or "tfjs", got "gpu"/);
      assert.throws(() => useFastPath("model", "turbo" as never), /model: implementation must be "auto", "fast" or "tfjs", got "turbo"/);
    } finally {
      if (saved === undefined) delete process.env[IMPLEMENTATION_ENV];
      else process.env[IMPLEMENTATION_ENV] = saved;
    }
  });

  for (const implementation of IMPLEMENTATIONS) {
    for (const key of ["course", "random"]) {
      it(`${implementation}: propagate and optimize match numpy (${key} case), leaving no tensors behind`, () => {
        const p = lr.propagate[key].inputs;
        const [w, X, Y] = [tf.tensor2d(p.w), tf.tensor2d(p.X), tf.tensor2d(p.Y)];
        const before = tf.memory().numTensors;
        const g = propagate(w, p.b, X, Y, { implementation });
        assertTensorClose(g.grads.dw, lr.propagate[key].grads.dw, "dw", { atol: 1e-6 });
        assertClose(g.grads.db, lr.propagate[key].grads.db, "db", { atol: 1e-7 });
        assertClose(g.cost, lr.propagate[key].cost, "cost");
        g.grads.dw.dispose();

        const o = lr.optimize[key];
        const r = optimize(w, o.inputs.b, X, Y, { numIterations: o.inputs.numIterations, learningRate: o.inputs.learningRate, implementation });
        assertTensorClose(r.params.w, o.params.w, "w", { atol: 1e-6 });
        assertClose(r.params.b, o.params.b, "b", { atol: 1e-7 });
        assertTensorClose(r.grads.dw, o.grads.dw, "grads.dw", { atol: 1e-6 });
        assertClose(r.grads.db, o.grads.db, "grads.db", { atol: 1e-7 });
        assertAllClose(r.costs, o.costs, "costs");
        tf.dispose([r.params.w, r.grads.dw]);
        assert.equal(tf.memory().numTensors, before, "tensors leaked");
        tf.dispose([w, X, Y]);
      });
    }
  }

  it("fast and tfjs agree on a pixel problem (k/255, n_x = 1013, odd m) to float32 precision", () => {
    const c = loadFixture("fast_kernel").cases.find((x: { name: string }) => x.name === "pixels");
    const k = (j: number, i: number) => (i * 7919 + j * 104729 + ((i * j) % 251)) % 256;
    const X = tf.tidy(() => tf.div(tf.tensor2d(Float32Array.from({ length: c.nX * c.m }, (_, t) => k(Math.floor(t / c.m), t % c.m)), [c.nX, c.m]), 255)) as tf.Tensor2D;
    const Y = tf.tensor2d(Float32Array.from({ length: c.m }, (_, i) => ((i * 37) % 5 < 2 ? 1 : 0)), [1, c.m]);
    const w0 = tf.zeros([c.nX, 1]) as tf.Tensor2D;
    const runs = IMPLEMENTATIONS.map((implementation) =>
      optimize(w0, 0, X, Y, { numIterations: c.numIterations, learningRate: c.learningRate, implementation }),
    );
    for (const [i, r] of runs.entries()) {
      // costs against numpy at 0, 100, 200 (the fixture records every 10th)
      assertAllClose(r.costs, [c.costs[0], c.costs[10], c.costs[20]], `${IMPLEMENTATIONS[i]} costs`);
      assertAllClose(r.params.w.dataSync(), c.w, `${IMPLEMENTATIONS[i]} w`, { rtol: 1e-5, atol: 1e-5 * Math.max(...c.w.map(Math.abs)) });
    }
    assertAllClose(runs[0].costs, runs[1].costs, "fast vs tfjs costs");
    assertAllClose(runs[0].params.w.dataSync(), runs[1].params.w.dataSync(), "fast vs tfjs w", { rtol: 1e-5, atol: 1e-8 });
    tf.dispose([X, Y, w0, ...runs.flatMap((r) => [r.params.w, r.grads.dw])]);
  });

  it("both stop with the same divergence error", () => {
    const X = tf.tensor2d([[200, -250, 255], [100, 0, -255]]);
    const Y = tf.tensor2d([[1, 0, 1]]);
    const w = tf.zeros([2, 1]) as tf.Tensor2D;
    const before = tf.memory().numTensors;
    for (const implementation of IMPLEMENTATIONS) {
      assert.throws(
        () => optimize(w, 0, X, Y, { numIterations: 100, learningRate: 1e308, implementation }),
        /optimize: gradient descent diverged at iteration \d+ .*learningRate 1e\+308 is probably too large, or X needs normalizing/,
      );
    }
    assert.equal(tf.memory().numTensors, before);
    tf.dispose([X, Y, w]);
  });
});

const catDir = process.env.COURSE_DATA_DIR ? path.join(process.env.COURSE_DATA_DIR, "catvnoncat") : undefined;
const haveCat = catDir !== undefined && fs.existsSync(path.join(catDir, "train_catvnoncat.h5"));
describe("model() on the cat data, both implementations (needs COURSE_DATA_DIR)", function () {
  this.timeout(120000);
  before(function () {
    if (!haveCat) {
      console.log("    (skipped: set COURSE_DATA_DIR to the folder containing catvnoncat/)");
      this.skip();
    }
  });
  it("fast and tfjs give the same costs (300 iterations) and no tensor growth", async () => {
    const ds = await loadCatDataset(catDir);
    const flat = (x: tf.Tensor4D) => tf.tidy(() => tf.div(x.reshape([x.shape[0], -1]).transpose(), 255)) as tf.Tensor2D;
    const [Xtr, Xte] = [flat(ds.trainX), flat(ds.testX)];
    const before = tf.memory().numTensors;
    const results = IMPLEMENTATIONS.map((implementation) =>
      model(Xtr, ds.trainY, Xte, ds.testY, { numIterations: 300, learningRate: 0.005, quiet: true, implementation }),
    );
    const ref = loadFixture("cat_model");
    for (const r of results) assertAllClose(r.costs, ref.costs.slice(0, 3), "costs vs numpy");
    assertAllClose(results[0].costs, results[1].costs, "fast vs tfjs");
    for (const r of results) tf.dispose([r.w, r.predictionsTrain, r.predictionsTest]);
    assert.equal(tf.memory().numTensors, before);
    tf.dispose([Xtr, Xte, ds.trainX, ds.trainY, ds.testX, ds.testY]);
  });
});
