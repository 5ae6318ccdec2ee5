/**
 * Rich display, the IPython way: an object that can show itself implements
 * `_repr_mimebundle_()`. The course kernel sends that bundle as the cell's `execute_result`
 * when the object is a cell's last expression; `display(obj)` sends it as `display_data`.
 *
 * The library reaches the frontend through the kernel's hook (kernel/runtime/hook.ts); outside the
 * kernel (scripts, tests) `display` prints the bundle's text/plain, `clearOutput` does nothing and
 * `input` reads a line from stdin.
 */
import { createInterface } from "readline";
import type { KernelHook } from "../../kernel/runtime/hook";

/** The kernel's hook (a type-only dependency: the library runs without the kernel too). */
function kernelHook(): KernelHook | undefined {
  return (globalThis as { [key: symbol]: KernelHook | undefined })[Symbol.for("nn-basics-ts.kernel")];
}

export interface MimeBundle {
  /** mime type -> content: strings, or JSON values for `application/*+json` types. */
  data: Record<string, unknown> & { "text/plain": string };
  metadata?: Record<string, unknown>;
}

export interface Displayable {
  _repr_mimebundle_(): MimeBundle;
}

export function isDisplayable(value: unknown): value is Displayable {
  return typeof value === "object" && value !== null && typeof (value as Partial<Displayable>)._repr_mimebundle_ === "function";
}

export interface DisplayOptions {
  /** Names the output so it can be replaced later; `true` makes up a name (see the returned handle). */
  displayId?: string | true;
}

/** An output that can be replaced: `handle.update(newValue)` (IPython's DisplayHandle). */
export interface DisplayHandle {
  readonly displayId: string | undefined;
  update(value: Displayable | MimeBundle): void;
}

let displayCounter = 0;

function bundleOf(value: Displayable | MimeBundle): MimeBundle {
  return isDisplayable(value) ? value._repr_mimebundle_() : value;
}

function send(value: Displayable | MimeBundle, displayId: string | undefined, update: boolean): void {
  const bundle = bundleOf(value);
  const kernel = kernelHook();
  if (kernel) kernel.display({ data: bundle.data, metadata: bundle.metadata ?? {} }, { displayId, update });
  else console.log(bundle.data["text/plain"]);
}

/**
 * Shows `value` below the running cell: one display_data output carrying every mime type. With a
 * display id, the output can be replaced later — a progress line, a chart redrawn each epoch:
 *
 *   const status = nn.display(nn.table(...), { displayId: true });
 *   status.update(nn.table(...));
 */
export function display(value: Displayable | MimeBundle, options: DisplayOptions = {}): DisplayHandle {
  const displayId = options.displayId === true ? `nn-display-${process.pid}-${++displayCounter}` : options.displayId;
  send(value, displayId, false);
  return {
    displayId,
    update: (next) => {
      if (displayId === undefined) throw new Error("display(): pass { displayId } to update an output later");
      send(next, displayId, true);
    },
  };
}

/** Clears the running cell's output; with `wait`, only when new output arrives (no flicker). */
export function clearOutput(options: { wait?: boolean } = {}): void {
  kernelHook()?.clearOutput(options);
}

/**
 * Asks the learner for a line of text below the running cell, like Python's `input()`:
 *   const name = await nn.input("Your name? ");
 * In a frontend without stdin (nbconvert, grading) it rejects with StdinNotImplementedError.
 */
export function input(prompt = "", options: { password?: boolean } = {}): Promise<string> {
  const kernel = kernelHook();
  if (kernel) return kernel.input(prompt, options);
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  return new Promise((resolve) => rl.question(prompt, (answer) => (rl.close(), resolve(answer))));
}
