/**
 * Progress of a long grading run on stderr: on a terminal one bar that redraws itself, with the
 * rate and the time left; elsewhere (CI, a log file) one plain line per finished submission.
 */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, "0")}m`;
}

export class Progress {
  private done = 0;
  private graded = 0;
  private readonly started = Date.now();
  private readonly tty: boolean;

  constructor(
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {
    this.tty = Boolean(stream.isTTY);
  }

  /** Time left, from the pace of the submissions graded so far (skipped ones cost nothing). */
  private eta(): string {
    if (this.graded === 0) return "ETA …";
    const elapsed = Date.now() - this.started;
    return `ETA ${formatDuration((elapsed / this.graded) * (this.total - this.done))}`;
  }

  private rate(): string {
    const minutes = (Date.now() - this.started) / 60000;
    return minutes > 0 && this.graded > 0 ? `${(this.graded / minutes).toFixed(1)}/min` : "…/min";
  }

  /** One submission finished (graded now, or skipped as already graded). */
  tick(label: string, outcome: string, skipped: boolean): void {
    this.done++;
    if (!skipped) this.graded++;
    if (this.tty) {
      const width = Math.max(10, Math.min(40, (this.stream.columns ?? 80) - 70));
      const filled = Math.round((width * this.done) / this.total);
      const line = `[${"█".repeat(filled)}${"░".repeat(width - filled)}] ${this.done}/${this.total} · ${this.rate()} · ${this.eta()} · ${label} ${outcome}`;
      this.stream.write(`\r\x1b[2K${line.slice(0, (this.stream.columns ?? 120) - 1)}`);
      if (this.done === this.total) this.stream.write("\n");
    } else {
      this.stream.write(`[${this.done}/${this.total}] ${label}: ${outcome}${skipped ? "" : ` · ${this.eta()}`}\n`);
    }
  }
}
