/**
 * Self-checks for the graded notebooks (`nn.check.sigmoid(sigmoid)` …) and the comparison helpers
 * they and the grader share.
 */
export {
  test,
  basicSigmoid,
  sigmoid,
  sigmoidDerivative,
  image2vector,
  normalizeRows,
  softmax,
  l1,
  l2,
  datasetSizes,
  flattenImages,
  initializeWithZeros,
  propagate,
  optimize,
  predict,
  model,
  EXERCISE_NUMBERS,
} from "./course";
export type { Dependencies } from "./course";
export {
  CheckFailure,
  DESCENT,
  EXACT,
  FLOAT32,
  PERCENT,
  TensorSnapshot,
  close,
  expectNumberClose,
  expectNumbersClose,
  expectObject,
  expectTensor,
  expectTensorClose,
  formatNumber,
  formatValues,
  tensorOf,
} from "./compare";
export type { Tolerance } from "./compare";
