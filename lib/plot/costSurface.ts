/** The cost surface J(w, b) seen from above, with the path gradient descent took across it. */
import type { TopLevelSpec } from "vega-lite";
import type { Scale } from "vega-lite/build/src/scale";
import { base, checkRange, linspace, toNumbers, type ChartOptions, type Layers } from "./common";
import * as message from "../messages";

/** J on a grid: J[i][j] is the cost at b[i], w[j]. */
export interface CostSurfaceGrid {
  w: ArrayLike<number>;
  b: ArrayLike<number>;
  J: number[][];
}

/** J as a function, sampled on resolution × resolution points of the ranges. */
export interface CostSurfaceFunction {
  cost: (w: number, b: number) => number;
  wRange: [number, number];
  bRange: [number, number];
  /** grid points per axis (default 36) */
  resolution?: number;
}

export interface CostSurfaceOptions extends ChartOptions {
  /** the parameters gradient descent visited, in order */
  path?: { w: number; b: number }[] | { w: ArrayLike<number>; b: ArrayLike<number> };
  /** color bands, like a filled contour map (default 10; 0 for a continuous scale) */
  bands?: number;
  /** color J on a log scale (continuous), for surfaces spanning orders of magnitude */
  logColor?: boolean;
  /** title of the color legend (default "J(w, b)") */
  colorTitle?: string;
}

function surfaceGrid(surface: CostSurfaceGrid | CostSurfaceFunction, caller: string): { w: number[]; b: number[]; J: number[][] } {
  if ("cost" in surface) {
    if (typeof surface.cost !== "function") throw new Error(`${caller}: cost must be a function (w, b) => J`);
    const [w0, w1] = checkRange(surface.wRange, caller, "wRange")!;
    const [b0, b1] = checkRange(surface.bRange, caller, "bRange")!;
    const n = surface.resolution ?? 36;
    if (!Number.isInteger(n) || n < 2 || n > 200) throw new Error(message.mustBe(caller, "resolution", "a whole number from 2 to 200", String(n)));
    const w = linspace(w0, w1, n);
    const b = linspace(b0, b1, n);
    return { w, b, J: b.map((bi) => w.map((wj) => Number(surface.cost(wj, bi)))) };
  }
  const w = toNumbers(surface.w, caller, "w");
  const b = toNumbers(surface.b, caller, "b");
  if (!Array.isArray(surface.J) || surface.J.length !== b.length || surface.J.some((row) => row.length !== w.length)) {
    throw new Error(`${caller}: J must have one row per b value (${b.length}) and one column per w value (${w.length})`);
  }
  return { w, b, J: surface.J };
}

/** 6 significant digits: plenty for a picture, and a much smaller spec. */
const short = (v: number) => Number(v.toPrecision(6));

/** Cell edges around grid points: midpoints between neighbours, half a step beyond the ends. */
function edges(centers: number[]): number[] {
  if (centers.length === 1) return [centers[0] - 0.5, centers[0] + 0.5];
  const mids = centers.slice(1).map((c, i) => (c + centers[i]) / 2);
  return [centers[0] - (mids[0] - centers[0]), ...mids, centers.at(-1)! + (centers.at(-1)! - mids.at(-1)!)];
}

/**
 * The cost surface J(w, b) seen from above (color = cost, banded like a contour map), with the path
 * gradient descent took across it. Give J as a function with ranges, or as a grid.
 */
