/**
 * Self-checks for the graded notebooks (`nn.check.sigmoid(sigmoid)` …) and the comparison helpers
 * they and the grader share.
 */
export {
  sigmoid,
  sigmoidDerivative,
  image2vector,
  normalizeRows,
  softmax,
  l1,
  l2,
  initializeWithZeros,
  propagate,
  optimize,
  predict,
  model,
} from "./course";
export {
  CheckFailure,
  FLOAT32,
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
