import { strict as assert } from "assert";
import { tf } from "../backend";
import { MAX_MB_ENV } from "../fast";
import { model, optimize, propagate } from ".";
import { onBackend } from "../../test/fixtures/backends";
import { captureLog } from "../../test/fixtures/captureLog";
import { assertAllClose, assertClose, assertTensorClose, loadFixture } from "../../test/fixtures/fixtures";
import { IMPLEMENTATION_ENV, useFastPath } from "./fastPath";

const IMPLEMENTATIONS = ["fast", "tfjs"] as const;

/** A general (not pixel) X (n_x, m), labels Y and w, seeded. */
function problem(nX: number, m: number) {
  return {
    X: tf.tensor2d(Float32Array.from({ length: nX * m }, (_, t) => Math.sin(t * 0.37) * 0.5), [nX, m]),
    Y: tf.tensor2d(Float32Array.from({ length: m }, (_, i) => ((i * 37) % 5 < 2 ? 1 : 0)), [1, m]),
    w: tf.tensor2d(Float32Array.from({ length: nX }, (_, j) => Math.cos(j) * 0.01), [nX, 1]),
  };
}

/** Runs `f` with console.warn captured; returns f's result and the warnings. */
function captureWarnings<T>(f: () => T): { result: T; warnings: string[] } {
  const warnings: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(" "));
  try {
    return { result: f(), warnings };
  } finally {
    console.warn = original;
  }
}

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

  // The fast path keeps a packed copy of X between calls: it must never outlive X's values.
  for (const backend of ["wasm", "cpu"]) {
    it(`sees writes into X.dataSync() on the ${backend} backend: no stale packed copy, no stale NaN check`, async function () {
      if (!tf.findBackend(backend)) this.skip();
      await onBackend(backend, () => {
        const { X, Y, w } = problem(300, 41);
        const fast = () => propagate(w, 0.1, X, Y, { implementation: "fast" });
        const tfjs = () => propagate(w, 0.1, X, Y, { implementation: "tfjs" });
        const first = fast();
        const data = X.dataSync();
        for (let i = 0; i < data.length; i += 7) data[i] = 3; // on cpu this is X's own array
        const changed = X.dataSync()[0] === 3;
        assert.equal(changed, backend === "cpu", "cpu hands out its array, wasm a copy");
        const second = fast();
        const reference = tfjs();
        assertClose(second.cost, reference.cost, "cost after the write");
        assertTensorClose(second.grads.dw, reference.grads.dw.arraySync() as number[][], "dw after the write", { atol: 1e-6 });
        if (changed) assert.ok(Math.abs(second.cost - first.cost) > 1e-3, "the cost must move with X");
        else assert.equal(second.cost, first.cost);
        // optimize too, and then a NaN written in: the finiteness check must run again.
        const o = optimize(w, 0.1, X, Y, { numIterations: 20, learningRate: 0.1, implementation: "fast" });
        const oRef = optimize(w, 0.1, X, Y, { numIterations: 20, learningRate: 0.1, implementation: "tfjs" });
        assertAllClose(o.costs, oRef.costs, "optimize costs after the write");
        X.dataSync()[5] = NaN;
        if (changed) assert.throws(fast, /propagate: X contains 1 NaN value, the first at index \[0, 5\]/);
        tf.dispose([X, Y, w, first.grads.dw, second.grads.dw, reference.grads.dw, o.params.w, o.grads.dw, oRef.params.w, oRef.grads.dw]);
      });
    });
  }

  it("falls back to tfjs ops, with one note, when X does not fit the fast path's memory", () => {
    const { X, Y, w } = problem(1000, 300); // float32 X of 1.2 MB
    const saved = process.env[MAX_MB_ENV];
    process.env[MAX_MB_ENV] = "1";
    try {
      const run = () => ({
        p: propagate(w, 0, X, Y, { implementation: "fast" }),
        o: optimize(w, 0, X, Y, { numIterations: 101, learningRate: 0.05, implementation: "fast" }),
      });
      const { result: fast, warnings } = captureWarnings(run);
      assert.deepEqual(warnings, [
        "propagate: X of shape (1000, 300) is too large for the fast path (a matrix of 1000×300 needs 1.1 MiB, more than the fast path's 1.0 MiB of memory); computing with tfjs ops instead (same results, slower)",
        "optimize: X of shape (1000, 300) is too large for the fast path (a matrix of 1000×300 needs 1.1 MiB, more than the fast path's 1.0 MiB of memory); computing with tfjs ops instead (same results, slower)",
      ]);
      const again = captureWarnings(run);
      assert.deepEqual(again.warnings, [], "said once");
      const p = propagate(w, 0, X, Y, { implementation: "tfjs" });
      const o = optimize(w, 0, X, Y, { numIterations: 101, learningRate: 0.05, implementation: "tfjs" });
      assert.equal(fast.p.cost, p.cost);
      assert.deepEqual(fast.o.costs, o.costs);
      const m = captureWarnings(() => captureLog(() => model(X, Y, X, Y, { numIterations: 10, implementation: "fast" })));
      assert.match(m.warnings[0], /^model: Xtrain of shape \(1000, 300\) is too large for the fast path/);
      const d = m.result.result;
      tf.dispose([fast.p.grads.dw, fast.o.params.w, fast.o.grads.dw, again.result.p.grads.dw, again.result.o.params.w, again.result.o.grads.dw]);
      tf.dispose([p.grads.dw, o.params.w, o.grads.dw, d.w, d.predictionsTrain, d.predictionsTest]);
    } finally {
      if (saved === undefined) delete process.env[MAX_MB_ENV];
      else process.env[MAX_MB_ENV] = saved;
      tf.dispose([X, Y, w]);
    }
  });
});
