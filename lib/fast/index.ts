/** The lib's fast path: WebAssembly SIMD kernels, a two-thread trainer, and the benchmark helpers. */
export { dot, dotMethod } from "./dot";
export { benchDot, benchGradientDescent, TimingTable } from "./bench";
export type { TimingRow, DotBenchOptions, DescentBenchOptions } from "./bench";
export { fastGradientDescent, fastPropagate, LAYOUT_ENV } from "./train";
export type { FastProblem, FastDescentOptions, FastDescentResult, PixelLayout } from "./train";
export { IMPLEMENTATION_ENV } from "./logreg";
export type { LogregImplementation } from "./logreg";
export { THREADS_ENV } from "./pool";
