/** Tensor basics of the course ("Python Basics with Numpy", in tfjs) and the shape/NaN guards. */
export { sigmoid } from "./sigmoid";
export { sigmoidDerivative } from "./sigmoidDerivative";
export { image2vector } from "./image2vector";
export { normalizeRows } from "./normalizeRows";
export { softmax } from "./softmax";
export { l1 } from "./l1";
export { l2 } from "./l2";
export type { LossInput } from "./lossInputs";
export { assertShape, assertTensor, checkShape, formatShape, isTensor, shapeMatches } from "./assertShape";
export type { Dim, ExpectedShape } from "./assertShape";
export { assertFinite, assertFiniteNumber } from "./assertFinite";
export { asFloat32 } from "./asFloat32";
export { dot } from "./dot";
