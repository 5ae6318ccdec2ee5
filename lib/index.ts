/**
 * The course library: everything the notebooks import with `import * as nn from "../lib"`.
 * Notebooks see the compiled build (lib/package.json points at dist/); `npm run build` makes it.
 * Each name is listed, with the lesson that teaches it, in lib/README.md.
 */
// tf is the tfjs namespace itself, types and values: `import { tf } from "../lib"` then
// `tf.matMul(…)` and `const w: tf.Tensor2D = …` (a `const tf = nn.tf` copy would hold only values).
export { tf, ready, backendName, backendInfo } from "./backend";
// Output: IPython's display / clear_output / input, and what a value needs to show itself.
export { display, clearOutput, input } from "./display/mimebundle";
export type { MimeBundle, Displayable } from "./display/mimebundle";
// Math in the course's names: tensor basics (assignment 17), logistic regression (lessons, assignment 18).
export { sigmoid, sigmoidDerivative, image2vector, normalizeRows, softmax, l1, l2, dot } from "./tensor";
export { assertShape, formatShape } from "./tensor";
export { initializeWithZeros, propagate, optimize, predict, model, pythonFloat, gradientOneExample, propagateLoop } from "./logreg";
export type { Grads, ModelResult } from "./logreg";
// Speed: medians of timed runs, and the vectorization lesson's dot-product measurement.
export { timeit, benchDot } from "./timing";
// The lessons' verdicts: "✔ …" when a check holds, a CheckFailure with expected and actual when not.
export { expectClose, expectEqual, expectBelow, expectAbove, checkAnswer, fasterOrSlower } from "./lesson";
// Self-checks of the graded notebooks: nn.check.sigmoid(sigmoid) …
export * as check from "./check";
// Data: the course's cat files (COURSE_DATA_DIR) or the embedded default digits, a picture of your
// own, the course's preprocessing (flatten, / 255), the calories table of the broadcasting lesson.
export { loadImageDataset, loadImageFile, flattenAndStandardize, caloriesTable } from "./data";
// Beyond the lessons: a 2-D data set to try plotDecisionBoundary on (iris versicolor vs virginica).
export { irisTable, tableToXY, IRIS_FEATURES } from "./data";
// Pictures: `await nn.plotCosts(costs)` as a cell's last line shows a chart; nn.display(x) anywhere.
export { image, table } from "./display";
export { chart, plotFunctions, plotCosts, plotCostSurface, plotDecisionBoundary, plotImageGrid, plotTimings } from "./plot";
