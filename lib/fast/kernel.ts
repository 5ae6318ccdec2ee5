/**
 * Loading the lib's WebAssembly SIMD kernels (lib/fast/kernel.wat, assembled into kernelBinary.ts).
 *
 * One shared WebAssembly.Memory per process holds the trainer's data; the main thread and the
 * trainer's worker thread (lib/fast/pool.ts) each instantiate the same module on it.
 */
import { KERNEL_PLAIN_BASE64, KERNEL_SHARED_BASE64 } from "./kernelBinary";

/** The kernel's exports (pointers are byte offsets into the imported memory). */
export interface KernelExports {
  /** Σ a[i]·b[i] over two float32 arrays of n elements (float32 products, float64 block sums). */
  dot_f32(a: number, b: number, n: number): number;
  /**
   * One forward + backward pass over `count` examples stored one after another (n features each,
   * uint8 when u8 = 1, else float32): dw (float32, n) is overwritten with Σ scale·dz·x, and
   * out (float64) gets [Σ loss (when withCost = 1), Σ dz]. See kernel.wat.
   */
  propagate(
    x: number, u8: number, n: number, count: number, y: number,
    w32: number, dw: number, b: number, scale: number, withCost: number, out: number,
  ): void;
  /** dwSum = dwA + dwB (float64), w64 −= step·dwSum, w32 = float32(w64); n a multiple of 4. */
  update(w64: number, w32: number, dwA: number, dwB: number, dwSum: number, n: number, step: number): void;
  /** y[r] = Σ_c A[r·cols + c]·x[c] for r < rows: float32 matrix A (row-major), vector x and result y. */
  gemv_rows(A: number, rows: number, cols: number, x: number, y: number): void;
  /**
   * For a matrix stored column after column (`count` columns of n entries, uint8 when u8 = 1, else
   * float32) and a float32 vector v: out (float64, count) = vᵀ·(each column).
   */
  dots(P: number, u8: number, n: number, count: number, v: number, out: number): void;
  /** Same storage: acc (float32, n, overwritten) = Σ_j v[j]·(column j). */
  combine(P: number, u8: number, n: number, count: number, v: number, acc: number): void;
  /** dst (float64) = src (float32); n a multiple of 4. */
  widen(src: number, dst: number, n: number): void;
  /** dst (float32) = factor·src (float64); n a multiple of 4. */
  scale_to_f32(src: number, dst: number, n: number, factor: number): void;
  /** dst (float32) = factor·(a + b) with float32 a, b added in float64; n a multiple of 4. */
  sum_to_f32(a: number, b: number, dst: number, n: number, factor: number): void;
}

/** What the kernel imports besides its memory: float64 exp and log1p (σ and the loss, per example). */
export const KERNEL_MATH_IMPORTS = { exp: Math.exp, log1p: Math.log1p };

/** 64 KiB WebAssembly pages; the trainer's memory may grow to this many (1 GiB). */
export const MAX_PAGES = 16384;
export const PAGE_BYTES = 65536;

let sharedModule: WebAssembly.Module | undefined;
let plainModule: WebAssembly.Module | undefined;

/** The compiled kernel with a shared-memory import (compiled once, reused by every thread). */
export function kernelModuleShared(): WebAssembly.Module {
  sharedModule ??= new WebAssembly.Module(Buffer.from(KERNEL_SHARED_BASE64, "base64"));
  return sharedModule;
}

/** The compiled kernel with a plain (non-shared) memory import. */
export function kernelModulePlain(): WebAssembly.Module {
  plainModule ??= new WebAssembly.Module(Buffer.from(KERNEL_PLAIN_BASE64, "base64"));
  return plainModule;
}

/** An instance of `module` on `memory`. */
export function instantiate(module: WebAssembly.Module, memory: WebAssembly.Memory): KernelExports {
  const instance = new WebAssembly.Instance(module, { env: { memory }, math: KERNEL_MATH_IMPORTS });
  return instance.exports as unknown as KernelExports;
}

let support: { ok: boolean; reason?: string } | undefined;

/** Whether this JavaScript engine can run the kernels (WebAssembly SIMD and shared memory); checked once. */
export function kernelSupported(): { ok: boolean; reason?: string } {
  if (support) return support;
  try {
    kernelModuleShared();
    new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
    support = { ok: true };
  } catch (err) {
    support = { ok: false, reason: `WebAssembly SIMD/threads unavailable: ${(err as Error).message}` };
  }
  return support;
}
