import { strict as assert } from "assert";
import { packedMatVec } from "./matVec";
import { clearPackedMatrix, packMatrix, type PixelLayout } from "./packed";
import { kernelPool } from "./pool";

/** S (rows × cols) row-major: pixels k/255 or general floats, seeded. */
function makeS(rows: number, cols: number, pixels: boolean): Float32Array {
  return Float32Array.from({ length: rows * cols }, (_, t) => {
    const k = (t * 7919 + ((t * 31) % 251)) % 256;
    return pixels ? k / 255 : Math.cos(t * 0.11) * 3;
  });
}
const vector = (n: number, seed: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(i * 0.7 + seed));

/** S·v or vᵀ·S in float64, with Σ|products| for the error bound. */
function exact(S: Float32Array, rows: number, cols: number, product: "Sv" | "vS", v: Float32Array): { y: Float64Array; mag: Float64Array } {
  const n = product === "Sv" ? rows : cols;
  const y = new Float64Array(n);
  const mag = new Float64Array(n);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) {
    const p = S[r * cols + c] * (product === "Sv" ? v[c] : v[r]);
    const i = product === "Sv" ? r : c;
    y[i] += p;
    mag[i] += Math.abs(p);
  }
  return { y, mag };
}

describe("fast path: matrix–vector products on the packed matrix", function () {
  this.timeout(60000);
  afterEach(() => clearPackedMatrix());

  for (const [rows, cols] of [[1013, 57], [64, 1], [5, 3], [300, 2]] as const) {
    for (const layout of ["uint8", "float32"] as PixelLayout[]) {
      it(`S of ${rows}×${cols} (${layout}): S·v and vᵀ·S against float64, bit-identical on 1 and 2 threads`, () => {
        const S = makeS(rows, cols, true);
        const { packed } = packMatrix({ rows, cols, values: S, key: {} }, layout);
        assert.equal(packed.layout, layout);
        for (const product of ["Sv", "vS"] as const) {
          const v = vector(product === "Sv" ? cols : rows, rows);
          const { y, mag } = exact(S, rows, cols, product, v);
          const runs = [1, 2].map((threads) => {
            const out = new Float32Array(y.length);
            packedMatVec(packed, product, v, out, threads);
            return out;
          });
          assert.deepEqual(Array.from(runs[1]), Array.from(runs[0]), `${product}: 1 vs 2 threads`);
          // float32 products, sums in float32 over at most half the columns: well within 2⁻²⁴·(4 + count)·Σ|p|
          const count = product === "Sv" ? Math.ceil(cols / 2) : rows;
          runs[0].forEach((got, i) => {
            const bound = 2 ** -24 * (4 + count) * mag[i] + 1e-30;
            assert.ok(Math.abs(got - y[i]) <= bound, `${product}[${i}]: ${got} vs ${y[i]}`);
          });
        }
      });
    }
  }

  it("stores general values as float32 and pixels as uint8 under auto", () => {
    assert.equal(packMatrix({ rows: 40, cols: 30, values: makeS(40, 30, true), key: {} }).packed.layout, "uint8");
    assert.equal(packMatrix({ rows: 40, cols: 30, values: makeS(40, 30, false), key: {} }).packed.layout, "float32");
  });

  it("the worker takes part in products of large matrices", async () => {
    const [rows, cols] = [2000, 300];
    const { packed } = packMatrix({ rows, cols, values: makeS(rows, cols, true), key: {} });
    const v = vector(cols, 1);
    const out = new Float32Array(rows);
    const before = kernelPool().stats.workerHalves;
    const deadline = Date.now() + 20000;
    while (kernelPool().stats.workerHalves === before && Date.now() < deadline) {
      for (let i = 0; i < 200; i++) packedMatVec(packed, "Sv", v, out, 2);
      await new Promise((r) => setTimeout(r, 10));
    }
    assert.ok(kernelPool().stats.workerHalves > before, `the worker never claimed a half: ${kernelPool().workerProblem ?? "busy machine?"}`);
  });

  it("names the sizes when v or the result do not fit S", () => {
    const { packed } = packMatrix({ rows: 4, cols: 3, values: makeS(4, 3, true), key: {} });
    assert.throws(() => packedMatVec(packed, "Sv", new Float32Array(4), new Float32Array(4)), /S·v with S of 4×3 needs v of 3 and a result of 4, got 4 and 4/);
  });
});