export function costSurfaceSpec(surface: CostSurfaceGrid | CostSurfaceFunction, options: CostSurfaceOptions = {}): TopLevelSpec {
  const caller = "costSurfaceSpec";
  const { w, b, J } = surfaceGrid(surface, caller);
  const wEdges = edges(w);
  const bEdges = edges(b);
  const finiteJ = J.flat().filter(Number.isFinite);
  if (finiteJ.length === 0) throw new Error(`${caller}: J has no finite value to plot`);
  // Far from the minimum a naive cost hits log(0): J = +Infinity, or NaN from 0·log(0). Those
  // points cost more than anything finite around them: show them in the highest color, not as holes.
  const highest = Math.max(...finiteJ);
  let offScale = 0;
  const cells: { w: number; w2: number; b: number; b2: number; J: number }[] = [];
  b.forEach((_, i) =>
    w.forEach((__, j) => {
      const overflow = !Number.isFinite(J[i][j]);
      if (overflow) offScale++;
      const cost = overflow ? highest : J[i][j];
      // Each cell reaches 10% into its right and upper neighbours, which are drawn on top: no
      // anti-aliasing seams between cells.
      const wOver = (wEdges[j + 1] - wEdges[j]) * 0.1;
      const bOver = (bEdges[i + 1] - bEdges[i]) * 0.1;
      cells.push({ w: short(wEdges[j]), w2: short(wEdges[j + 1] + wOver), b: short(bEdges[i]), b2: short(bEdges[i + 1] + bOver), J: short(cost) });
    }),
  );
  const bands = options.bands ?? 10;
  if (!Number.isInteger(bands) || bands < 0 || bands === 1) throw new Error(message.mustBe(caller, "bands", "0 or a whole number ≥ 2", String(bands)));
  const colorScale: Scale = options.logColor
    ? { type: "log", scheme: "viridis" }
    : bands > 0
      ? { type: "quantize", scheme: { name: "viridis", count: bands }, nice: true }
      : { type: "linear", scheme: "viridis" };
  const wDomain = [wEdges[0], wEdges.at(-1)!];
  const bDomain = [bEdges[0], bEdges.at(-1)!];
  const wTitle = options.xTitle ?? "w";
  const bTitle = options.yTitle ?? "b";

  const layers: Layers = [
    {
      data: { values: cells },
      mark: { type: "rect", clip: true, tooltip: { content: "data" } },
      encoding: {
        x: { field: "w", type: "quantitative", title: wTitle, scale: { domain: wDomain, nice: false, zero: false } },
        x2: { field: "w2" },
        y: { field: "b", type: "quantitative", title: bTitle, scale: { domain: bDomain, nice: false, zero: false } },
        y2: { field: "b2" },
        color: { field: "J", type: "quantitative", title: options.colorTitle ?? "J(w, b)", scale: colorScale },
      },
    },
  ];
  let pathNote = "";
  if (options.path) {
    const raw = options.path;
    const steps = Array.isArray(raw)
      ? raw.map((p) => ({ w: Number(p.w), b: Number(p.b) }))
      : (() => {
          const pw = toNumbers(raw.w, caller, "path.w");
          const pb = toNumbers(raw.b, caller, "path.b");
          if (pw.length !== pb.length) throw new Error(`${caller}: path has ${pw.length} w values but ${pb.length} b values`);
          return pw.map((wi, i) => ({ w: wi, b: pb[i] }));
        })();
    const path = steps.map((p, step) => ({ ...p, step, label: step === 0 ? "start" : step === steps.length - 1 ? "end" : "" }));
    if (path.some((p) => !Number.isFinite(p.w) || !Number.isFinite(p.b))) throw new Error(`${caller}: the path has a non-finite point`);
    pathNote = `, descent path of ${path.length} steps`;
    const xy = {
      x: { field: "w", type: "quantitative" as const },
      y: { field: "b", type: "quantitative" as const },
    };
    layers.push(
      { data: { values: path }, mark: { type: "line", color: "white", strokeWidth: 4, clip: true }, encoding: { ...xy, order: { field: "step" } } },
      { data: { values: path }, mark: { type: "line", color: "#d62728", strokeWidth: 2, clip: true }, encoding: { ...xy, order: { field: "step" } } },
      {
        data: { values: path },
        mark: { type: "point", filled: true, color: "#d62728", stroke: "white", strokeWidth: 1, size: 36, opacity: 1, clip: true, tooltip: true },
        encoding: xy,
      },
      {
        data: { values: path.filter((p) => p.label) },
        mark: { type: "text", align: "left", dx: 8, dy: -6, fontSize: 12, fontWeight: "bold", color: "white", clip: true },
        encoding: { ...xy, text: { field: "label" } },
      },
    );
  }
  return {
    ...base(options, `cost surface J(w, b) over ${w.length}×${b.length} points${offScale ? ` (${offScale} not finite, shown as the highest cost)` : ""}${pathNote}`),
    width: options.width ?? 400,
    height: options.height ?? 320,
    layer: layers,
  };
}
