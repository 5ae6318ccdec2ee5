/** Timing for the vectorization lessons: timeit (like IPython's %timeit), tables of timings, the dot product five ways. */
export { median, timeit } from "./timeit";
export type { TimeitOptions, TimeitResult } from "./timeit";
export { TimingTable, formatMs } from "./table";
export type { TimingRow } from "./table";
export { benchDot } from "./dotWays";
export type { DotBenchOptions } from "./dotWays";
