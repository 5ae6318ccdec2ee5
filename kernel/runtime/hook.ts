/**
 * The kernel's hook for libraries: what a library running in a cell may ask of the frontend.
 *
 *   const kernel = (globalThis as any)[Symbol.for("nn-basics-ts.kernel")] as KernelHook | undefined;
 *   kernel?.display({ data: { "text/html": "<b>hi</b>", "text/plain": "hi" } }, { displayId: "status" });
 *
 * Absent outside the kernel (scripts, tests): a library then prints or does without. The course
 * library uses it for `nn.display`, `nn.clearOutput` and `nn.input` (lib/display/mimebundle.ts).
 */

export const KERNEL_HOOK = Symbol.for("nn-basics-ts.kernel");

export interface KernelMimeBundle {
  /** mime type -> content: strings, or JSON values for `application/*+json` types. */
  data: Record<string, unknown>;
  metadata?: Record<string, unknown>;
}

export interface KernelHook {
  readonly version: 1;
  /**
   * A display_data output below the running cell. With `displayId`, the output can be replaced
   * later (`update: true` sends update_display_data for every output with that id, also below
   * cells that have finished).
   */
  display(bundle: KernelMimeBundle, options?: { displayId?: string; update?: boolean }): void;
  /** clear_output: with `wait`, the old output stays until new output replaces it (no flicker). */
  clearOutput(options?: { wait?: boolean }): void;
  /** Asks the user for a line of text (Jupyter's stdin channel); rejects when the frontend has no stdin. */
  input(prompt?: string, options?: { password?: boolean }): Promise<string>;
  /**
   * Lets a library explain errors of its own (and recover from them): `advisor` sees each failed
   * cell's error and returns lines for its traceback, or undefined when the error is not its own.
   */
  addErrorAdvisor(advisor: ErrorAdvisor): void;
}

export type ErrorAdvisor = (error: { ename: string; evalue: string }) => string[] | undefined;

export function kernelHook(): KernelHook | undefined {
  return (globalThis as { [KERNEL_HOOK]?: KernelHook })[KERNEL_HOOK];
}
