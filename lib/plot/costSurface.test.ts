import { strict as assert } from "assert";
import { assertAllClose, loadFixture } from "../../test/fixtures/fixtures";
import { assertValidVegaLite, layers } from "../../test/fixtures/vegaLite";
import { costSurfaceSpec } from "./costSurface";

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

describe("costSurfaceSpec (numpy reference)", () => {
  const ref = loadFixture<{ x: number[]; y: number[]; wRange: [number, number]; bRange: [number, number]; resolution: number; w: number[]; b: number[]; wEdges: number[]; bEdges: number[]; J: number[][] }>("plot_surface");
  const cost = (w: number, b: number) =>
    -ref.x.reduce((s, x, i) => {
      const a = sigmoid(w * x + b);
      return s + ref.y[i] * Math.log(a) + (1 - ref.y[i]) * Math.log(1 - a);
    }, 0) / ref.x.length;

  it("samples J on the grid numpy uses, one cell per grid point, and overlays the path", () => {
    const path = [{ w: 0, b: 0 }, { w: 0.5, b: -0.5 }, { w: 1, b: -1.5 }];
    const spec = costSurfaceSpec({ cost, wRange: ref.wRange, bRange: ref.bRange, resolution: ref.resolution }, { path });
    assertValidVegaLite(spec);
    const cells = layers(spec)[0].data!.values as { w: number; w2: number; b: number; b2: number; J: number }[];
    const n = ref.resolution;
    assert.equal(cells.length, n * n);
    // cells run over w fastest, then b; left/bottom edges are numpy's, the right/top reach 10% over.
    assertAllClose(cells.slice(0, n).map((c) => c.w), ref.wEdges.slice(0, n), "w edges", { rtol: 1e-5, atol: 1e-9 });
    assertAllClose(cells.filter((_, k) => k % n === 0).map((c) => c.b), ref.bEdges.slice(0, n), "b edges", { rtol: 1e-5, atol: 1e-9 });
    const wStep = ref.wEdges[1] - ref.wEdges[0];
    assertAllClose([cells[0].w2], [ref.wEdges[1] + 0.1 * wStep], "overlap");
    assertAllClose(cells.map((c) => c.J), ref.J.flat(), "J", { rtol: 1e-5 });
    assert.equal(layers(spec).length, 5);
    const pathRows = layers(spec)[1].data!.values as { w: number; b: number; step: number; label: string }[];
    assert.deepEqual(pathRows.map((p) => p.label), ["start", "", "end"]);
    assert.equal((layers(spec)[0].encoding!.color as any).title, "J(w, b)");
    assert.equal(layers(spec)[0].encoding!.x.title, "w");
    assert.equal(layers(spec)[0].encoding!.y.title, "b");
  });

  it("takes a grid, colors continuously or on a log scale, and fills non-finite costs", () => {
    const grid = { w: ref.w, b: ref.b, J: ref.J.map((row, i) => row.map((v, j) => (i === 0 && j === 0 ? NaN : v))) };
    for (const options of [{ bands: 0 }, { logColor: true }, {}]) {
      const spec = costSurfaceSpec(grid, { ...options, path: { w: [0, 1], b: [0, -1] } });
      assertValidVegaLite(spec);
      const cells = layers(spec)[0].data!.values as { J: number }[];
      // (the spec keeps 6 significant digits)
      assertAllClose([cells[0].J], [Math.max(...ref.J.flat().slice(1))], "filled cell", { rtol: 1e-5 });
      assert.match((spec as { description: string }).description, /1 not finite, shown as the highest cost/);
    }
  });

  it("checks its input", () => {
    assert.throws(() => costSurfaceSpec({ w: [1, 2], b: [1], J: [[1]] }), /costSurfaceSpec: J must have one row per b value \(1\) and one column per w value \(2\)/);
    assert.throws(() => costSurfaceSpec({ cost, wRange: [0, 1], bRange: [0, 1], resolution: 1 }), /resolution must be a whole number from 2 to 200/);
    assert.throws(() => costSurfaceSpec({ cost, wRange: [0, 1], bRange: [0, 1] }, { path: { w: [1], b: [] } }), /path has 1 w values but 0 b values/);
  });
});
