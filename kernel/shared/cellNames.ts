/** Names the compiled cells use for the kernel's objects (see compiler/transform.ts). */

/** The store of the notebook's variables, as the cell function's first parameter. */
export const STORE = "__nn";
/** The kernel's helpers for a cell: `result`, `importStar`, `importDefault`. */
export const HELPERS = "__nnk";
