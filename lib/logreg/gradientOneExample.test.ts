import { strict as assert } from "assert";
import { assertAllClose, assertClose, loadFixture } from "../../test/fixtures/fixtures";
import { gradientOneExample } from "./gradientOneExample";

interface OneCase {
  inputs: { w: number[]; b: number; x: number[]; y: number };
  z: number;
  a: number;
  loss: number;
  dz: number;
  dw: number[];
  db: number;
}
const cases = loadFixture("logreg").fixtures.gradientOneExample as OneCase[];

describe("gradientOneExample", () => {
  it("matches the numpy reference: z, a, loss, dz = a − y, dw = x·dz, db = dz", () => {
    for (const c of cases) {
      const { w, b, x, y } = c.inputs;
      const g = gradientOneExample(Float64Array.from(w), b, x, y);
      const tol = { rtol: 1e-12 }; // both float64
      assertClose(g.z, c.z, "z", tol);
      assertClose(g.a, c.a, "a", tol);
      assertClose(g.loss, c.loss, "loss", tol);
      assertClose(g.dz, c.dz, "dz", tol);
      assertAllClose(g.dw, c.dw, "dw", tol);
      assert.equal(g.db, g.dz);
    }
  });

  it("rejects mismatched lengths and non-finite values", () => {
    assert.throws(() => gradientOneExample([1, 2], 0, [1, 2, 3], 1), {
      message: "gradientOneExample: w has 2 entries but x has 3; both need one per feature (n_x)",
    });
    assert.throws(() => gradientOneExample([1, 2], 0, [1, NaN], 1), {
      message: "gradientOneExample: w and x must be finite, got w[1] = 2, x[1] = NaN",
    });
    assert.throws(() => gradientOneExample([1, 2], 0, [1, 2], NaN), { message: "gradientOneExample: y must be a finite number, got NaN" });
  });
});
