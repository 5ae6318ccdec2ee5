/**
 * Vega-Lite 5 specs for the pictures of the course: function curves, cost curves, the cost surface
 * J(w, b) with a descent path, a 2-D decision boundary, image grids, timing bars.
 *
 * Every builder is synchronous and returns a plain TopLevelSpec with its data inline (so the chart
 * renders anywhere: JupyterLab's Vega-Lite renderer, nbconvert's static SVG, the Vega editor).
 * The async plot* functions in ./plots wrap them in ready-to-show Charts.
 */
import type { Config, TopLevelSpec } from "vega-lite";
import type { Scale } from "vega-lite/build/src/scale";
import { tf } from "../backend";
import { imageToDataUrl } from "../display/png";
import { formatShape } from "../tensor/assertShape";

export const VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";

/** Options every chart takes. */
export interface ChartOptions {
  title?: string;
  /** plot area size in pixels (axes and legend come on top) */
  width?: number;
  height?: number;
  xTitle?: string;
  yTitle?: string;
}

const DEFAULT_WIDTH = 460;
const DEFAULT_HEIGHT = 280;
/** Color-blind-safe categorical colors (Tableau 10), in series order. */
const SERIES_COLORS = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];
const CORRECT_COLOR = "#1a7f37";
const WRONG_COLOR = "#cf222e";

const CONFIG: Config = {
  font: "Helvetica, Arial, sans-serif",
  axis: { titleFontSize: 13, titleFontWeight: "normal", labelFontSize: 11, titleColor: "#222", labelColor: "#444", gridColor: "#e6e6e6" },
  legend: { titleFontSize: 12, titleFontWeight: "normal", labelFontSize: 12, labelLimit: 320 },
  title: { fontSize: 15, fontWeight: "normal", anchor: "start", offset: 10 },
  view: { stroke: "#ccc" },
  // Screen-reader descriptions would repeat every data URL and every point in the SVG.
  aria: false,
};

/** A 1-D list of numbers from a tensor (any shape, flattened) or an array. */
function toNumbers(values: tf.Tensor | ArrayLike<number>, caller: string, what: string): number[] {
  if (values instanceof tf.Tensor) return Array.from(values.dataSync());
  if (values === null || typeof values !== "object" || typeof (values as ArrayLike<number>).length !== "number") {
    throw new Error(`${caller}: ${what} must be an array of numbers or a tensor`);
  }
  const numbers = Array.from(values, Number);
  const bad = numbers.findIndex((v) => Number.isNaN(v));
  if (bad >= 0) throw new Error(`${caller}: ${what}[${bad}] is not a number (${String((values as ArrayLike<unknown>)[bad])})`);
  return numbers;
}

/** A 2-D array (rows) from a rank-2 tensor or nested arrays. */
function toMatrix(values: tf.Tensor | number[][], caller: string, what: string): number[][] {
  if (values instanceof tf.Tensor) {
    if (values.rank !== 2) throw new Error(`${caller}: ${what} must be 2-D, got shape ${formatShape(values.shape)}`);
    return values.arraySync() as number[][];
  }
  if (!Array.isArray(values) || !values.every(Array.isArray)) throw new Error(`${caller}: ${what} must be a 2-D array or tensor`);
  return values;
}

/** The layers of a layered spec. */
type Layers = NonNullable<Extract<TopLevelSpec, { layer: unknown }>["layer"]>;

function base(options: ChartOptions, description: string): { $schema: string; description: string; config: Config; title?: string } {
  return {
    $schema: VEGA_LITE_SCHEMA,
    description,
    config: CONFIG,
    ...(options.title ? { title: options.title } : {}),
  };
}

function checkRange(range: [number, number] | undefined, caller: string, what: string): [number, number] | undefined {
  if (range === undefined) return undefined;
  if (!Array.isArray(range) || range.length !== 2 || !range.every(Number.isFinite) || !(range[0] < range[1])) {
    throw new Error(`${caller}: ${what} must be [low, high] with low < high, got ${JSON.stringify(range)}`);
  }
  return range;
}

