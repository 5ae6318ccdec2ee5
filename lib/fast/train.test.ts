import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { assertAllClose, assertClose, loadFixture } from "../../test/fixtures/fixtures";
import { fastGradientDescent, fastPropagate, type FastDescentResult } from "./train";
import { clearPackedMatrix, uint8Scale, type PixelLayout } from "./packed";
import { kernelPool } from "./pool";
import { loadCatDataset } from "../data/cat";

// The same integer formulas as test/reference/fast_kernel.py (X is (n_x, m) row-major here).
const pixelK = (j: number, i: number) => (i * 7919 + j * 104729 + ((i * j) % 251)) % 256;
const label = (i: number) => ((i * 37) % 5 < 2 ? 1 : 0);

interface Case {
  name: string;
  kind: "pixels" | "integers" | "general";
  nX: number;
  m: number;
  numIterations: number;
  learningRate: number;
  recordEvery: number;
  costs: number[];
  w: number[];
  b: number;
  dw: number[];
  db: number;
  initial: { dw: number[]; db: number; cost: number };
}

function makeProblem(c: Case): { X: Float32Array; Y: Float32Array } {
  const X = new Float32Array(c.nX * c.m);
  for (let j = 0; j < c.nX; j++) {
    for (let i = 0; i < c.m; i++) {
      const k = pixelK(j, i);
      X[j * c.m + i] = c.kind === "pixels" ? k / 255 : c.kind === "integers" ? k : (((i * 31 + j * 17) % 97) - 48) / 13;
    }
  }
  const Y = Float32Array.from({ length: c.m }, (_, i) => (c.kind === "general" ? ((i * 13) % 11) / 10 : label(i)));
  return { X, Y };
}

/** Entrywise 1e-5 relative, with an absolute floor of 1e-5 of the vector's largest entry (entries near 0). */
function assertVectorClose(actual: ArrayLike<number>, expected: number[], label: string, rtol = 1e-5): void {
  const scale = Math.max(...expected.map(Math.abs));
  assertAllClose(actual, expected, label, { rtol, atol: rtol * scale });
}

function assertMatchesReference(r: FastDescentResult, c: Case, label: string): void {
  assert.equal(r.diverged, undefined, `${label}: diverged`);
  assertAllClose(r.costs, c.costs, `${label} costs`);
  assertVectorClose(r.w, c.w, `${label} w`);
  assertClose(r.b, c.b, `${label} b`, { atol: 1e-7 });
  assertVectorClose(r.dw, c.dw, `${label} dw`);
  assertClose(r.db, c.db, `${label} db`, { rtol: 1e-5, atol: 1e-8 });
}

const fixture = loadFixture<{ cases: Case[] }>("fast_kernel");
const byName = (name: string) => {
  const c = fixture.cases.find((x) => x.name === name);
  if (!c) throw new Error(`fast_kernel.json has no case ${name}`);
  return c;
};

