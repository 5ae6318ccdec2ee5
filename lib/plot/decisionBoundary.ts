/** A 2-D decision boundary: the examples of two classes and the line w₁x₁ + w₂x₂ + b = 0. */
import type { TopLevelSpec } from "vega-lite";
import { tf } from "../backend";
import { base, SERIES_COLORS, toMatrix, toNumbers, type ChartOptions, type Layers } from "./common";

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
