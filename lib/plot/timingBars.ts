/** Timing bars: run times as horizontal bars (for-loop vs vectorized). */
import type { TopLevelSpec } from "vega-lite";
import { formatMs } from "../display/format";
import { base, DEFAULT_WIDTH, SERIES_COLORS, type ChartOptions } from "./common";

export type TimingEntries = { label: string; ms: number }[] | Record<string, number>;

export interface TimingBarsOptions extends ChartOptions {
  /** log scale for time, when the bars differ by orders of magnitude (loop vs vectorized) */
  logScale?: boolean;
}

/** Horizontal bars of run times in milliseconds, labelled with their values, in the given order. */
export function timingBarsSpec(entries: TimingEntries, options: TimingBarsOptions = {}): TopLevelSpec {
  const caller = "timingBarsSpec";
  const list = Array.isArray(entries) ? entries : Object.entries(entries).map(([label, ms]) => ({ label, ms }));
  if (list.length === 0) throw new Error(`${caller}: no timings to plot`);
  const bad = list.find((e) => typeof e?.label !== "string" || !Number.isFinite(e.ms) || e.ms < 0 || (options.logScale && e.ms <= 0));
  if (bad) throw new Error(`${caller}: timing ${JSON.stringify(bad)} is not a label with a ${options.logScale ? "positive" : "non-negative"} time in ms`);
  const max = Math.max(...list.map((e) => e.ms));
  const min = Math.min(...list.map((e) => e.ms));
  // Room on the right for the value labels; on a log scale whole decades, labelled 0.1, 1, 10 ...
  const low = options.logScale ? Math.floor(Math.log10(min)) : 0;
  const high = options.logScale ? Math.ceil(Math.log10(max * 4)) : 0;
  const domain = options.logScale ? [10 ** low, 10 ** high] : [0, max * 1.25 || 1];
  const rows = list.map((e) => ({ label: e.label, ms: e.ms, text: formatMs(e.ms), base: domain[0] }));
  const labels = rows.map((r) => r.label);
  const x = {
    field: "ms",
    type: "quantitative" as const,
    title: options.xTitle ?? `time (ms${options.logScale ? ", log scale" : ""})`,
    scale: options.logScale ? { type: "log" as const, domain } : { domain, nice: false },
    ...(options.logScale ? { axis: { values: Array.from({ length: high - low + 1 }, (_, i) => 10 ** (low + i)), format: "~g" } } : {}),
  };
  const y = { field: "label", type: "nominal" as const, title: options.yTitle ?? null, sort: labels, axis: { labelLimit: 260 } };
  return {
    ...base(options, `timings: ${rows.map((r) => `${r.label} ${r.text}`).join(", ")}`),
    width: options.width ?? DEFAULT_WIDTH,
    height: options.height ?? Math.max(60, 34 * rows.length),
    data: { values: rows },
    layer: [
      // Bars start at the axis' left end (a log scale has no zero).
      { mark: { type: "bar", color: SERIES_COLORS[0], height: { band: 0.7 }, tooltip: true }, encoding: { x, x2: { field: "base" }, y } },
      { mark: { type: "text", align: "left", dx: 5, fontSize: 12, color: "#222" }, encoding: { x, y, text: { field: "text" } } },
    ],
  };
}