/** Evenly spaced numbers from low to high, both included. */
export function linspace(low: number, high: number, count: number): number[] {
  if (count < 2) return [low];
  return Array.from({ length: count }, (_, i) => low + ((high - low) * i) / (count - 1));
}

// ---------------------------------------------------------------------------------------------
// Function curves

/** A named curve: a function to sample, or given points. */
export type CurveSeries =
  | { name: string; f: (x: number) => number }
  | { name: string; x: tf.Tensor | ArrayLike<number>; y: tf.Tensor | ArrayLike<number> };

export interface FunctionCurvesOptions extends ChartOptions {
  /** x interval for the functions (default [-6, 6]; given points set their own) */
  xRange?: [number, number];
  /** samples per function (default 201) */
  samples?: number;
  /** clip the y axis to this interval (e.g. for log or 1/x near 0) */
  yRange?: [number, number];
  /** marked points with an optional label, e.g. { x: 2, y: 8, label: "slope 12 at x = 2" } */
  points?: { x: number; y: number; label?: string }[];
}

/**
 * One or several named functions over an interval: sigmoid and its derivative, a function and its
 * numeric slope... `series` is a list of { name, f } or { name, x, y }, or an object name -> f.
 */
export function functionCurvesSpec(
  series: CurveSeries[] | Record<string, (x: number) => number>,
  options: FunctionCurvesOptions = {},
): TopLevelSpec {
  const caller = "functionCurvesSpec";
  const list: CurveSeries[] = Array.isArray(series) ? series : Object.entries(series).map(([name, f]) => ({ name, f }));
  if (list.length === 0) throw new Error(`${caller}: give at least one function`);
  const [low, high] = checkRange(options.xRange, caller, "xRange") ?? [-6, 6];
  const samples = options.samples ?? 201;
  if (!Number.isInteger(samples) || samples < 2) throw new Error(`${caller}: samples must be a whole number ≥ 2, got ${samples}`);
  const yRange = checkRange(options.yRange, caller, "yRange");

  const rows: { x: number; y: number; series: string }[] = [];
  for (const s of list) {
    if (typeof s?.name !== "string") throw new Error(`${caller}: every series needs a name`);
    if ("f" in s) {
      if (typeof s.f !== "function") throw new Error(`${caller}: series "${s.name}": f must be a function of x`);
      for (const x of linspace(low, high, samples)) rows.push({ x, y: Number(s.f(x)), series: s.name });
    } else {
      const xs = toNumbers(s.x, caller, `series "${s.name}" x`);
      const ys = toNumbers(s.y, caller, `series "${s.name}" y`);
      if (xs.length !== ys.length) throw new Error(`${caller}: series "${s.name}" has ${xs.length} x values but ${ys.length} y values`);
      xs.forEach((x, i) => rows.push({ x, y: ys[i], series: s.name }));
    }
  }
  // Poles and log(0) give ±Infinity / NaN: leave those samples out (the line breaks there).
  const finite = rows.filter((r) => Number.isFinite(r.x) && Number.isFinite(r.y) && (!yRange || (r.y >= yRange[0] && r.y <= yRange[1])));
  const names = list.map((s) => s.name);
  const multiple = names.length > 1;

  const points = (options.points ?? []).map((p) => ({ x: p.x, y: p.y, label: p.label ?? "" }));
  const layers: Layers = [
    {
      data: { values: finite },
      mark: { type: "line", strokeWidth: 2.5, clip: true, tooltip: true },
      encoding: {
        x: { field: "x", type: "quantitative", title: options.xTitle ?? "x", scale: { domain: [low, high], nice: false } },
        y: { field: "y", type: "quantitative", title: options.yTitle ?? (multiple ? "y" : names[0]), ...(yRange ? { scale: { domain: yRange } } : {}) },
        color: {
          field: "series",
          type: "nominal",
          scale: { domain: names, range: SERIES_COLORS },
          legend: multiple ? { title: null, orient: "top", direction: "horizontal" } : null,
        },
      },
    },
  ];
  if (points.length > 0) {
    layers.push({
      data: { values: points },
      mark: { type: "point", filled: true, size: 70, color: "#222", tooltip: true },
      encoding: { x: { field: "x", type: "quantitative" }, y: { field: "y", type: "quantitative" } },
    });
    layers.push({
      data: { values: points },
      mark: { type: "text", align: "left", dx: 8, dy: -8, fontSize: 12, color: "#222" },
      encoding: { x: { field: "x", type: "quantitative" }, y: { field: "y", type: "quantitative" }, text: { field: "label" } },
    });
  }
  return {
    ...base(options, `function curves: ${names.join(", ")}`),
    width: options.width ?? DEFAULT_WIDTH,
    height: options.height ?? DEFAULT_HEIGHT,
    layer: layers,
  };
}

