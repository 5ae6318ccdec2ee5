// @ts-check
/**
 * The session's input history for `history_request`, with IPython's semantics for the three access
 * types (IPython/core/history.py): `tail` (last n), `range` (a session's lines start <= line < stop),
 * `search` (glob over the input, optionally the last n matches and unique inputs only).
 * History lives in memory: this session is number 1; session 0 and negative numbers also mean
 * the current session, as in IPython.
 */
"use strict";

const SESSION = 1;

/**
 * @typedef {{ line: number, input: string, output: string | null }} Entry
 * @typedef {[number, number, string] | [number, number, [string, string | null]]} HistoryItem
 * @typedef {{ hist_access_type?: string, output?: boolean, session?: number, start?: number, stop?: number | null,
 *   n?: number | null, pattern?: string, unique?: boolean }} HistoryRequest
 */

class History {
  constructor() {
    /** @type {Entry[]} */
    this.entries = [];
  }

  /**
   * @param {number} line the execution count of the input
   * @param {string} input
   */
  add(line, input) {
    this.entries.push({ line, input, output: null });
  }

  /**
   * Records the text/plain of the line's result (IPython's output history).
   * @param {number} line
   * @param {string} output
   */
  setOutput(line, output) {
    const entry = this.entries.findLast((e) => e.line === line);
    if (entry) entry.output = output;
  }

  /**
   * @param {HistoryRequest} request
   * @returns {HistoryItem[]}
   */
  query(request) {
    const output = request.output === true;
    /** @type {Entry[]} */
    let found = [];
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
    return found.map((e) => (output ? [SESSION, e.line, [e.input, e.output]] : [SESSION, e.line, e.input]));
  }
}

/**
 * @param {Entry[]} entries
 * @param {number} n
 */
function lastN(entries, n) {
  return n > 0 ? entries.slice(-n) : [];
}

/**
 * SQLite GLOB semantics, as IPython searches: `*`, `?`, `[...]` (`[^...]` negates), case-sensitive,
 * matching the whole input.
 * @param {string} glob
 */
function globToRegExp(glob) {
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

module.exports = { History, globToRegExp, SESSION };
