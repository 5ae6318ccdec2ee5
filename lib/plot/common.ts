/**
 * What every chart of the course shares: the Vega-Lite 5 schema, sizes, colors and fonts, the
 * spec's head, and the coercion of chart input (tensors or arrays) into plain numbers with errors
 * that name the builder and the argument.
 *
 * Each chart has its own file (functionCurves.ts, costCurves.ts …): a synchronous builder that
 * returns a plain TopLevelSpec with its data inline, so the chart renders anywhere (JupyterLab's
 * Vega-Lite renderer, nbconvert's static SVG, the Vega editor). The async plot* functions in
 * ./plots wrap them in ready-to-show Charts.
 */
import type { Config, TopLevelSpec } from "vega-lite";
import { tf } from "../backend";
import * as message from "../messages";

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

export const DEFAULT_WIDTH = 460;
export const DEFAULT_HEIGHT = 280;
/** Color-blind-safe categorical colors (Tableau 10), in series order. */
export const SERIES_COLORS = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];

export const CONFIG: Config = {
  font: "Helvetica, Arial, sans-serif",
  axis: { titleFontSize: 13, titleFontWeight: "normal", labelFontSize: 11, titleColor: "#222", labelColor: "#444", gridColor: "#e6e6e6" },
  legend: { titleFontSize: 12, titleFontWeight: "normal", labelFontSize: 12, labelLimit: 320 },
  title: { fontSize: 15, fontWeight: "normal", anchor: "start", offset: 10 },
  view: { stroke: "#ccc" },
  // Screen-reader descriptions would repeat every data URL and every point in the SVG.
  aria: false,
};

/** A 1-D list of numbers from a tensor (any shape, flattened) or an array. */
export function toNumbers(values: tf.Tensor | ArrayLike<number>, caller: string, what: string): number[] {
  if (values instanceof tf.Tensor) return Array.from(values.dataSync());
  if (values === null || typeof values !== "object" || typeof (values as ArrayLike<number>).length !== "number") {
    throw new Error(message.mustBe(caller, what, "an array of numbers or a tensor", message.describeValue(values)));
  }
  const numbers = Array.from(values, Number);
  const bad = numbers.findIndex((v) => Number.isNaN(v));
  if (bad >= 0) throw new Error(message.mustBe(caller, `${what}[${bad}]`, "a number", String((values as ArrayLike<unknown>)[bad])));
  return numbers;
}

/** A 2-D array (rows) from a rank-2 tensor or nested arrays. */
export function toMatrix(values: tf.Tensor | number[][], caller: string, what: string): number[][] {
  if (values instanceof tf.Tensor) {
    if (values.rank !== 2) throw new Error(message.wrongShape(caller, what, [null, null], values.shape));
    return values.arraySync() as number[][];
  }
  if (!Array.isArray(values) || !values.every(Array.isArray)) throw new Error(message.mustBe(caller, what, "a 2-D array or tensor", message.describeValue(values)));
  return values;
}

/** The layers of a layered spec. */
export type Layers = NonNullable<Extract<TopLevelSpec, { layer: unknown }>["layer"]>;

export function base(options: ChartOptions, description: string): { $schema: string; description: string; config: Config; title?: string } {
  return {
    $schema: VEGA_LITE_SCHEMA,
    description,
    config: CONFIG,
    ...(options.title ? { title: options.title } : {}),
  };
}

export function checkRange(range: [number, number] | undefined, caller: string, what: string): [number, number] | undefined {
  if (range === undefined) return undefined;
  if (!Array.isArray(range) || range.length !== 2 || !range.every(Number.isFinite) || !(range[0] < range[1])) {
    throw new Error(message.mustBe(caller, what, "[low, high] with low < high", JSON.stringify(range)));
  }
  return range;
}

/** Evenly spaced numbers from low to high, both included. */
export function linspace(low: number, high: number, count: number): number[] {
  if (count < 2) return [low];
  return Array.from({ length: count }, (_, i) => low + ((high - low) * i) / (count - 1));
}
