/** Logistic regression as a neural network, in the course's notation and names. */
export { initializeWithZeros } from "./initializeWithZeros";
export { propagate } from "./propagate";
export type { Grads } from "./propagate";
export { optimize } from "./optimize";
export { predict } from "./predict";
export { model, pythonFloat } from "./model";
export type { ModelResult } from "./model";
export { gradientOneExample } from "./gradientOneExample";
export { propagateLoop } from "./propagateLoop";
