import { strict as assert } from "assert";
import { tf } from "../backend";
import { clearPackedMatrix, packedFor } from "../fast";
import { matVecKernelActive, planMatMul, PACK_MIN_ENTRIES, useMatVecKernel } from "./matVec";

/** A seeded float32 matrix of the given shape, or k/255 pixels when `pixels`. */
function matrix(shape: number[], seed: number, pixels = false): tf.Tensor {
  const n = shape.reduce((p, d) => p * d, 1);
  const values = Float32Array.from({ length: n }, (_, i) => {
    const k = (i * 7919 + seed * 104729 + ((i * seed) % 251)) % 256;
    return pixels ? k / 255 : Math.sin(i * 0.37 + seed) * 2;
  });
  return tf.tensor(values, shape);
}

/** The product in float64 from the float32 values: (M, K)·(K, N) of the logical (transposed) operands. */
function float64MatMul(a: tf.Tensor, b: tf.Tensor, transposeA: boolean, transposeB: boolean): Float64Array {
  const [a0, a1] = a.shape.slice(-2);
  const [b0, b1] = b.shape.slice(-2);
  const A = a.dataSync();
  const B = b.dataSync();
  const M = transposeA ? a1 : a0;
  const K = transposeA ? a0 : a1;
  const N = transposeB ? b0 : b1;
  const at = (i: number, k: number) => (transposeA ? A[k * a1 + i] : A[i * a1 + k]);
  const bt = (k: number, j: number) => (transposeB ? B[j * b1 + k] : B[k * b1 + j]);
  const out = new Float64Array(M * N);
  for (let i = 0; i < M; i++) for (let j = 0; j < N; j++) {
    let s = 0;
    for (let k = 0; k < K; k++) s += at(i, k) * bt(k, j);
    out[i * N + j] = s;
  }
  return out;
}

/** |got − exact| within float32 rounding of a sum of K products: 2⁻²⁴·K·Σ|products|, entrywise. */
function assertNearExact(got: ArrayLike<number>, exact: Float64Array, magnitude: Float64Array, K: number, label: string): void {
  assert.equal(got.length, exact.length, `${label}: length`);
  for (let i = 0; i < exact.length; i++) {
    const bound = 2 ** -24 * (4 + Math.sqrt(K)) * magnitude[i] + 1e-30;
    assert.ok(Math.abs(got[i] - exact[i]) <= bound, `${label}[${i}]: ${got[i]} vs exact ${exact[i]} (bound ${bound.toExponential(1)})`);
  }
}

function absMatMul(a: tf.Tensor, b: tf.Tensor, tA: boolean, tB: boolean): Float64Array {
  const [absA, absB] = [tf.abs(a), tf.abs(b)];
  const out = float64MatMul(absA, absB, tA, tB);
  tf.dispose([absA, absB]);
  return out;
}

const onWasm = () => tf.getBackend() === "wasm";

