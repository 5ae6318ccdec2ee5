/**
 * Rich display, the IPython way: an object that can show itself implements
 * `_repr_mimebundle_()`. The course kernel sends that bundle as the cell's `execute_result`
 * when the object is a cell's last expression; `display(obj)` sends it as `display_data`.
 * Outside a kernel (scripts, tests) `display` prints the bundle's text/plain.
 */
export interface MimeBundle {
  /** mime type -> content: strings, or JSON values for `application/*+json` types. */
  data: Record<string, unknown> & { "text/plain": string };
  metadata?: Record<string, unknown>;
}

export interface Displayable {
  _repr_mimebundle_(): MimeBundle;
}

export function isDisplayable(value: unknown): value is Displayable {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as Partial<Displayable>)._repr_mimebundle_ === "function"
  );
}

type WriteDisplayData = (
  msg: { data: Record<string, unknown>; metadata: Record<string, unknown>; transient: { display_id?: string } },
  update: boolean,
) => void;

/** tslab's hook for the running cell's display_data; null outside a kernel or between cells. */
function kernelWriter(): WriteDisplayData | null {
  try {
    // The kernel and this module load the same tslab (this project's node_modules), so they
    // share its state.
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const jupyter = require("tslab/dist/jupyter") as { lastWriteDisplayData: WriteDisplayData | null };
    return jupyter.lastWriteDisplayData;
  } catch {
    return null;
  }
}

/** Shows `value` below the running cell: one display_data output carrying every mime type. */
export function display(value: Displayable | MimeBundle): void {
  const bundle = isDisplayable(value) ? value._repr_mimebundle_() : value;
  const write = kernelWriter();
  if (write) {
    write({ data: bundle.data, metadata: bundle.metadata ?? {}, transient: {} }, false);
  } else {
    console.log(bundle.data["text/plain"]);
  }
}
