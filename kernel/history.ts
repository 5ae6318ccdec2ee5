/**
 * The session's input history for `history_request`, with IPython's semantics for the three access
 * types (IPython/core/history.py): `tail` (last n), `range` (a session's lines start <= line < stop),
 * `search` (glob over the input, optionally the last n matches and unique inputs only).
 * History lives in memory: this session is number 1; session 0 and negative numbers also mean
 * the current session, as in IPython.
 */

export const SESSION = 1;

interface Entry {
  line: number;
  input: string;
  output: string | null;
}

export type HistoryItem = [number, number, string] | [number, number, [string, string | null]];

export interface HistoryRequest {
  hist_access_type?: string;
  output?: boolean;
  session?: number;
  start?: number;
  stop?: number | null;
  n?: number | null;
  pattern?: string;
  unique?: boolean;
}

export class History {
  private readonly entries: Entry[] = [];

  /** `line` is the execution count of the input. */
  add(line: number, input: string): void {
    this.entries.push({ line, input, output: null });
  }

  /** Records the text/plain of the line's result (IPython's output history). */
  setOutput(line: number, output: string): void {
    for (let i = this.entries.length - 1; i >= 0; i--) {
      if (this.entries[i].line === line) {
        this.entries[i].output = output;
        return;
      }
    }
  }

  query(request: HistoryRequest): HistoryItem[] {
    const output = request.output === true;
    let found: Entry[] = [];
    switch (request.hist_access_type) {
      case "tail":
        found = lastN(this.entries, request.n ?? 10);
        break;
      case "range": {
        const session = request.session ?? 0;
        if (session !== SESSION && session > 0) break;
        const start = request.start ?? 0;
        const stop = request.stop ?? Infinity;
        found = this.entries.filter((e) => e.line >= start && (!stop || e.line < stop));
        break;
      }
      case "search": {
        const pattern = globToRegExp(request.pattern ?? "*");
        found = this.entries.filter((e) => pattern.test(e.input));
        if (request.unique) {
          // The latest occurrence of each distinct input.
          const latest = new Map(found.map((e) => [e.input, e]));
          found = found.filter((e) => latest.get(e.input) === e);
        }
        if (request.n !== undefined && request.n !== null) found = lastN(found, request.n);
        break;
      }
      default:
        found = [];
    }
    return found.map((e): HistoryItem => (output ? [SESSION, e.line, [e.input, e.output]] : [SESSION, e.line, e.input]));
  }
}

function lastN(entries: Entry[], n: number): Entry[] {
  return n > 0 ? entries.slice(-n) : [];
}

/**
 * SQLite GLOB semantics, as IPython searches: `*`, `?`, `[...]` (`[^...]` negates), case-sensitive,
 * matching the whole input.
 */
export function globToRegExp(glob: string): RegExp {
  let source = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === "*") source += "[\\s\\S]*";
    else if (c === "?") source += "[\\s\\S]";
    else if (c === "[") {
      const close = glob.indexOf("]", i + 2);
      if (close < 0) {
        source += "\\[";
        continue;
      }
      let set = glob.slice(i + 1, close);
      const negate = set.startsWith("^");
      if (negate) set = set.slice(1);
      source += `[${negate ? "^" : ""}${set.replace(/[\\\]]/g, "\\$&")}]`;
      i = close;
    } else source += c.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  }
  return new RegExp(`^${source}$`);
}
