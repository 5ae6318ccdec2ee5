/**
 * The kernel section of `npm run bench`: the course kernel against IPython (ipykernel), measured
 * in the same run by bench/kernel_latency.py through jupyter_client — start-up, the first cell,
 * a lesson's import cell, per-cell round trips, and cost and memory over 1000 cells of history —
 * with the targets of the kernel's speed work, and a chart of the history curve.
 */
import * as fs from "fs";
import * as path from "path";
import { renderSvg } from "../lib/plot/chart";
import { median } from "../lib/timing";

export interface KernelMeasurement {
  kernel: string;
  startupMs: number[];
  firstCellMs: number[];
  importCellMs: number[];
  cells: { trivial: number[]; libcall: number[]; error: number[] };
  history: { latencyMs: number[]; rssMB: [number, number][] };
}

export interface KernelRow {
  what: string;
  ms?: number;
  referenceMs?: number;
  ratio?: number;
  target?: string;
  ok?: boolean;
  check?: string;
  note?: string;
}

export const KERNEL_TARGETS = {
  /** trivial and library-call cells, against IPython's numpy-call cell */
  cellRatio: 2,
  firstCellMs: 500,
  importCellMs: 1500,
  /** cell 1000 against cell 10 */
  historyDrift: 0.2,
  historyRssGrowthMB: 50,
};

/** The median of a window of the history curve, around cell `at` (1-based). */
function windowMedian(values: number[], at: number, width = 20): number {
  const start = Math.max(0, Math.min(values.length - width, at - width / 2));
  return median(values.slice(start, start + width));
}

function rssAt(history: KernelMeasurement["history"], cell: number): number {
  const found = history.rssMB.find(([k]) => k >= cell) ?? history.rssMB[history.rssMB.length - 1];
  return found[1];
}

export function kernelRows(ts: KernelMeasurement, py: KernelMeasurement): KernelRow[] {
  const t = KERNEL_TARGETS;
  const pyCall = median(py.cells.libcall);
  const rows: KernelRow[] = [];
  const pair = (what: string, tsMs: number, pyMs: number | undefined, target?: string, ok?: boolean, note?: string) => {
    if (pyMs !== undefined) rows.push({ what: `IPython: ${what}`, ms: pyMs, note: "reference" });
    rows.push({ what: `nn-basics-ts: ${what}`, ms: tsMs, referenceMs: pyMs, ratio: pyMs ? tsMs / pyMs : undefined, target, ok, note });
  };
  pair("start-up (until kernel_info)", median(ts.startupMs), median(py.startupMs), undefined, undefined, `${ts.startupMs.length} starts`);
  pair("first cell after start", median(ts.firstCellMs), median(py.firstCellMs), `≤ ${t.firstCellMs} ms`, median(ts.firstCellMs) <= t.firstCellMs);
  pair("a lesson's import cell (first cell)", median(ts.importCellMs), median(py.importCellMs), `≤ ${t.importCellMs} ms`, median(ts.importCellMs) <= t.importCellMs, "nn + await ready() / import numpy");
  rows.push({ what: "IPython: a numpy call (the reference for the next two rows)", ms: pyCall, note: `${py.cells.libcall.length} cells` });
  for (const [kind, label] of [["trivial", "trivial cell (let n = 1)"], ["libcall", "library call on a tensor"]] as const) {
    const ms = median(ts.cells[kind]);
    rows.push({ what: `nn-basics-ts: ${label}`, ms, referenceMs: pyCall, ratio: ms / pyCall, target: `≤ ${t.cellRatio}×`, ok: ms / pyCall <= t.cellRatio, note: `${ts.cells[kind].length} cells` });
  }
  pair("a cell with an error (TSError / NameError)", median(ts.cells.error), median(py.cells.error), undefined, undefined, "type check reported");
  for (const m of [py, ts]) {
    const name = m === ts ? "nn-basics-ts" : "IPython";
    const early = windowMedian(m.history.latencyMs, 10);
    const late = windowMedian(m.history.latencyMs, m.history.latencyMs.length);
    const drift = late / early - 1;
    const growth = rssAt(m.history, m.history.latencyMs.length) - rssAt(m.history, 10);
    const n = m.history.latencyMs.length;
    rows.push({
      what: `${name}: cell ${n} vs cell 10 of a session`,
      ms: late,
      referenceMs: early,
      ratio: late / early,
      // The target is "no slower than cell 10" (within noise): a faster late cell is no miss.
      target: m === ts ? `≤ +${t.historyDrift * 100} %` : undefined,
      ok: m === ts ? drift <= t.historyDrift : undefined,
      check: `${drift >= 0 ? "+" : ""}${(drift * 100).toFixed(0)} %`,
      note: "medians of 20 cells",
    });
    rows.push({
      what: `${name}: RSS growth over ${n} cells`,
      target: m === ts ? `≤ ${t.historyRssGrowthMB} MiB` : undefined,
      ok: m === ts ? growth <= t.historyRssGrowthMB : undefined,
      check: `${growth.toFixed(0)} MiB (${rssAt(m.history, 10).toFixed(0)} → ${rssAt(m.history, n).toFixed(0)} MiB)`,
    });
  }
  return rows;
}

/** Latency and RSS per cell number, both kernels: a Vega-Lite spec (two panels). */
export function historyChartSpec(measurements: KernelMeasurement[]): Record<string, unknown> {
  const name = (m: KernelMeasurement) => (m.kernel === "python3" ? "IPython (ipykernel)" : "nn-basics-ts");
  const latency = measurements.flatMap((m) => m.history.latencyMs.map((ms, i) => ({ kernel: name(m), cell: i + 1, ms })));
  const rss = measurements.flatMap((m) => m.history.rssMB.map(([cell, mb]) => ({ kernel: name(m), cell, mb })));
  const color = { field: "kernel", type: "nominal", title: null };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    title: "Cost of a cell as a session grows (each cell declares a constant and a function)",
    vconcat: [
      {
        width: 560,
        height: 180,
        data: { values: latency },
        mark: { type: "line", opacity: 0.8 },
        transform: [{ window: [{ op: "median", field: "ms", as: "median_ms" }], frame: [-10, 10], groupby: ["kernel"], sort: [{ field: "cell" }] }],
        encoding: {
          x: { field: "cell", type: "quantitative", title: "cell number" },
          y: { field: "median_ms", type: "quantitative", title: "round trip (ms, median of 21 cells)" },
          color,
        },
      },
      {
        width: 560,
        height: 140,
        data: { values: rss },
        mark: "line",
        encoding: {
          x: { field: "cell", type: "quantitative", title: "cell number" },
          y: { field: "mb", type: "quantitative", title: "kernel RSS (MiB)" },
          color,
        },
      },
    ],
  };
}

export async function writeHistoryChart(base: string, measurements: KernelMeasurement[]): Promise<string> {
  const spec = historyChartSpec(measurements);
  fs.writeFileSync(`${base}-kernel-history.vl.json`, JSON.stringify(spec, null, 1));
  fs.writeFileSync(`${base}-kernel-history.svg`, await renderSvg(spec as never));
  return path.basename(`${base}-kernel-history.svg`);
}
