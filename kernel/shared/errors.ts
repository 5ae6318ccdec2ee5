/** Jupyter `error` content, and the IPython-style source excerpt both kinds of error show. */

export interface ErrorContent {
  ename: string;
  evalue: string;
  traceback: string[];
}

/**
 * The offending line with a caret under the column, as IPython shows it:
 *   ----> 4     throw new RangeError(…)
 *                     ^^^
 * `line` and `column` are zero-based.
 */
export function excerpt(lines: readonly string[], line: number, column: number, width = 1): string[] {
  const text = lines[line];
  if (text === undefined) return [];
  const prefix = `----> ${line + 1} `;
  const carets = Math.min(Math.max(1, width), Math.max(1, text.length - column));
  return [`${prefix}${text}`, `${" ".repeat(prefix.length + column)}${"^".repeat(carets)}`];
}

/** The KeyboardInterrupt error a stopped cell reports. */
export function keyboardInterrupt(message = "the cell was interrupted"): ErrorContent {
  return { ename: "KeyboardInterrupt", evalue: message, traceback: [`KeyboardInterrupt: ${message}`] };
}
