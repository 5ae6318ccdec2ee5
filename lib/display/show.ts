import { display, type Displayable, type MimeBundle } from "./mimebundle";

/**
 * Shows a chart, image or table below the running cell, even when it is not the cell's last
 * expression (e.g. several charts from one cell). Same as display().
 */
export function show(value: Displayable | MimeBundle): void {
  display(value);
}
