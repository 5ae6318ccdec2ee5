import * as vl from "vega-lite";
import * as vega from "vega";
import { PNG } from "pngjs";
const png = new PNG({ width: 4, height: 4 }); png.data.fill(200);
const url = "data:image/png;base64," + PNG.sync.write(png).toString("base64");
const spec: vl.TopLevelSpec = { $schema: "https://vega.github.io/schema/vega-lite/v5.json",
  data: { values: [{ x: 0, url }, { x: 1, url }] }, mark: { type: "image", width: 40, height: 40 },
  encoding: { x: { field: "x", type: "ordinal" }, url: { field: "url", type: "nominal" } } };
(async () => {
  const t0 = Date.now();
  const { spec: vgSpec } = vl.compile(spec);
  const view = new vega.View(vega.parse(vgSpec), { renderer: "none" });
  const svg = await view.toSVG();
  console.log(Date.now() - t0, svg.length, svg.slice(0, 200)); console.log(svg.match(/<image[^>]{0,200}/g));
  view.finalize();
})();
