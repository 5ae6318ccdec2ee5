/** Charts: Vega-Lite spec builders, and the Chart that renders them to a notebook bundle. */
export { Chart, renderSvg, vegaLiteWarnings, VEGA_LITE_MIME } from "./chart";
export { chart, plotFunctions, plotCosts, plotCostSurface, plotDecisionBoundary, plotImageGrid, plotTimings } from "./plots";
export {
  functionCurvesSpec,
  costCurvesSpec,
  costSurfaceSpec,
  decisionBoundarySpec,
  imageGridSpec,
  timingBarsSpec,
  VEGA_LITE_SCHEMA,
} from "./specs";
export type {
  ChartOptions,
  CurveSeries,
  FunctionCurvesOptions,
  CostHistories,
  CostCurvesOptions,
  CostSurfaceGrid,
  CostSurfaceFunction,
  CostSurfaceOptions,
  DecisionBoundaryInput,
  DecisionBoundaryOptions,
  ImageGridInput,
  ImageGridOptions,
  TimingEntries,
  TimingBarsOptions,
} from "./specs";
