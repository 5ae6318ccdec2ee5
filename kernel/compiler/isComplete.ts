/**
 * `is_complete_request` for TypeScript cells, the way consoles use it: "incomplete" when more lines
 * could finish the code (an open brace, bracket, call, template literal, comment, a dangling
 * operator), "invalid" when no continuation can (a syntax error before the end), else "complete".
 */
import ts from "typescript";

export interface CompleteStatus {
  status: "complete" | "incomplete" | "invalid";
  indent?: string;
}

/** Unterminated literals that cannot continue on the next line. */
const SINGLE_LINE_LITERAL_ERRORS = new Set([
  1002, // Unterminated string literal.
  1161, // Unterminated regular expression literal.
]);

export function isComplete(code: string): CompleteStatus {
  if (code.trim() === "") return { status: "complete" };
  // Cells compile as .ts (no JSX), so `<T>x` casts are valid here.
  const file = ts.createSourceFile("cell.ts", code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const diagnostics = (file as unknown as { parseDiagnostics: readonly ts.DiagnosticWithLocation[] }).parseDiagnostics;
  if (diagnostics.length === 0) return { status: "complete" };
  const waitsForMore = diagnostics.every((d) => !SINGLE_LINE_LITERAL_ERRORS.has(d.code) && onlyTriviaFrom(code, d.start));
  // A blank last line ends the input, as in IPython's console: run it and show the error.
  if (!waitsForMore || /\n[ \t]*\n[ \t]*$/.test(code)) return { status: "invalid" };
  return { status: "incomplete", indent: nextIndent(code) };
}

/** Whether only whitespace and comments follow `pos` (an unterminated block comment counts). */
function onlyTriviaFrom(code: string, pos: number): boolean {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, code, undefined, pos);
  return scanner.scan() === ts.SyntaxKind.EndOfFileToken;
}

/** Indentation for the next line: the last line's, one level deeper after an opening bracket. */
function nextIndent(code: string): string {
  const lastLine = code.split("\n").pop() ?? "";
  const current = /^[ \t]*/.exec(lastLine)?.[0] ?? "";
  const withoutComment = lastLine.replace(/\/\/.*$/, "").trimEnd();
  return /[{([]$/.test(withoutComment) || /=>$/.test(withoutComment) ? current + "  " : current;
}