// ---------------------------------------------------------------------------------------------
// Cost curves

/** One cost history (one recorded cost per point), or several named ones. */
export type CostHistories =
  | tf.Tensor
  | ArrayLike<number>
  | Record<string, tf.Tensor | ArrayLike<number>>
  | { name: string; costs: tf.Tensor | ArrayLike<number> }[];

export interface CostCurvesOptions extends ChartOptions {
  /**
   * Iterations between two recorded costs. 100 (default, the course's): the x axis counts points,
   * titled "iterations (per hundreds)" as in the course; anything else: the x axis counts iterations.
   */
  iterationsPerPoint?: number;
  /** legend title; default "learning rate" when every series name is a number, else none */
  legendTitle?: string;
  /** log scale for the cost axis */
  logScale?: boolean;
}

export function costSeriesList(costs: CostHistories, caller: string): { name: string; costs: number[] }[] {
  if (costs instanceof tf.Tensor || (typeof costs === "object" && costs !== null && "length" in costs && !Array.isArray(costs)) || (Array.isArray(costs) && (costs.length === 0 || typeof costs[0] !== "object"))) {
    return [{ name: "cost", costs: toNumbers(costs as tf.Tensor | ArrayLike<number>, caller, "costs") }];
  }
  if (Array.isArray(costs)) {
    return (costs as { name: string; costs: tf.Tensor | ArrayLike<number> }[]).map((s, i) => {
      if (typeof s?.name !== "string") throw new Error(`${caller}: series ${i} needs a name`);
      return { name: s.name, costs: toNumbers(s.costs, caller, `costs of "${s.name}"`) };
    });
  }
  return Object.entries(costs as Record<string, tf.Tensor | ArrayLike<number>>).map(([name, c]) => ({ name, costs: toNumbers(c, caller, `costs of "${name}"`) }));
}

/**
 * Cost J against training progress, the course's learning-curve picture; several histories (e.g. one
 * per learning rate) share the chart with a legend. `costs`: an array or tensor, an object name ->
 * costs, or a list of { name, costs }.
 */
