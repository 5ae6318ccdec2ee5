/**
 * Errors that mean memory ran out, with what to do about it. tfjs's WebAssembly backend has one
 * fixed-size heap for every tensor: when it is full, its ops fail with low-level messages
 * ("memory access out of bounds", "Aborted()") and keep failing, even after disposing.
 */
import type { ErrorContent } from "../shared/errors";

const WASM_EXHAUSTED = /memory access out of bounds|Aborted\(|Cannot enlarge memory|Out of memory|could not allocate memory/i;

export const WASM_MEMORY_ADVICE = [
  "The tensors' memory (tfjs's WebAssembly heap) is exhausted: tensors that were never disposed fill it.",
  "tfjs cannot recover from this: restart the kernel (Kernel > Restart) and run the notebook again.",
  "To keep memory flat, wrap tensor work in tf.tidy(() => …), dispose() tensors you replace,",
  "and check tf.memory().numTensors between cells.",
];

export function memoryExhaustionAdvice(error: ErrorContent): ErrorContent {
  if (!WASM_EXHAUSTED.test(`${error.ename}: ${error.evalue}`)) return error;
  return { ...error, traceback: [...error.traceback, "", ...WASM_MEMORY_ADVICE] };
}
