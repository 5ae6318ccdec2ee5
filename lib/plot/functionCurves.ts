/** Function curves: one or several named functions over an interval (sigmoid and its derivative, a
 * function and its numeric slope …). */
import type { TopLevelSpec } from "vega-lite";
import { tf } from "../backend";
import { base, checkRange, DEFAULT_HEIGHT, DEFAULT_WIDTH, linspace, SERIES_COLORS, toNumbers, type ChartOptions, type Layers } from "./common";
import * as message from "../messages";

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
  if (!Number.isInteger(samples) || samples < 2) throw new Error(message.mustBe(caller, "samples", "a whole number ≥ 2", String(samples)));
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
