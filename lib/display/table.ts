/**
 * danfo DataFrames and Series as notebook tables: text/html (an escaped <table>) plus aligned
 * text/plain. danfo's own print() writes plain text to stdout only.
 */
import type * as Danfo from "danfojs-node";
import { escapeHtml } from "./format";
import type { Displayable, MimeBundle } from "./mimebundle";
import * as message from "../messages";

export interface TableOptions {
  /** longest table shown in full; longer ones show their first and last rows (default 20) */
  maxRows?: number;
  /** significant digits of non-integer numbers (default 6) */
  precision?: number;
  /** a line above the table */
  caption?: string;
}

type Cell = string | number | boolean | null | undefined;

function formatCell(value: Cell, precision: number): string {
  if (typeof value === "number") {
    if (Number.isInteger(value) || !Number.isFinite(value)) return String(value);
    return String(Number(value.toPrecision(precision)));
  }
  if (value === null || value === undefined) return "";
  return String(value);
}

export class Table implements Displayable {
  readonly columns: string[];
  readonly index: string[];
  readonly rows: string[][];
  readonly shape: [number, number];
  readonly caption?: string;
  private readonly maxRows: number;

  constructor(frame: Danfo.DataFrame | Danfo.Series, options: TableOptions = {}) {
    const isFrame = typeof frame === "object" && frame !== null && (frame as Danfo.NDframe).ndim === 2;
    const isSeries = typeof frame === "object" && frame !== null && (frame as Danfo.NDframe).ndim === 1;
    if (!isFrame && !isSeries) throw new Error("table: expected a danfo DataFrame or Series");
    const precision = options.precision ?? 6;
    this.maxRows = options.maxRows ?? 20;
    if (!Number.isInteger(this.maxRows) || this.maxRows < 2) throw new Error(message.mustBe("table", "maxRows", "a whole number ≥ 2", String(this.maxRows)));
    const values = frame.values as Cell[] | Cell[][];
    const rows = isFrame ? (values as Cell[][]) : (values as Cell[]).map((v) => [v]);
    this.columns = frame.columns.map(String);
    this.index = frame.index.map(String);
    this.rows = rows.map((row) => row.map((v) => formatCell(v, precision)));
    this.shape = [this.rows.length, this.columns.length];
    this.caption = options.caption;
  }

  /** the rows to show: all, or the first and last halves of maxRows with a gap marker (null) */
  private visibleRows(): (number | null)[] {
    const n = this.rows.length;
    if (n <= this.maxRows) return Array.from({ length: n }, (_, i) => i);
    const head = Math.ceil(this.maxRows / 2);
    const tail = this.maxRows - head;
    return [...Array.from({ length: head }, (_, i) => i), null, ...Array.from({ length: tail }, (_, i) => n - tail + i)];
  }

  private sizeNote(): string {
    return `${this.shape[0]} rows × ${this.shape[1]} columns`;
  }

  toHtml(): string {
    const head = `<tr><th></th>${this.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("")}</tr>`;
    const body = this.visibleRows()
      .map((i) =>
        i === null
          ? `<tr><th>…</th>${this.columns.map(() => "<td>…</td>").join("")}</tr>`
          : `<tr><th>${escapeHtml(this.index[i])}</th>${this.rows[i].map((v) => `<td>${escapeHtml(v)}</td>`).join("")}</tr>`,
      )
      .join("\n");
    const caption = this.caption ? `<caption>${escapeHtml(this.caption)}</caption>` : "";
    const note = this.shape[0] > this.maxRows ? `\n<p>${this.sizeNote()}</p>` : "";
    return `<table class="dataframe">${caption}\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table>${note}`;
  }

  toString(): string {
    const visible = this.visibleRows();
    const lines: string[][] = [["", ...this.columns]];
    for (const i of visible) lines.push(i === null ? ["…", ...this.columns.map(() => "…")] : [this.index[i], ...this.rows[i]]);
    const widths = lines[0].map((_, c) => Math.max(...lines.map((l) => [...l[c]].length)));
    const isNumeric = (c: number) => c > 0 && this.rows.every((r) => r[c - 1] === "" || !Number.isNaN(Number(r[c - 1])));
    const text = lines.map((l) =>
      l
        .map((cell, c) => (isNumeric(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
        .join("  ")
        .trimEnd(),
    );
    if (this.caption) text.unshift(this.caption);
    if (this.shape[0] > this.maxRows) text.push(`[${this.sizeNote()}]`);
    return text.join("\n");
  }

  /** console.log and plain REPLs print the one-line description, not the whole object. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }

  _repr_mimebundle_(): MimeBundle {
    return { data: { "text/html": this.toHtml(), "text/plain": this.toString() } };
  }
}

/** A danfo DataFrame or Series as a displayable table (HTML in the notebook, aligned text elsewhere). */
export function table(frame: Danfo.DataFrame | Danfo.Series, options: TableOptions = {}): Table {
  return new Table(frame, options);
}
