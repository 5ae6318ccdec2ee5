/**
 * The course library: everything the notebooks import with `import * as nn from "../lib"`.
 * Notebooks see the compiled build (lib/package.json points at dist/); `npm run build` makes it.
 */
// tf is the tfjs namespace itself, types and values: `import { tf } from "../lib"` then
// `tf.matMul(…)` and `const w: tf.Tensor2D = …` (a `const tf = nn.tf` copy would hold only values).
export { tf, ready, backendName, backendInfo, BACKEND_ENV } from "./backend";
export type { BackendName } from "./backend";
export { display, clearOutput, input, isDisplayable } from "./display/mimebundle";
export type { MimeBundle, Displayable, DisplayHandle, DisplayOptions } from "./display/mimebundle";
// Math: tensor basics, shape/NaN guards, logistic regression (course names), timing.
export { sigmoid, sigmoidDerivative, image2vector, normalizeRows, softmax, l1, l2 } from "./tensor";
export { assertShape, assertTensor, assertFinite, assertFiniteNumber, formatShape, isTensor } from "./tensor";
export type { ExpectedShape, LossInput } from "./tensor";
export { initializeWithZeros, propagate, optimize, predict, accuracy, model, pythonFloat, gradientOneExample, propagateLoop } from "./logreg";
export type { Grads, OptimizeOptions, ModelOptions, ModelResult, OneExampleGradient, MatrixLike } from "./logreg";
export { timeit } from "./timing";
// The lessons' verdicts: "✔ …" when a check holds, a CheckFailure with expected and actual when not.
export { expectClose, expectEqual, expectBelow, expectAbove, checkAnswer, fasterOrSlower } from "./lesson";
export type { TimeitOptions, TimeitResult } from "./timing";
// Self-checks of the graded notebooks: nn.check.sigmoid(sigmoid) … (and their comparison helpers).
export * as check from "./check";
// Data: the course's cat files (COURSE_DATA_DIR) or the embedded default digits, the course's
// preprocessing (flatten, / 255), danfo tables.
export { loadImageDataset, flattenAndStandardize, loadCatDataset, loadDefaultImageDataset, findCatDataDir, COURSE_DATA_ENV } from "./data";
export { caloriesTable, irisTable, tableToXY, IRIS_CLASSES, IRIS_FEATURES } from "./data";
export type { ImageDataset, LoadedImageDataset, ImageDatasetOptions, DefaultImageDataset, DefaultImageDatasetOptions } from "./data";
// Pictures: `await nn.plotCosts(costs)` as a cell's last line shows a chart; nn.show(x) anywhere.
export { show, image, Image, imageToPng, imageToDataUrl, table, Table } from "./display";
export type { ImageOptions, PngOptions, ImageLike, TableOptions } from "./display";
export { Chart, chart, plotFunctions, plotCosts, plotCostSurface, plotDecisionBoundary, plotImageGrid, plotTimings } from "./plot";
export { functionCurvesSpec, costCurvesSpec, costSurfaceSpec, decisionBoundarySpec, imageGridSpec, timingBarsSpec, vegaLiteWarnings } from "./plot";
export type { ChartOptions, CurveSeries, FunctionCurvesOptions, CostHistories, CostCurvesOptions, CostSurfaceGrid, CostSurfaceFunction, CostSurfaceOptions } from "./plot";
export type { DecisionBoundaryInput, DecisionBoundaryOptions, ImageGridInput, ImageGridOptions, TimingEntries, TimingBarsOptions } from "./plot";
// Speed: nn.dot (SIMD, in place on the wasm backend) and the vectorization notebook's measurement,
// shared with `npm run bench` (medians of runs, shown as a table: nn.benchDot()).
export { dot } from "./tensor";
export { benchDot } from "./timing";
export type { DotBenchOptions } from "./timing";
export { TimingTable } from "./display/timingTable";
export type { TimingRow } from "./display/timingTable";
export type { LogregImplementation } from "./logreg";