describe("wasm backend: the lib's matrix–vector products (tf.matMul)", function () {
  this.timeout(60000);
  before(function () {
    if (!onWasm()) this.skip(); // the kernel is registered for the wasm backend only
  });
  afterEach(() => {
    useMatVecKernel(true);
    clearPackedMatrix();
  });

  it("is registered and active (NN_MATVEC unset)", () => {
    assert.equal(matVecKernelActive(), true);
  });

  it("plans: a matrix times a column dots the rows; a row times a matrix goes to tfjs as (1, K)·(K, N); the rest unchanged", () => {
    assert.deepEqual(planMatMul([5, 3], [3, 1], false, false), { kind: "rows", matrix: "a", vector: "b", rows: 5, cols: 3 });
    assert.deepEqual(planMatMul([5, 3], [1, 3], false, true), { kind: "rows", matrix: "a", vector: "b", rows: 5, cols: 3 });
    assert.deepEqual(planMatMul([3, 5], [3, 1], true, false), { kind: "vectorTimesMatrix", matrix: "a", vector: "b", K: 3, N: 5 });
    assert.deepEqual(planMatMul([1, 3], [3, 5], false, false), { kind: "vectorTimesMatrix", matrix: "b", vector: "a", K: 3, N: 5 });
    assert.deepEqual(planMatMul([3, 1], [3, 5], true, false), { kind: "vectorTimesMatrix", matrix: "b", vector: "a", K: 3, N: 5 });
    assert.deepEqual(planMatMul([1, 3], [5, 3], false, true), { kind: "rows", matrix: "b", vector: "a", rows: 5, cols: 3 });
    assert.deepEqual(planMatMul([1, 5, 3], [1, 3, 1], false, false), { kind: "rows", matrix: "a", vector: "b", rows: 5, cols: 3 });
    for (const [a, b] of [[[4, 3], [3, 2]], [[2, 5, 3], [2, 3, 1]], [[1, 3], [3, 1]], [[5, 3], [4, 1]], [[5, 0], [0, 1]]]) {
      assert.deepEqual(planMatMul(a, b, false, false), { kind: "tfjs" }, `${a} · ${b}`);
    }
  });

  // Every flag combination of a matrix times a vector, both ways round, at sizes with tails.
  const cases: { a: number[]; b: number[]; tA: boolean; tB: boolean }[] = [];
  for (const [M, K] of [[7, 5], [33, 17], [300, 209]]) {
    cases.push({ a: [M, K], b: [K, 1], tA: false, tB: false }, { a: [M, K], b: [1, K], tA: false, tB: true });
    cases.push({ a: [K, M], b: [K, 1], tA: true, tB: false }, { a: [K, M], b: [1, K], tA: true, tB: true });
    cases.push({ a: [1, K], b: [K, M], tA: false, tB: false }, { a: [K, 1], b: [K, M], tA: true, tB: false });
    cases.push({ a: [1, K], b: [M, K], tA: false, tB: true }, { a: [K, 1], b: [M, K], tA: true, tB: true });
  }
  cases.push({ a: [1, 40, 30], b: [1, 30, 1], tA: false, tB: false }, { a: [1, 30], b: [1, 30, 40], tA: false, tB: false });

  it("gives tfjs's shapes and float32-exact values for every flag combination (checked against float64 and tfjs's kernel)", () => {
    for (const { a: aShape, b: bShape, tA, tB } of cases) {
      const label = `(${aShape})${tA ? "ᵀ" : ""}·(${bShape})${tB ? "ᵀ" : ""}`;
      const [a, b] = [matrix(aShape, 3), matrix(bShape, 5)];
      const ours = tf.matMul(a, b, tA, tB);
      useMatVecKernel(false);
      const theirs = tf.matMul(a, b, tA, tB);
      useMatVecKernel(true);
      assert.deepEqual(ours.shape, theirs.shape, `${label}: shape`);
      const K = tA ? aShape[aShape.length - 2] : aShape[aShape.length - 1];
      assertNearExact(ours.dataSync(), float64MatMul(a, b, tA, tB), absMatMul(a, b, tA, tB), K, label);
      tf.dispose([a, b, ours, theirs]);
    }
  });

  for (const pixels of [true, false]) {
    it(`packs a large matrix on its second product and computes on the copy (${pixels ? "uint8 pixels" : "float32 values"}), both ways round`, () => {
      const [M, K] = [1013, 97];
      assert.ok(M * K >= PACK_MIN_ENTRIES);
      const X = matrix([M, K], 7, pixels);
      const col = matrix([K, 1], 11);
      const row = matrix([1, M], 13);
      const exactCol = float64MatMul(X, col, false, false);
      const exactRow = float64MatMul(row, X, false, false);
      const [magCol, magRow] = [absMatMul(X, col, false, false), absMatMul(row, X, false, false)];
      const layout = pixels ? "uint8" : "float32";
      for (let use = 0; use < 3; use++) {
        const y1 = tf.matMul(X, col);
        assert.equal(packedFor(X.dataId, M, K)?.layout, use === 0 ? undefined : layout, `packed after X·v ${use + 1}`);
        const y2 = tf.matMul(row, X);
        assert.equal(packedFor(X.dataId, M, K)?.layout, layout, `packed after vᵀX ${use + 1}`);
        assertNearExact(y1.dataSync(), exactCol, magCol, K, `X·v, product ${use + 1}`);
        assertNearExact(y2.dataSync(), exactRow, magRow, M, `vᵀX, product ${use + 1}`);
        tf.dispose([y1, y2]);
      }
      tf.dispose([X, col, row]);
    });
  }

  it("never answers from the copy of another matrix (a new tensor of the same shape, or X disposed)", () => {
    const [M, K] = [600, 64];
    const col = matrix([K, 1], 2);
    for (const seed of [1, 2, 3]) {
      const X = matrix([M, K], seed, true);
      for (let use = 0; use < 3; use++) {
        const y = tf.matMul(X, col);
        assertNearExact(y.dataSync(), float64MatMul(X, col, false, false), absMatMul(X, col, false, false), K, `seed ${seed}`);
        y.dispose();
      }
      X.dispose();
    }
    col.dispose();
  });

  it("keeps the copy of a matrix in use when another takes turns with it, and packs the other once the first rests", () => {
    const [M, K] = [600, 64];
    const [X1, X2] = [matrix([M, K], 1, true), matrix([M, K], 2, true)];
    const v = matrix([K, 1], 3);
    const product = (X: tf.Tensor) => tf.matMul(X, v).dispose();
    product(X1);
    product(X1);
    assert.ok(packedFor(X1.dataId, M, K), "X1 packed on its second product");
    for (let i = 0; i < 10; i++) {
      product(X2);
      assert.ok(packedFor(X1.dataId, M, K), `X1 kept while the two take turns (turn ${i + 1})`);
      assert.equal(packedFor(X2.dataId, M, K), undefined, "X2 computed in place meanwhile");
      product(X1);
    }
    for (let i = 0; i < 20; i++) product(X2);
    assert.ok(packedFor(X2.dataId, M, K), "X2 packed once X1 has rested");
    tf.dispose([X1, X2, v]);
  });

  it("tells a matrix from its reshape (one dataId, two shapes)", () => {
    const X = matrix([600, 64], 9, true);
    const Xr = tf.reshape(X, [64, 600]) as tf.Tensor2D;
    assert.equal(Xr.dataId, X.dataId, "tfjs shares the values");
    const [v64, v600] = [matrix([64, 1], 1), matrix([600, 1], 2)];
    for (let use = 0; use < 3; use++) {
      for (const [S, v] of [[X, v64], [Xr, v600]] as const) {
        const y = tf.matMul(S, v);
        assertNearExact(y.dataSync(), float64MatMul(S, v, false, false), absMatMul(S, v, false, false), v.shape[0], `${S.shape} product ${use + 1}`);
        y.dispose();
      }
    }
    tf.dispose([X, Xr, v64, v600]);
  });

  it("keeps matMul's gradient (tf.grad through a matrix–vector product)", () => {
    const X = matrix([300, 40], 4);
    const v = matrix([40, 1], 6);
    const g = tf.grad((u: tf.Tensor) => tf.sum(tf.matMul(X, u)))(v);
    // d/dv Σ X v = Xᵀ·1: the column sums of X
    const ones = tf.ones([300, 1]);
    const exact = float64MatMul(X, ones, true, false);
    assertNearExact(g.dataSync(), exact, absMatMul(X, ones, true, false), 300, "gradient");
    tf.dispose([X, v, g, ones]);
  });

  it("leaves a dot product of two vectors and matrix products to tfjs (the same values with the kernel on or off)", () => {
    for (const [a, b] of [[[1, 50], [50, 1]], [[20, 30], [30, 10]]]) {
      const [x, y] = [matrix(a, 1), matrix(b, 2)];
      const ours = tf.matMul(x, y).dataSync();
      useMatVecKernel(false);
      const theirs = tf.matMul(x, y).dataSync();
      useMatVecKernel(true);
      assert.deepEqual(Array.from(ours), Array.from(theirs));
      tf.dispose([x, y]);
    }
  });
});
