/**
 * V8's on-disk code cache for the modules a thread loads (Node 22.1+; a no-op before): TypeScript
 * and tfjs are large, and compiling them is a good part of the kernel's start-up.
 */
import Module from "module";

export function enableCompileCache(): void {
  try {
    (Module as unknown as { enableCompileCache?: () => unknown }).enableCompileCache?.();
  } catch {
    // A cache folder that cannot be written costs time, not correctness.
  }
}
