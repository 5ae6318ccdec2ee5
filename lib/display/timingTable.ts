/**
 * Timings as a table: rows of medians with their ratio to a baseline row, shown as text and HTML
 * in a notebook (the vectorization lessons) and printed by `npm run bench`.
 */
import type { Displayable, MimeBundle } from "./mimebundle";
import { escapeHtml, formatMs } from "./format";

/** One measured way of computing something. */
export interface TimingRow {
  label: string;
  /** Median of the timed runs, milliseconds. */
  medianMs: number;
  samplesMs: number[];
  /** What was computed (the dot product's value, the final cost …), to check the ways agree. */
  value?: number;
  /** How it was measured, when that needs saying (e.g. extrapolated from fewer iterations). */
  note?: string;
}

/** Rows of timings that display as a table (text and HTML), fastest last in ratio terms against `baseline`. */
export class TimingTable implements Displayable {
  constructor(
    readonly title: string,
    readonly rows: TimingRow[],
    /** Label of the row the others are compared to (ratio column); default the first row. */
    readonly baseline: string = rows[0]?.label ?? "",
  ) {}

  /** The rows as {label, ms} for nn.plotTimings. */
  get entries(): { label: string; ms: number }[] {
    return this.rows.map((r) => ({ label: r.label, ms: r.medianMs }));
  }

  private ratio(row: TimingRow): number {
    const base = this.rows.find((r) => r.label === this.baseline);
    return base ? row.medianMs / base.medianMs : NaN;
  }

  toString(): string {
    const width = Math.max(...this.rows.map((r) => r.label.length), 5);
    const lines = this.rows.map(
      (r) =>
        `${r.label.padEnd(width)}  ${formatMs(r.medianMs).padStart(10)}  ${formatRatio(this.ratio(r)).padStart(8)}` +
        (r.value !== undefined ? `  ${String(r.value)}` : "") +
        (r.note ? `  (${r.note})` : ""),
    );
    return [`${this.title} — median of runs; ratio to ${this.baseline}`, `${"".padEnd(width)}  ${"median".padStart(10)}  ${"ratio".padStart(8)}`, ...lines].join("\n");
  }

  _repr_mimebundle_(): MimeBundle {
    const body = this.rows
      .map(
        (r) =>
          `<tr><td style="text-align:left">${escapeHtml(r.label)}</td><td>${formatMs(r.medianMs)}</td><td>${formatRatio(this.ratio(r))}</td>` +
          `<td>${r.value !== undefined ? escapeHtml(String(r.value)) : ""}</td><td style="text-align:left">${escapeHtml(r.note ?? "")}</td></tr>`,
      )
      .join("");
    const html =
      `<table><caption style="text-align:left">${escapeHtml(this.title)} — median of runs; ratio to ${escapeHtml(this.baseline)}</caption>` +
      `<thead><tr><th style="text-align:left">way</th><th>median</th><th>ratio</th><th>value</th><th></th></tr></thead><tbody>${body}</tbody></table>`;
    return { data: { "text/plain": this.toString(), "text/html": html } };
  }
}

const formatRatio = (r: number) => (Number.isFinite(r) ? `${r >= 10 ? r.toFixed(0) : r.toPrecision(2)}×` : "");