export function costCurvesSpec(costs: CostHistories, options: CostCurvesOptions = {}): TopLevelSpec {
  const caller = "costCurvesSpec";
  const list = costSeriesList(costs, caller);
  if (list.length === 0 || list.every((s) => s.costs.length === 0)) throw new Error(`${caller}: no costs to plot`);
  const per = options.iterationsPerPoint ?? 100;
  if (!(per > 0)) throw new Error(`${caller}: iterationsPerPoint must be positive, got ${per}`);
  const perHundreds = per === 100;
  const rows = list.flatMap((s) => s.costs.map((cost, i) => ({ step: perHundreds ? i : i * per, cost, series: s.name })));
  const bad = rows.find((r) => !Number.isFinite(r.cost) || (options.logScale && r.cost <= 0));
  if (bad) throw new Error(`${caller}: cost ${bad.cost} at point ${bad.step} of "${bad.series}" cannot be plotted${options.logScale ? " on a log scale" : ""}`);
  const names = list.map((s) => s.name);
  const multiple = names.length > 1;
  const numericNames = names.every((n) => n.trim() !== "" && !Number.isNaN(Number(n)));
  const legendTitle = options.legendTitle ?? (numericNames ? "learning rate" : null);
  return {
    ...base(options, `cost vs iteration: ${names.join(", ")}`),
    width: options.width ?? DEFAULT_WIDTH,
    height: options.height ?? DEFAULT_HEIGHT,
    data: { values: rows },
    mark: { type: "line", strokeWidth: 2.5, point: rows.length <= 60 * names.length ? { size: 30 } : false, tooltip: true },
    encoding: {
      x: {
        field: "step",
        type: "quantitative",
        title: options.xTitle ?? (perHundreds ? "iterations (per hundreds)" : "iterations"),
        axis: { tickMinStep: 1, format: "d" },
      },
      y: {
        field: "cost",
        type: "quantitative",
        title: options.yTitle ?? "cost J",
        scale: options.logScale ? { type: "log" } : { zero: false },
      },
      color: {
        field: "series",
        type: "nominal",
        scale: { domain: names, range: SERIES_COLORS },
        legend: multiple ? { title: legendTitle } : null,
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Cost surface

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
    if (!Number.isInteger(n) || n < 2 || n > 200) throw new Error(`${caller}: resolution must be a whole number from 2 to 200, got ${n}`);
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
  if (!Number.isInteger(bands) || bands < 0 || bands === 1) throw new Error(`${caller}: bands must be 0 or a whole number ≥ 2, got ${bands}`);
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

// ---------------------------------------------------------------------------------------------
// Decision boundary

export interface DecisionBoundaryInput {
  /** (2, m): one column per example */
  X: tf.Tensor | number[][];
  /** (1, m) labels 0/1 */
  Y: tf.Tensor | number[][] | ArrayLike<number>;
  /** (2, 1) weights; without w and b only the points are drawn */
  w?: tf.Tensor | ArrayLike<number> | number[][];
  b?: number | tf.Tensor;
}

export interface DecisionBoundaryOptions extends ChartOptions {
  /** axis titles for x₁ and x₂ (default "x₁", "x₂"); xTitle / yTitle win */
  featureNames?: [string, string];
  /** legend names for y = 0 and y = 1 (default "y = 0", "y = 1") */
  classNames?: [string, string];
  /** shade each side of the line with its predicted class (default true) */
  shade?: boolean;
}

/**
 * A 2-D scatter of the examples, colored by class, and the line where the model's prediction flips:
 * w₁x₁ + w₂x₂ + b = 0 (σ = 0.5), with each side tinted by the class predicted there.
 */
export function decisionBoundarySpec(input: DecisionBoundaryInput, options: DecisionBoundaryOptions = {}): TopLevelSpec {
  const caller = "decisionBoundarySpec";
  const X = toMatrix(input.X as tf.Tensor | number[][], caller, "X");
  if (X.length !== 2) throw new Error(`${caller}: X must be (2, m), one row per feature, got (${X.length}, ${X[0]?.length ?? 0})`);
  const m = X[0].length;
  const Y = toNumbers(input.Y instanceof tf.Tensor || !Array.isArray(input.Y) || !Array.isArray(input.Y[0]) ? (input.Y as ArrayLike<number>) : (input.Y as number[][]).flat(), caller, "Y");
  if (Y.length !== m || X[1].length !== m) throw new Error(`${caller}: X is (2, ${m}) but Y has ${Y.length} labels`);
  const classNames = options.classNames ?? ["y = 0", "y = 1"];
  const [f1, f2] = options.featureNames ?? ["x₁", "x₂"];
  const points = X[0].map((x1, i) => ({ x1, x2: X[1][i], class: classNames[Y[i] > 0.5 ? 1 : 0] }));

  const pad = (lo: number, hi: number) => {
    const span = hi - lo || 1;
    return [lo - 0.08 * span, hi + 0.08 * span] as [number, number];
  };
  const [x1lo, x1hi] = pad(Math.min(...X[0]), Math.max(...X[0]));
  const [x2lo, x2hi] = pad(Math.min(...X[1]), Math.max(...X[1]));
  const xScale = { domain: [x1lo, x1hi], nice: false, zero: false };
  const yScale = { domain: [x2lo, x2hi], nice: false, zero: false };
  const classColors = [SERIES_COLORS[0], SERIES_COLORS[1]];

  const layers: Layers = [];
  let boundaryNote = "";
  if (input.w !== undefined && input.b !== undefined) {
    const w = toNumbers(input.w instanceof tf.Tensor ? input.w : (Array.isArray(input.w) && Array.isArray(input.w[0]) ? (input.w as number[][]).flat() : (input.w as ArrayLike<number>)), caller, "w");
    if (w.length !== 2) throw new Error(`${caller}: w must have 2 entries (shape (2, 1)), got ${w.length}`);
    const b = input.b instanceof tf.Tensor ? input.b.dataSync()[0] : Number(input.b);
    const [w1, w2] = w;
    if (!Number.isFinite(b) || !w.every(Number.isFinite)) throw new Error(`${caller}: w and b must be finite numbers`);
    const shade = options.shade ?? true;
    if (w1 === 0 && w2 === 0) {
      boundaryNote = ", no boundary (w = 0)";
    } else if (Math.abs(w2) * (x2hi - x2lo) > 1e-9 * Math.abs(w1) * (x1hi - x1lo)) {
      // x₂ = −(w₁x₁ + b) / w₂; class 1 lies on the side where w₂x₂ grows.
      const line = [x1lo, x1hi].map((x1) => ({ x1, x2: -(w1 * x1 + b) / w2, top: x2hi, bottom: x2lo }));
      if (shade) {
        const upper = w2 > 0 ? 1 : 0;
        layers.push(
          { data: { values: line }, mark: { type: "area", color: classColors[upper], opacity: 0.12, clip: true }, encoding: { x: { field: "x1", type: "quantitative", scale: xScale }, y: { field: "x2", type: "quantitative", scale: yScale }, y2: { field: "top" } } },
          { data: { values: line }, mark: { type: "area", color: classColors[1 - upper], opacity: 0.12, clip: true }, encoding: { x: { field: "x1", type: "quantitative" }, y: { field: "bottom", type: "quantitative" }, y2: { field: "x2" } } },
        );
      }
      layers.push({ data: { values: line }, mark: { type: "line", color: "#222", strokeWidth: 2, strokeDash: [6, 4], clip: true }, encoding: { x: { field: "x1", type: "quantitative", scale: xScale }, y: { field: "x2", type: "quantitative", scale: yScale } } });
      const term = (v: number, first = false) => (v < 0 ? (first ? "−" : " − ") : first ? "" : " + ") + Math.abs(v).toPrecision(3);
      boundaryNote = `, boundary ${term(w1, true)}·x₁${term(w2)}·x₂${term(b)} = 0`;
    } else {
      // w₂ = 0: the boundary is the vertical line x₁ = −b / w₁.
      const x1 = -b / w1;
      const right = w1 > 0 ? 1 : 0;
      if (shade) {
        layers.push(
          { data: { values: [{ a: x1, b: x1hi }] }, mark: { type: "rect", color: classColors[right], opacity: 0.12, clip: true }, encoding: { x: { field: "a", type: "quantitative", scale: xScale }, x2: { field: "b" } } },
          { data: { values: [{ a: x1lo, b: x1 }] }, mark: { type: "rect", color: classColors[1 - right], opacity: 0.12, clip: true }, encoding: { x: { field: "a", type: "quantitative" }, x2: { field: "b" } } },
        );
      }
      layers.push({ data: { values: [{ x1 }] }, mark: { type: "rule", color: "#222", strokeWidth: 2, strokeDash: [6, 4], clip: true }, encoding: { x: { field: "x1", type: "quantitative", scale: xScale } } });
      boundaryNote = `, boundary x₁ = ${x1.toPrecision(3)}`;
    }
  }
  layers.push({
    data: { values: points },
    mark: { type: "point", filled: true, size: 55, opacity: 0.85, stroke: "white", strokeWidth: 0.6, tooltip: true },
    encoding: {
      x: { field: "x1", type: "quantitative", title: options.xTitle ?? f1, scale: xScale },
      y: { field: "x2", type: "quantitative", title: options.yTitle ?? f2, scale: yScale },
      color: { field: "class", type: "nominal", scale: { domain: classNames, range: classColors }, legend: { title: null, orient: "top", direction: "horizontal" } },
      shape: { field: "class", type: "nominal", scale: { domain: classNames, range: ["circle", "triangle-up"] }, legend: { title: null, orient: "top", direction: "horizontal" } },
    },
  });
  return {
    ...base(options, `${m} points of 2 classes${boundaryNote}`),
    width: options.width ?? 420,
    height: options.height ?? 320,
    layer: layers,
  };
}

// ---------------------------------------------------------------------------------------------
// Image grid

export interface ImageGridInput {
  /** (m, h, w, c) or (m, h, w) pixel values 0..255 or 0..1; or (n_x, m) flattened columns with imageShape */
  images: tf.Tensor;
  /** for flattened images (n_x, m): the shape of one image, e.g. [64, 64, 3] */
  imageShape?: [number, number] | [number, number, number];
  /** true labels 0/1, shape (1, m) or (m) */
  labels?: tf.Tensor | ArrayLike<number>;
  /** predictions 0/1, or probabilities (then ŷ = 1 where the probability is > 0.5) */
  predictions?: tf.Tensor | ArrayLike<number>;
  /** class names by label, e.g. ["non-cat", "cat"] */
  classes?: string[];
  /** which images to show (default the first maxImages) */
  indices?: number[];
  /** your own caption per shown image (replaces the label/prediction text) */
  captions?: string[];
}

export interface ImageGridOptions {
  title?: string;
  /** images per row (default up to 6) */
  columns?: number;
  /** how many images at most when no indices are given (default 12) */
  maxImages?: number;
  /** pixel upscaling; default: about 96 px per image (4 for 28 px digits, 2 for 64 px cats) */
  scale?: number;
  /** pixel value range, as for imageToPng */
  range?: "auto" | "0-255" | "0-1";
}

interface GridCell {
  x: number;
  y: number;
  url: string;
  caption: string;
  status: "correct" | "wrong" | "none";
  index: number;
}

/**
 * Images in a grid with captions: the index and true class, and with predictions, the predicted
 * class marked ✔ (green frame) or ✘ (red frame). Images travel inside the spec as PNG data URLs.
 */
export function imageGridSpec(input: ImageGridInput, options: ImageGridOptions = {}): TopLevelSpec {
  const caller = "imageGridSpec";
  if (!(input.images instanceof tf.Tensor)) throw new Error(`${caller}: images must be a tensor`);
  const images = tf.tidy(() => {
    const t = input.images;
    if (input.imageShape) {
      if (t.rank !== 2) throw new Error(`${caller}: imageShape is for flattened images (n_x, m), got shape ${formatShape(t.shape)}`);
      const size = input.imageShape.reduce((a, b) => a * b, 1);
      if (t.shape[0] !== size) throw new Error(`${caller}: images are ${formatShape(t.shape)} but imageShape ${formatShape(input.imageShape)} has ${size} values`);
      return t.transpose().reshape([t.shape[1] as number, ...input.imageShape]);
    }
    if (t.rank !== 3 && t.rank !== 4) {
      throw new Error(`${caller}: images must be (m, h, w, c) or (m, h, w) — or flattened (n_x, m) with imageShape — got shape ${formatShape(t.shape)}`);
    }
    return t.clone();
  });
  try {
    const m = images.shape[0];
    const maxImages = options.maxImages ?? 12;
    const indices = input.indices ?? Array.from({ length: Math.min(m, maxImages) }, (_, i) => i);
    const badIndex = indices.find((i) => !Number.isInteger(i) || i < 0 || i >= m);
    if (badIndex !== undefined) throw new Error(`${caller}: index ${badIndex} is outside 0..${m - 1}`);
    if (indices.length === 0) throw new Error(`${caller}: no images to show`);
    const labels = input.labels !== undefined ? toNumbers(input.labels, caller, "labels") : undefined;
    const predictions = input.predictions !== undefined ? toNumbers(input.predictions, caller, "predictions") : undefined;
    for (const [what, values] of [["labels", labels], ["predictions", predictions]] as const) {
      if (values && values.length !== m) throw new Error(`${caller}: ${m} images but ${values.length} ${what}`);
    }
    if (input.captions && input.captions.length !== indices.length) {
      throw new Error(`${caller}: ${indices.length} images shown but ${input.captions.length} captions`);
    }
    const probabilities = predictions?.some((p) => p !== 0 && p !== 1) ?? false;
    const name = (label: number) => (input.classes?.[label] !== undefined ? input.classes[label] : String(label));

    const [h, w] = images.shape.slice(1) as [number, number];
    const scale = options.scale ?? Math.max(1, Math.round(96 / Math.max(h, w)));
    if (!Number.isInteger(scale) || scale < 1) throw new Error(`${caller}: scale must be a whole number ≥ 1, got ${scale}`);
    // Small images (digits) are enlarged pixel by pixel so they stay sharp; larger photos travel at
    // their own size (a 4× smaller PNG) and the viewer scales them smoothly.
    const pixelScale = Math.max(h, w) <= 32 ? scale : 1;
    const cellW = Math.max(w * scale, 84);
    const captionLines = (labels ? 1 : 0) + (predictions ? 1 : 0) + 1;
    const cellH = h * scale + 6 + 14 * captionLines + 10;
    const columns = options.columns ?? Math.min(indices.length, 6);
    if (!Number.isInteger(columns) || columns < 1) throw new Error(`${caller}: columns must be a whole number ≥ 1, got ${columns}`);

    const cells: GridCell[] = indices.map((index, k) => {
      const url = tf.tidy(() => imageToDataUrl(images.slice([index], [1]).squeeze([0]) as tf.Tensor, { range: options.range, scale: pixelScale }));
      const lines: string[] = [`#${index}`];
      let status: GridCell["status"] = "none";
      if (labels) lines.push(`y = ${name(labels[index])}`);
      if (predictions) {
        const p = predictions[index];
        const yHat = probabilities ? (p > 0.5 ? 1 : 0) : p;
        const correct = labels ? yHat === labels[index] : undefined;
        status = correct === undefined ? "none" : correct ? "correct" : "wrong";
        lines.push(`ŷ = ${name(yHat)}${probabilities ? ` (${p.toFixed(2)})` : ""}${correct === undefined ? "" : correct ? " ✔" : " ✘"}`);
      }
      const caption = input.captions ? input.captions[k] : lines.join("\n");
      const col = k % columns;
      const row = Math.floor(k / columns);
      return { x: col * (cellW + 12) + (cellW - w * scale) / 2, y: row * cellH, url, caption, status, index };
    });
    const rows = Math.ceil(cells.length / columns);
    const imageW = w * scale;
    const imageH = h * scale;
    const status = { field: "status", type: "nominal" as const, scale: { domain: ["correct", "wrong", "none"], range: [CORRECT_COLOR, WRONG_COLOR, "#333"] }, legend: null };
    const pixelX = { field: "x", type: "quantitative" as const, scale: null, axis: null };
    const pixelY = { field: "y", type: "quantitative" as const, scale: null, axis: null };
    // The 3 px frame sits just outside the picture.
    const framed = cells.filter((c) => c.status !== "none").map((c) => ({ ...c, x2: c.x + imageW + 2.5, y2: c.y + imageH + 2.5, x: c.x - 2.5, y: c.y - 2.5 }));
    const wrong = cells.filter((c) => c.status === "wrong").length;
    const layers: Layers = [
      {
        data: { values: cells },
        mark: { type: "image", width: imageW, height: imageH, align: "left", baseline: "top", aspect: false },
        encoding: { x: pixelX, y: pixelY, url: { field: "url", type: "nominal" } },
      },
      {
        data: { values: cells.map((c) => ({ ...c, x: c.x + imageW / 2, y: c.y + imageH + 6 })) },
        mark: { type: "text", baseline: "top", align: "center", fontSize: 11.5, lineBreak: "\n", lineHeight: 14 },
        encoding: { x: pixelX, y: pixelY, text: { field: "caption" }, color: status },
      },
    ];
    if (framed.length > 0) {
      layers.push({
        data: { values: framed },
        mark: { type: "rect", filled: false, strokeWidth: 3 },
        encoding: { x: pixelX, x2: { field: "x2" }, y: pixelY, y2: { field: "y2" }, stroke: status },
      });
    }
    return {
      ...base(options, `image grid: ${cells.length} images of ${h}×${w}${predictions && labels ? `, ${wrong} misclassified` : ""}`),
      config: { ...CONFIG, view: { stroke: null } },
      width: columns * (cellW + 12) - 12,
      height: rows * cellH,
      layer: layers,
    };
  } finally {
    images.dispose();
  }
}

// ---------------------------------------------------------------------------------------------
// Timing bars

export type TimingEntries = { label: string; ms: number }[] | Record<string, number>;

export interface TimingBarsOptions extends ChartOptions {
  /** log scale for time, when the bars differ by orders of magnitude (loop vs vectorized) */
  logScale?: boolean;
}

function formatMs(ms: number): string {
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 1) return `${ms.toPrecision(3)} ms`;
  return `${(ms * 1000).toPrecision(3)} µs`;
}

/** Horizontal bars of run times in milliseconds, labelled with their values, in the given order. */
export function timingBarsSpec(entries: TimingEntries, options: TimingBarsOptions = {}): TopLevelSpec {
  const caller = "timingBarsSpec";
  const list = Array.isArray(entries) ? entries : Object.entries(entries).map(([label, ms]) => ({ label, ms }));
  if (list.length === 0) throw new Error(`${caller}: no timings to plot`);
  const bad = list.find((e) => typeof e?.label !== "string" || !Number.isFinite(e.ms) || e.ms < 0 || (options.logScale && e.ms <= 0));
  if (bad) throw new Error(`${caller}: timing ${JSON.stringify(bad)} is not a label with a ${options.logScale ? "positive" : "non-negative"} time in ms`);
  const max = Math.max(...list.map((e) => e.ms));
  const min = Math.min(...list.map((e) => e.ms));
  // Room on the right for the value labels; on a log scale whole decades, labelled 0.1, 1, 10 ...
  const low = options.logScale ? Math.floor(Math.log10(min)) : 0;
  const high = options.logScale ? Math.ceil(Math.log10(max * 4)) : 0;
  const domain = options.logScale ? [10 ** low, 10 ** high] : [0, max * 1.25 || 1];
  const rows = list.map((e) => ({ label: e.label, ms: e.ms, text: formatMs(e.ms), base: domain[0] }));
  const labels = rows.map((r) => r.label);
  const x = {
    field: "ms",
    type: "quantitative" as const,
    title: options.xTitle ?? `time (ms${options.logScale ? ", log scale" : ""})`,
    scale: options.logScale ? { type: "log" as const, domain } : { domain, nice: false },
    ...(options.logScale ? { axis: { values: Array.from({ length: high - low + 1 }, (_, i) => 10 ** (low + i)), format: "~g" } } : {}),
  };
  const y = { field: "label", type: "nominal" as const, title: options.yTitle ?? null, sort: labels, axis: { labelLimit: 260 } };
  return {
    ...base(options, `timings: ${rows.map((r) => `${r.label} ${r.text}`).join(", ")}`),
    width: options.width ?? DEFAULT_WIDTH,
    height: options.height ?? Math.max(60, 34 * rows.length),
    data: { values: rows },
    layer: [
      // Bars start at the axis' left end (a log scale has no zero).
      { mark: { type: "bar", color: SERIES_COLORS[0], height: { band: 0.7 }, tooltip: true }, encoding: { x, x2: { field: "base" }, y } },
      { mark: { type: "text", align: "left", dx: 5, fontSize: 12, color: "#222" }, encoding: { x, y, text: { field: "text" } } },
    ],
  };
}
