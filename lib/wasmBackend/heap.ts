/**
 * The tfjs wasm backend's heap, seen from the lib: where a tensor's values live, and the lib's
 * WebAssembly kernels (lib/fast, plain build) instantiated on that same memory, so they run on
 * tensors in place: no copy in, no copy out.
 *
 * These are tfjs-backend-wasm internals (`wasm.asm.memory`, `dataIdMap`, `makeOutput`), pinned by
 * the exact version in package.json; every accessor returns undefined when they are not as
 * expected, and callers fall back to tfjs's own ops.
 */
import type { KernelExports } from "../fast/kernel";
import { instantiate, kernelModulePlain } from "../fast/kernel";

/** The parts of tfjs-backend-wasm's BackendWasm the lib uses. */
export interface WasmBackendInternals {
  wasm?: { asm?: { memory?: unknown } };
  dataIdMap?: { get(dataId: object): { memoryOffset?: number | null } | undefined };
  makeOutput?(shape: number[], dtype: string): { dataId: object; shape: number[]; dtype: string };
}

let onHeap: { memory: WebAssembly.Memory; kernel: KernelExports } | undefined;

/** The lib's kernels on `backend`'s heap (instantiated once per heap), or undefined. */
export function heapKernel(backend: WasmBackendInternals): KernelExports | undefined {
  const memory = backend.wasm?.asm?.memory;
  if (!(memory instanceof WebAssembly.Memory)) return undefined;
  if (onHeap?.memory !== memory) onHeap = { memory, kernel: instantiate(kernelModulePlain(), memory) };
  return onHeap.kernel;
}

/** The byte offset of a tensor's values in `backend`'s heap, or undefined. */
export function heapOffset(backend: WasmBackendInternals, dataId: object): number | undefined {
  const offset = backend.dataIdMap?.get(dataId)?.memoryOffset;
  return typeof offset === "number" ? offset : undefined;
}

/** A float32 view of `length` values at a tensor's place in the heap (valid until the heap grows), or undefined. */
export function heapFloat32(backend: WasmBackendInternals, dataId: object, length: number): Float32Array | undefined {
  const memory = backend.wasm?.asm?.memory;
  const offset = heapOffset(backend, dataId);
  if (!(memory instanceof WebAssembly.Memory) || offset === undefined) return undefined;
  return new Float32Array(memory.buffer, offset, length);
}
