/**
 * The lib's fast path: WebAssembly SIMD kernels on plain arrays and memory (no tensors), a second
 * thread, the packed matrix they share, the logistic-regression trainer and matrix–vector products.
 * lib/logreg and lib/wasmBackend call it with tensors' values.
 */
export { kernelSupported } from "./kernel";
export { MAX_MB_ENV, THREADS_ENV } from "./pool";
export { DoesNotFitError, LAYOUT_ENV, clearPackedMatrix, currentPacked, packMatrix, packedFor, uint8Scale } from "./packed";
export type { MatrixSource, PackedMatrix, PixelLayout } from "./packed";
export { fastGradientDescent, fastMemoryBytes, fastPropagate } from "./train";
export type { FastDescentOptions, FastDescentResult, FastProblem } from "./train";
export { packedMatVec } from "./matVec";
export { dotArrays } from "./dot";
