import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { TopLevelSpec } from "vega-lite";
import { tf } from "../backend";
import { Chart, compactSvg, renderSvg, VEGA_LITE_MIME, vegaLiteWarnings } from "./chart";
import { chart, plotCosts, plotCostSurface, plotDecisionBoundary, plotFunctions, plotImageGrid, plotTimings } from "./plots";
import { VEGA_LITE_SCHEMA } from "./common";

const simple: TopLevelSpec = {
  data: { values: [{ a: 1, b: 2 }, { a: 2, b: 3 }] },
  mark: "line",
  encoding: { x: { field: "a", type: "quantitative", title: "iterations (per hundreds)" }, y: { field: "b", type: "quantitative", title: "cost J" } },
};

function assertBundle(c: Chart, textPattern: RegExp) {
  const bundle = c._repr_mimebundle_();
  assert.deepEqual(Object.keys(bundle.data).sort(), [VEGA_LITE_MIME, "image/svg+xml", "text/plain"].sort());
  const spec = bundle.data[VEGA_LITE_MIME] as { $schema: string };
  assert.equal(spec.$schema, VEGA_LITE_SCHEMA);
  assert.deepEqual(JSON.parse(JSON.stringify(spec)), spec, "the spec is plain JSON");
  const svg = bundle.data["image/svg+xml"] as string;
  assert.match(svg, /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.match(svg, /<\/svg>$/);
  const text = bundle.data["text/plain"];
  assert.ok(!text.includes("\n"), "text/plain is one line");
  assert.match(text, textPattern);
}

describe("Chart", () => {
  it("renders once, then answers _repr_mimebundle_ synchronously with spec, SVG and one line of text", async () => {
    const c = await Chart.render(simple, "cost vs iteration, 1 series");
    assertBundle(c, /^<Chart: cost vs iteration, 1 series>$/);
    assert.match(c.svg, /iterations \(per hundreds\)/);
    assert.match(c.svg, /cost J/);
    assert.equal(String(c), "<Chart: cost vs iteration, 1 series>");
  });

  it("sets $schema, rejects other versions, and explains specs that do not compile", async () => {
    const c = await Chart.render(simple);
    assert.equal((c.spec as { $schema: string }).$schema, VEGA_LITE_SCHEMA);
    assert.equal(c.description, "chart");
    await assert.rejects(Chart.render({ ...simple, $schema: "https://vega.github.io/schema/vega-lite/v4.json" }), /Chart.render: expected a Vega-Lite 5 spec/);
    await assert.rejects(Chart.render({ data: { values: [] }, layer: "nope" } as unknown as TopLevelSpec), /Chart.render: the Vega-Lite spec does not compile/);
  });

  it("saves the SVG or the spec", async () => {
    const c = await chart(simple);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nn-chart-"));
    c.save(path.join(dir, "c.svg"));
    c.save(path.join(dir, "c.json"));
    assert.equal(fs.readFileSync(path.join(dir, "c.svg"), "utf8"), c.svg);
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(dir, "c.json"), "utf8")), c.spec);
  });

  it("vegaLiteWarnings reports what vega-lite drops", () => {
    assert.deepEqual(vegaLiteWarnings(simple), []);
    const bad = { ...simple, mark: "point", encoding: { ...(simple as any).encoding, x2: { field: "a" } } } as TopLevelSpec;
    assert.deepEqual(vegaLiteWarnings(bad), ['x2 dropped as it is incompatible with "point".']);
  });

  it("compactSvg shortens coordinates, never text", async () => {
    const svg = '<svg><path d="M0.123456,310.2222222222223h12.5Z"/><g transform="translate(1.999999,2)"><text>0.0001234567</text></g></svg>';
    assert.equal(compactSvg(svg), '<svg><path d="M0.12,310.22h12.5Z"/><g transform="translate(1.99,2)"><text>0.0001234567</text></g></svg>');
    const full = await renderSvg({ ...simple, $schema: VEGA_LITE_SCHEMA } as TopLevelSpec);
    assert.ok(!/ d="[^"]*\d\.\d{3}/.test(full));
  });
});

describe("plot helpers: one awaited line gives a ready chart", () => {
  it("plotCosts / plotFunctions / plotTimings", async () => {
    assertBundle(await plotCosts({ "0.01": [0.7, 0.4], "0.001": [0.7, 0.6], "0.0001": [0.7, 0.69] }), /^<Chart: cost vs iteration, 3 series \(0.01, 0.001, 0.0001\)>$/);
    assertBundle(await plotCosts(tf.tensor1d([0.7, 0.4, 0.3])), /^<Chart: cost vs iteration, 3 points>$/);
    const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
    const curves = await plotFunctions({ "σ(z)": sigmoid }, { xTitle: "z" });
    assertBundle(curves, /^<Chart: function curves: σ\(z\)>$/);
    assert.match(curves.svg, />z</);
    assertBundle(await plotTimings({ loop: 100, vectorized: 1 }, { logScale: true }), /^<Chart: timings: loop 100 ms, vectorized 1.00 ms>$/);
  });

  it("plotCostSurface / plotDecisionBoundary / plotImageGrid", async () => {
    assertBundle(
      await plotCostSurface({ cost: (w, b) => w * w + b * b, wRange: [-1, 1], bRange: [-1, 1], resolution: 5 }, { path: [{ w: 1, b: 1 }, { w: 0, b: 0 }] }),
      /^<Chart: cost surface J\(w, b\) over 5×5 points, descent path of 2 steps>$/,
    );
    assertBundle(
      await plotDecisionBoundary({ X: [[1, 2, 3], [1, 3, 2]], Y: [0, 1, 1], w: [1, 1], b: -3.5 }),
      /^<Chart: 3 points of 2 classes, boundary 1.00·x₁ \+ 1.00·x₂ − 3.50 = 0>$/,
    );
    const images = tf.randomUniform([4, 6, 6, 3], 0, 255, "int32");
    const grid = await plotImageGrid({ images, labels: [0, 1, 1, 0], predictions: [0, 1, 0, 0], classes: ["non-cat", "cat"] });
    images.dispose();
    assertBundle(grid, /^<Chart: image grid: 4 images of 6×6, 1 misclassified>$/);
    assert.equal((grid.svg.match(/<image /g) ?? []).length, 4);
    assert.match(grid.svg, /ŷ = non-cat ✘/);
  });

  it("leaves no tensors behind", async () => {
    const images = tf.zeros([3, 4, 4, 1]);
    const before = tf.memory().numTensors;
    await plotImageGrid({ images, labels: [0, 1, 0], predictions: [0.2, 0.9, 0.4] });
    assert.equal(tf.memory().numTensors, before);
    images.dispose();
  });
});