describe("fast path: gradient descent against numpy (float64)", function () {
  this.timeout(60000);
  afterEach(() => clearPackedMatrix());

  for (const name of ["pixels", "integers", "general"]) {
    for (const threads of [1, 2]) {
      it(`${name}: costs, w, b, dw, db to 1e-5 (${threads} thread${threads > 1 ? "s" : ""})`, () => {
        const c = byName(name);
        const { X, Y } = makeProblem(c);
        const r = fastGradientDescent({ nX: c.nX, m: c.m, X, Y }, new Float64Array(c.nX), 0, {
          numIterations: c.numIterations,
          learningRate: c.learningRate,
          recordEvery: c.recordEvery,
          threads,
        });
        assert.equal(r.info.layout, name === "general" ? "float32" : "uint8");
        assertMatchesReference(r, c, name);
      });
    }
  }

  it("pixels in the float32 layout agree with numpy too", () => {
    const c = byName("pixels");
    const { X, Y } = makeProblem(c);
    const r = fastGradientDescent({ nX: c.nX, m: c.m, X, Y }, new Float64Array(c.nX), 0, {
      numIterations: c.numIterations,
      learningRate: c.learningRate,
      recordEvery: c.recordEvery,
      layout: "float32",
    });
    assert.equal(r.info.layout, "float32");
    assertMatchesReference(r, c, "pixels/float32");
  });

  it("gives bit-identical results with 1 or 2 threads (fixed halves, fixed summation order)", () => {
    const c = byName("pixels");
    const { X, Y } = makeProblem(c);
    const run = (threads: number, layout: PixelLayout) =>
      fastGradientDescent({ nX: c.nX, m: c.m, X, Y }, new Float64Array(c.nX), 0, { numIterations: 150, learningRate: 0.01, threads, layout });
    for (const layout of ["uint8", "float32"] as const) {
      const one = run(1, layout);
      const two = run(2, layout);
      assert.deepEqual(Array.from(two.w), Array.from(one.w), `${layout}: w`);
      assert.deepEqual(two.costs, one.costs, `${layout}: costs`);
      assert.equal(two.b, one.b);
    }
  });

  it("numIterations 0 / fastPropagate: the gradient and cost at the initial parameters", () => {
    for (const c of fixture.cases) {
      const { X, Y } = makeProblem(c);
      const r = fastPropagate({ nX: c.nX, m: c.m, X, Y }, new Float64Array(c.nX), 0);
      assertVectorClose(r.dw, c.initial.dw, `${c.name} dw`);
      assertClose(r.db, c.initial.db, `${c.name} db`, { atol: 1e-9 });
      assertClose(r.cost, c.initial.cost, `${c.name} cost`);
    }
  });

  it("matches lib/logreg's fixtures (the course's propagate / optimize examples)", () => {
    const lr = loadFixture("logreg").fixtures;
    const rows = (X: number[][]) => Float32Array.from(X.flat());
    for (const key of ["course", "random"]) {
      const p = lr.propagate[key];
      const nX = p.inputs.X.length;
      const m = p.inputs.X[0].length;
      const g = fastPropagate({ nX, m, X: rows(p.inputs.X), Y: p.inputs.Y[0] }, p.inputs.w.flat(), p.inputs.b);
      assertVectorClose(g.dw, p.grads.dw.flat(), `propagate ${key} dw`);
      assertClose(g.db, p.grads.db, `propagate ${key} db`, { atol: 1e-7 });
      assertClose(g.cost, p.cost, `propagate ${key} cost`);

      const o = lr.optimize[key];
      const r = fastGradientDescent({ nX, m, X: rows(o.inputs.X), Y: o.inputs.Y[0] }, o.inputs.w.flat(), o.inputs.b, {
        numIterations: o.inputs.numIterations,
        learningRate: o.inputs.learningRate,
      });
      assertAllClose(r.costs, o.costs, `optimize ${key} costs`);
      assertVectorClose(r.w, o.params.w.flat(), `optimize ${key} w`);
      assertClose(r.b, o.params.b, `optimize ${key} b`);
      assertVectorClose(r.dw, o.grads.dw.flat(), `optimize ${key} dw`);
      assertClose(r.db, o.grads.db, `optimize ${key} db`);
    }
  });

  it("reports divergence with the iteration, and keeps w of that iteration", () => {
    // Unnormalized pixels (0..255) with a learning rate fit for /255 data: z explodes.
    const c = byName("integers");
    const { X, Y } = makeProblem(c);
    const r = fastGradientDescent({ nX: c.nX, m: c.m, X, Y }, new Float64Array(c.nX), 0, { numIterations: 500, learningRate: 1e300 });
    assert.ok(r.diverged, "expected divergence");
    assert.ok(r.diverged.iteration > 0 && r.diverged.iteration < 500, `iteration ${r.diverged.iteration}`);
  });

  it("reuses the packed X for the same key and repacks for another", () => {
    const c = byName("general");
    const { X, Y } = makeProblem(c);
    const key = {};
    let calls = 0;
    const problem = { nX: c.nX, m: c.m, Y, xKey: key, X: () => (calls++, X) };
    const opts = { numIterations: c.numIterations, learningRate: c.learningRate, recordEvery: c.recordEvery };
    const first = fastGradientDescent(problem, new Float64Array(c.nX), 0, opts);
    const second = fastGradientDescent(problem, new Float64Array(c.nX), 0, opts);
    assert.equal(calls, 1, "X read once");
    assert.equal(first.info.packedCached, false);
    assert.equal(second.info.packedCached, true);
    assert.deepEqual(second.costs, first.costs);
    const other = fastGradientDescent({ ...problem, xKey: {} }, new Float64Array(c.nX), 0, opts);
    assert.equal(other.info.packedCached, false);
    assert.equal(calls, 2);
  });

  it("does not grow its memory over repeated runs of the same problem", () => {
    const c = byName("pixels");
    const { X, Y } = makeProblem(c);
    const run = () => fastGradientDescent({ nX: c.nX, m: c.m, X, Y }, new Float64Array(c.nX), 0, { numIterations: 5, learningRate: 0.01 });
    const bytes = run().info.wasmMemoryBytes;
    for (let i = 0; i < 5; i++) assert.equal(run().info.wasmMemoryBytes, bytes);
  });

  it("the worker thread takes part when 2 threads are asked for", async () => {
    const c = byName("pixels");
    const { X, Y } = makeProblem(c);
    const run = () => fastGradientDescent({ nX: c.nX, m: c.m, X, Y }, new Float64Array(c.nX), 0, { numIterations: 2000, learningRate: 0.005, threads: 2 });
    run(); // starts the worker
    const deadline = Date.now() + 20000;
    while (!kernelPool().workerReady && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.ok(kernelPool().workerReady, `worker not ready: ${kernelPool().workerProblem ?? "timeout"}`);
    const r = run();
    assert.equal(r.info.workerHalves + r.info.mainHalves, 2000);
    assert.ok(r.info.workerHalves > 0, "the worker never claimed a half");
  });

  it("rejects inconsistent sizes with a message", () => {
    const X = new Float32Array(6);
    assert.throws(() => fastGradientDescent({ nX: 2, m: 3, X, Y: [1, 0] }, [0, 0], 0, { numIterations: 1, learningRate: 0.1 }), /Y has 2 values, expected m = 3/);
    assert.throws(() => fastGradientDescent({ nX: 2, m: 3, X, Y: [1, 0, 1] }, [0], 0, { numIterations: 1, learningRate: 0.1 }), /w has 1 values, expected n_x = 2/);
    assert.throws(() => fastGradientDescent({ nX: 4, m: 3, X, Y: [1, 0, 1] }, [0, 0, 0, 0], 0, { numIterations: 1, learningRate: 0.1 }), /the matrix has 6 values, expected 4·3/);
  });
});

describe("fast path: uint8Scale (which X can be stored as uint8 pixels)", () => {
  it("recognises k/255 and whole numbers 0..255, and nothing else", () => {
    assert.equal(uint8Scale(Float32Array.from([0, 1, 128, 255].map((k) => k / 255))), 1 / 255);
    assert.equal(uint8Scale(Float32Array.from([0, 1, 128, 255])), 1);
    assert.equal(uint8Scale(Float32Array.from([0.5, 1])), undefined);
    assert.equal(uint8Scale(Float32Array.from([256])), undefined);
    assert.equal(uint8Scale(Float32Array.from([-1 / 255])), undefined);
    // float64 k/255 is not the float32 value the course's tensors hold: not exactly representable.
    assert.equal(uint8Scale(Float64Array.from([3 / 255])), undefined);
  });
});

// The course's model on the course's files: the published costs (6 decimals) and numpy's to 1e-5.
const catDir = process.env.COURSE_DATA_DIR ? path.join(process.env.COURSE_DATA_DIR, "catvnoncat") : undefined;
const haveCat = catDir !== undefined && fs.existsSync(path.join(catDir, "train_catvnoncat.h5"));
describe("fast path: the course's cat model (needs COURSE_DATA_DIR)", function () {
  this.timeout(120000);
  before(function () {
    if (!haveCat) {
      console.log("    (skipped: set COURSE_DATA_DIR to the folder containing catvnoncat/)");
      this.skip();
    }
  });
  it("2000 iterations at 0.005: costs to 1e-5 of numpy and equal to the course's to 6 decimals", async () => {
    const ref = loadFixture("cat_model");
    const ds = await loadCatDataset(catDir);
    try {
      const m = ds.trainX.shape[0];
      const nX = ds.trainX.size / m;
      const images = ds.trainX.dataSync();
      // The course's X = reshape(m, -1).T / 255, as float32.
      const X = new Float32Array(nX * m);
      for (let i = 0; i < m; i++) for (let j = 0; j < nX; j++) X[j * m + i] = images[i * nX + j] / 255;
      const r = fastGradientDescent({ nX, m, X, Y: ds.trainY.dataSync() }, new Float64Array(nX), 0, {
        numIterations: ref.numIterations,
        learningRate: ref.learningRate,
      });
      assert.equal(r.info.layout, "uint8");
      assertAllClose(r.costs, ref.costs, "cat costs");
      assert.deepEqual(r.costs.map((c) => c.toFixed(6)), ref.courseCosts.map((c: number) => c.toFixed(6)));
      // Accuracies: the course's predict, on the learned w and b.
      const accuracy = (imgs: Float32Array | Int32Array | Uint8Array, labels: ArrayLike<number>, count: number) => {
        let wrong = 0;
        for (let i = 0; i < count; i++) {
          let z = r.b;
          for (let j = 0; j < nX; j++) z += r.w[j] * (imgs[i * nX + j] / 255);
          if ((1 / (1 + Math.exp(-z)) > 0.5 ? 1 : 0) !== labels[i]) wrong++;
        }
        return 100 - (wrong / count) * 100;
      };
      assert.equal(accuracy(images, ds.trainY.dataSync(), m), ref.trainAccuracy);
      assert.equal(accuracy(ds.testX.dataSync(), ds.testY.dataSync(), ds.testX.shape[0]), ref.testAccuracy);
    } finally {
      ds.trainX.dispose();
      ds.trainY.dispose();
      ds.testX.dispose();
      ds.testY.dispose();
    }
  });
});
