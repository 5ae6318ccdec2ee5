/**
 * One-line charts for the notebooks: each builds its chart's spec (./functionCurves,
 * ./costCurves …) and renders it (./chart).
 *   await nn.plotCosts(costs)          // as a cell's last line: the chart appears
 *   nn.display(await nn.plotCosts(costs)) // anywhere in a cell
 */
import type { TopLevelSpec } from "vega-lite";
import { Chart } from "./chart";
import { costCurvesSpec, costSeriesList, type CostCurvesOptions, type CostHistories } from "./costCurves";
import { costSurfaceSpec, type CostSurfaceFunction, type CostSurfaceGrid, type CostSurfaceOptions } from "./costSurface";
import { decisionBoundarySpec, type DecisionBoundaryInput, type DecisionBoundaryOptions } from "./decisionBoundary";
import { functionCurvesSpec, type CurveSeries, type FunctionCurvesOptions } from "./functionCurves";
import { imageGridSpec, type ImageGridInput, type ImageGridOptions } from "./imageGrid";
import { timingBarsSpec, type TimingBarsOptions, type TimingEntries } from "./timingBars";

/** Any Vega-Lite 5 spec as a Chart. */
export function chart(spec: TopLevelSpec, description?: string): Promise<Chart> {
  return Chart.render(spec, description);
}

/** Named functions over an interval (sigmoid, its derivative, f and its numeric slope ...). */
export function plotFunctions(
  series: CurveSeries[] | Record<string, (x: number) => number>,
  options: FunctionCurvesOptions = {},
): Promise<Chart> {
  const names = Array.isArray(series) ? series.map((s) => s.name) : Object.keys(series);
  return Chart.render(functionCurvesSpec(series, options), `function curves: ${names.join(", ")}`);
}

/** Cost J per hundred iterations; several histories (e.g. per learning rate) get a legend. */
export function plotCosts(costs: CostHistories, options: CostCurvesOptions = {}): Promise<Chart> {
  const list = costSeriesList(costs, "plotCosts");
  const spec = costCurvesSpec(costs, options);
  const what = list.length === 1 ? `${list[0].costs.length} points` : `${list.length} series (${list.map((s) => s.name).join(", ")})`;
  return Chart.render(spec, `cost vs iteration, ${what}`);
}

/** J(w, b) from above, banded like a contour map, with an optional gradient-descent path. */
export function plotCostSurface(surface: CostSurfaceGrid | CostSurfaceFunction, options: CostSurfaceOptions = {}): Promise<Chart> {
  return Chart.render(costSurfaceSpec(surface, options));
}

/** Examples of two classes in the plane and the model's decision boundary w₁x₁ + w₂x₂ + b = 0. */
export function plotDecisionBoundary(input: DecisionBoundaryInput, options: DecisionBoundaryOptions = {}): Promise<Chart> {
  return Chart.render(decisionBoundarySpec(input, options));
}

/** Images with their labels and predictions (✔ / ✘). */
export function plotImageGrid(input: ImageGridInput, options: ImageGridOptions = {}): Promise<Chart> {
  return Chart.render(imageGridSpec(input, options));
}

/** Run times as bars (e.g. for-loop vs vectorized), optionally on a log scale. */
export function plotTimings(entries: TimingEntries, options: TimingBarsOptions = {}): Promise<Chart> {
  return Chart.render(timingBarsSpec(entries, options));
}
