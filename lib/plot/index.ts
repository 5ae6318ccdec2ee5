/** Charts: one Vega-Lite spec builder per chart, and the Chart that renders them to a notebook bundle. */
export { Chart, vegaLiteWarnings } from "./chart";
export { chart, plotFunctions, plotCosts, plotCostSurface, plotDecisionBoundary, plotImageGrid, plotTimings } from "./plots";
export type { ChartOptions } from "./common";
export { functionCurvesSpec, type CurveSeries, type FunctionCurvesOptions } from "./functionCurves";
export { costCurvesSpec, type CostHistories, type CostCurvesOptions } from "./costCurves";
export { costSurfaceSpec, type CostSurfaceGrid, type CostSurfaceFunction, type CostSurfaceOptions } from "./costSurface";
export { decisionBoundarySpec, type DecisionBoundaryInput, type DecisionBoundaryOptions } from "./decisionBoundary";
export { imageGridSpec, type ImageGridInput, type ImageGridOptions } from "./imageGrid";
export { timingBarsSpec, type TimingEntries, type TimingBarsOptions } from "./timingBars";
