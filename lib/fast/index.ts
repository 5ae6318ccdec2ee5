/**
 * The lib's fast path: WebAssembly SIMD kernels on plain arrays and memory (no tensors), a second
 * thread, the packed matrix they share, the logistic-regression trainer and matrix–vector products.
 * lib/logreg and lib/wasmBackend call it with tensors' values.
 */
export { kernelSupported } from "./kernel";
export { MAX_MB_ENV } from "./pool";
export { DoesNotFitError, clearPackedMatrix, currentPacked, packMatrix, packedFor } from "./packed";
export type { PackedMatrix } from "./packed";
export { fastGradientDescent, fastMemoryBytes, fastPropagate } from "./train";
export type { FastProblem } from "./train";
export { packedMatVec } from "./matVec";
