import { strict as assert } from "assert";
import { PNG } from "pngjs";
import type { TopLevelSpec } from "vega-lite";
import { tf } from "../backend";
import { assertAllClose, loadFixture } from "../../test/fixtures/fixtures";
import { compileVegaLite as compile, vegaLiteWarnings } from "./chart";
import {
  costCurvesSpec,
  costSurfaceSpec,
  decisionBoundarySpec,
  functionCurvesSpec,
  imageGridSpec,
  linspace,
  timingBarsSpec,
  VEGA_LITE_SCHEMA,
} from "./specs";

type Row = Record<string, unknown>;
type Layer = { data?: { values: Row[] }; mark: unknown; encoding?: Record<string, any> };

/** $schema v5, compiles with vega-lite, and no warning (an ignored channel, a bad scale ...). */
function assertValidVegaLite(spec: TopLevelSpec): void {
  assert.equal((spec as { $schema?: string }).$schema, VEGA_LITE_SCHEMA);
  assert.deepEqual(vegaLiteWarnings(spec), [], "vega-lite warnings");
  assert.ok((compile(spec).spec.marks ?? []).length > 0, "the compiled Vega spec has marks");
}

function layers(spec: TopLevelSpec): Layer[] {
  return (spec as { layer: Layer[] }).layer;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

describe("functionCurvesSpec", () => {
  it("samples each named function over the range and compiles", () => {
    const spec = functionCurvesSpec({ "σ(z)": sigmoid, "σ'(z)": (z) => sigmoid(z) * (1 - sigmoid(z)) }, { xRange: [-4, 4], samples: 9, xTitle: "z" });
    assertValidVegaLite(spec);
    const rows = layers(spec)[0].data!.values as { x: number; y: number; series: string }[];
    assert.equal(rows.length, 18);
    const sig = rows.filter((r) => r.series === "σ(z)");
    assert.deepEqual(sig.map((r) => r.x), [-4, -3, -2, -1, 0, 1, 2, 3, 4]);
    assert.equal(sig[4].y, 0.5);
    assert.equal(layers(spec)[0].encoding!.x.title, "z");
    assert.deepEqual(layers(spec)[0].encoding!.color.scale.domain, ["σ(z)", "σ'(z)"]);
  });

  it("takes given points, drops non-finite samples, marks labelled points", () => {
    const spec = functionCurvesSpec(
      [
        { name: "log", f: Math.log },
        { name: "data", x: tf.tensor1d([1, 2]), y: [3, 4] },
      ],
      { xRange: [0, 2], samples: 3, points: [{ x: 1, y: 0, label: "log 1 = 0" }] },
    );
    assertValidVegaLite(spec);
    const rows = layers(spec)[0].data!.values as { x: number; y: number; series: string }[];
    assert.deepEqual(rows.filter((r) => r.series === "log").map((r) => r.x), [1, 2]);
    assert.deepEqual(rows.filter((r) => r.series === "data"), [{ x: 1, y: 3, series: "data" }, { x: 2, y: 4, series: "data" }]);
    assert.equal(layers(spec).length, 3);
  });

  it("rejects bad input with the builder's name", () => {
    assert.throws(() => functionCurvesSpec([]), /functionCurvesSpec: give at least one function/);
    assert.throws(() => functionCurvesSpec({ f: sigmoid }, { xRange: [2, 1] }), /functionCurvesSpec: xRange must be \[low, high\]/);
    assert.throws(() => functionCurvesSpec([{ name: "p", x: [1, 2], y: [1] }]), /series "p" has 2 x values but 1 y values/);
  });
});

describe("costCurvesSpec", () => {
  it("plots one history per hundred iterations with the course's axis titles", () => {
    const spec = costCurvesSpec([0.69, 0.5, 0.4]);
    assertValidVegaLite(spec);
    const enc = (spec as any).encoding;
    assert.equal(enc.x.title, "iterations (per hundreds)");
    assert.equal(enc.y.title, "cost J");
    assert.equal(enc.color.legend, null);
    assert.deepEqual((spec as any).data.values.map((r: Row) => [r.step, r.cost]), [[0, 0.69], [1, 0.5], [2, 0.4]]);
  });

  it("puts several learning rates on one chart with a 'learning rate' legend", () => {
    const spec = costCurvesSpec({ "0.01": [0.7, 0.3], "0.001": tf.tensor1d([0.7, 0.6]), "0.0001": [0.7, 0.69] });
    assertValidVegaLite(spec);
    const enc = (spec as any).encoding;
    assert.deepEqual(enc.color.scale.domain, ["0.01", "0.001", "0.0001"]);
    assert.equal(enc.color.legend.title, "learning rate");
    assert.equal((spec as any).data.values.length, 6);
    const named = costCurvesSpec([{ name: "train", costs: [1, 0.5] }, { name: "test", costs: [1, 0.7] }], { iterationsPerPoint: 10, logScale: true });
    assertValidVegaLite(named);
    assert.equal((named as any).encoding.color.legend.title, null);
    assert.equal((named as any).encoding.x.title, "iterations");
    assert.deepEqual((named as any).data.values.map((r: Row) => r.step), [0, 10, 0, 10]);
  });

  it("refuses costs it cannot draw", () => {
    assert.throws(() => costCurvesSpec([]), /costCurvesSpec: no costs to plot/);
    assert.throws(() => costCurvesSpec([1, NaN]), /costCurvesSpec: costs\[1\] is not a number/);
    assert.throws(() => costCurvesSpec([1, 0], { logScale: true }), /cost 0 at point 1 of "cost" cannot be plotted on a log scale/);
  });
});

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

describe("decisionBoundarySpec", () => {
  let X: tf.Tensor2D;
  let Y: tf.Tensor2D;
  before(() => {
    X = tf.tensor2d([[1, 2, 3, 4], [1, 3, 2, 4]]);
    Y = tf.tensor2d([[0, 0, 1, 1]]);
  });
  after(() => tf.dispose([X, Y]));

  it("draws the points by class and the line w₁x₁ + w₂x₂ + b = 0 across the plot", () => {
    const w = tf.tensor2d([[1], [2]]);
    const spec = decisionBoundarySpec({ X, Y, w, b: -7.5 }, { featureNames: ["petal length", "petal width"], classNames: ["versicolor", "virginica"] });
    w.dispose();
    assertValidVegaLite(spec);
    const all = layers(spec);
    const line = all[2].data!.values as { x1: number; x2: number }[];
    for (const p of line) assertAllClose([1 * p.x1 + 2 * p.x2 - 7.5], [0], "on the line", { atol: 1e-12 });
    // the shading above the line (w₂ > 0) is class 1's color
    assert.equal((all[0].mark as { color: string }).color, (all[3].encoding!.color.scale.range as string[])[1]);
    const points = all[3].data!.values as { x1: number; x2: number; class: string }[];
    assert.deepEqual(points.map((p) => p.class), ["versicolor", "versicolor", "virginica", "virginica"]);
    assert.equal(all[3].encoding!.x.title, "petal length");
    assert.equal(all[3].encoding!.y.title, "petal width");
  });

  it("handles a vertical boundary (w₂ = 0), no boundary, and no shading", () => {
    const vertical = decisionBoundarySpec({ X: X.arraySync() as number[][], Y: [0, 0, 1, 1], w: [2, 0], b: -5 });
    assertValidVegaLite(vertical);
    const rule = layers(vertical)[2];
    assert.equal((rule.mark as { type: string }).type, "rule");
    assert.deepEqual(rule.data!.values, [{ x1: 2.5 }]);
    const scatter = decisionBoundarySpec({ X, Y });
    assertValidVegaLite(scatter);
    assert.equal(layers(scatter).length, 1);
    assert.equal(layers(decisionBoundarySpec({ X, Y, w: [1, 1], b: -4 }, { shade: false })).length, 2);
  });

  it("names shape mismatches", () => {
    assert.throws(() => decisionBoundarySpec({ X: [[1, 2]], Y: [0, 1] }), /decisionBoundarySpec: X must be \(2, m\), one row per feature, got \(1, 2\)/);
    assert.throws(() => decisionBoundarySpec({ X, Y: [0, 1] }), /X is \(2, 4\) but Y has 2 labels/);
    assert.throws(() => decisionBoundarySpec({ X, Y, w: [1, 2, 3], b: 0 }), /w must have 2 entries/);
  });
});

describe("imageGridSpec", () => {
  /** Decodes a data URL's PNG to RGBA bytes. */
  function decode(url: string): PNG {
    return PNG.sync.read(Buffer.from(url.replace(/^data:image\/png;base64,/, ""), "base64"));
  }

  it("embeds each image as a PNG that decodes to the same pixels, with captions and ✔/✘ frames", () => {
    // 3 RGB images 4×5, pixel (i, r, c, ch) = 10i + 40r + 7c + 2ch (all within 0..255)
    const values = Array.from({ length: 3 * 4 * 5 * 3 }, (_, k) => {
      const ch = k % 3, c = Math.floor(k / 3) % 5, r = Math.floor(k / 15) % 4, i = Math.floor(k / 60);
      return 10 * i + 40 * r + 7 * c + 2 * ch;
    });
    const images = tf.tensor4d(values, [3, 4, 5, 3]);
    const spec = imageGridSpec(
      { images, labels: tf.tensor2d([[1, 0, 1]]), predictions: [1, 1, 0], classes: ["non-cat", "cat"] },
      { scale: 1, columns: 2 },
    );
    images.dispose();
    assertValidVegaLite(spec);
    const cells = layers(spec)[0].data!.values as { url: string; caption: string; status: string; index: number }[];
    assert.equal(cells.length, 3);
    cells.forEach((cell, i) => {
      const png = decode(cell.url);
      assert.deepEqual([png.width, png.height], [5, 4]);
      for (let p = 0; p < 20; p++) {
        const expected = [0, 1, 2].map((ch) => values[i * 60 + p * 3 + ch]);
        assert.deepEqual(Array.from(png.data.subarray(p * 4, p * 4 + 3)), expected, `image ${i} pixel ${p}`);
      }
    });
    assert.deepEqual(cells.map((c) => c.caption), ["#0\ny = cat\nŷ = cat ✔", "#1\ny = non-cat\nŷ = cat ✘", "#2\ny = cat\nŷ = non-cat ✘"]);
    assert.deepEqual(cells.map((c) => c.status), ["correct", "wrong", "wrong"]);
    assert.equal(layers(spec).length, 3, "frames layer");
    assert.match((spec as { description: string }).description, /3 images of 4×5, 2 misclassified/);
  });

  it("shows chosen indices of flattened (n_x, m) images, probabilities and 0..1 values, upscaling small ones", () => {
    // two 2×2 gray images as columns of X (4, 2), values 0..1
    const X = tf.tensor2d([[0, 1], [0.5, 0.25], [1, 0], [0.2, 0.8]]);
    const spec = imageGridSpec({ images: X, imageShape: [2, 2, 1], indices: [1], labels: [0, 1], predictions: [0.3, 0.9] });
    X.dispose();
    assertValidVegaLite(spec);
    const [cell] = layers(spec)[0].data!.values as { url: string; caption: string }[];
    assert.equal(cell.caption, "#1\ny = 1\nŷ = 1 (0.90) ✔");
    const png = decode(cell.url);
    const scale = png.width / 2;
    assert.ok(scale >= 2, "small images are enlarged");
    // column 1 of X: [1, 0.25, 0, 0.8] -> bytes 255, 64, 0, 204, each repeated scale×scale times
    const at = (r: number, c: number) => png.data[(r * png.width + c) * 4];
    assert.deepEqual([at(0, 0), at(0, scale), at(scale, 0), at(scale, scale)], [255, 64, 0, 204]);
    assert.equal(at(scale - 1, scale - 1), 255);
  });

  it("checks shapes and indices", () => {
    const images = tf.zeros([2, 3, 3, 3]);
    assert.throws(() => imageGridSpec({ images, indices: [2] }), /imageGridSpec: index 2 is outside 0\.\.1/);
    assert.throws(() => imageGridSpec({ images, labels: [1] }), /imageGridSpec: 2 images but 1 labels/);
    assert.throws(() => imageGridSpec({ images: tf.zeros([5, 2]) }), /images must be \(m, h, w, c\)/);
    assert.throws(() => imageGridSpec({ images: tf.zeros([5, 2]), imageShape: [2, 2] }), /images are \(5, 2\) but imageShape \(2, 2\) has 4 values/);
    images.dispose();
  });
});

describe("timingBarsSpec", () => {
  it("keeps the given order, labels each bar and compiles on linear and log scales", () => {
    const spec = timingBarsSpec({ "for loop": 480.2, vectorized: 1.5, "tiny": 0.0123 });
    assertValidVegaLite(spec);
    const rows = (spec as any).data.values as { label: string; text: string; base: number }[];
    assert.deepEqual(rows.map((r) => r.label), ["for loop", "vectorized", "tiny"]);
    assert.deepEqual(rows.map((r) => r.text), ["480 ms", "1.50 ms", "12.3 µs"]);
    assert.deepEqual(layers(spec)[0].encoding!.y.sort, ["for loop", "vectorized", "tiny"]);
    const log = timingBarsSpec([{ label: "loop", ms: 523 }, { label: "vectorized", ms: 0.137 }], { logScale: true });
    assertValidVegaLite(log);
    assert.deepEqual(layers(log)[0].encoding!.x.scale.domain, [0.1, 10000]);
    assert.equal((log as any).data.values[0].base, 0.1);
    assert.throws(() => timingBarsSpec({ a: 0 }, { logScale: true }), /timingBarsSpec: timing .* positive time in ms/);
  });
});

describe("linspace", () => {
  it("includes both ends", () => {
    assert.deepEqual(linspace(-1, 1, 5), [-1, -0.5, 0, 0.5, 1]);
  });
});
