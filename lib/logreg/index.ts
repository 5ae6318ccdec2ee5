/** Logistic regression as a neural network, in the course's notation and names. */
export { initializeWithZeros } from "./initializeWithZeros";
export { propagate } from "./propagate";
export type { Grads } from "./propagate";
export { optimize } from "./optimize";
export type { OptimizeOptions } from "./optimize";
export { predict } from "./predict";
export { accuracy } from "./accuracy";
export { model, pythonFloat } from "./model";
export type { ModelOptions, ModelResult } from "./model";
export { gradientOneExample } from "./gradientOneExample";
export type { OneExampleGradient } from "./gradientOneExample";
export { propagateLoop } from "./propagateLoop";
export type { LogregImplementation } from "./fastPath";
export type { MatrixLike } from "./propagateLoop";
