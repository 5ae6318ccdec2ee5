/** Charts for the notebooks; each builds its spec in its own file (./functionCurves …) and renders it (./chart). */
export { chart, plotFunctions, plotCosts, plotCostSurface, plotDecisionBoundary, plotImageGrid, plotTimings } from "./plots";
