/**
 * How the kit writes times and text out: one formatMs for timing tables, timing charts and
 * `npm run bench`, one escapeHtml for every HTML it builds (tables, timing tables, the grader's
 * feedback pages). No tfjs here: the grader loads it without the backend.
 */

/** Three significant digits without exponent: 999.7 is "1000", not toPrecision's "1.00e+3". */
function threeDigits(v: number): string {
  return Math.abs(v) >= 999.5 ? v.toFixed(0) : v.toPrecision(3);
}

/** A duration in milliseconds in the unit that suits it: "12.3 µs", "1.50 ms", "480 ms", "1.23 s". */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return `${ms} ms`;
  // The unit is chosen on the rounded value: 999.7 ms is "1.00 s", 0.99996 ms is "1.00 ms".
  const rounded = Number(ms.toPrecision(3));
  if (rounded >= 1000) return `${threeDigits(ms / 1000)} s`;
  if (rounded >= 1 || ms === 0) return `${threeDigits(ms)} ms`;
  return `${threeDigits(ms * 1000)} µs`;
}

const HTML_ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text made safe inside HTML elements and quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]);
}
