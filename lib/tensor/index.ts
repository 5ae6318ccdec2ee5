/** Tensor basics of the course ("Python Basics with Numpy", in tfjs), the dot product and the shape guard. */
export { sigmoid } from "./sigmoid";
export { sigmoidDerivative } from "./sigmoidDerivative";
export { image2vector } from "./image2vector";
export { normalizeRows } from "./normalizeRows";
export { softmax } from "./softmax";
export { l1 } from "./l1";
export { l2 } from "./l2";
export { assertShape, formatShape } from "./assertShape";
export { dot } from "./dot";
