// @ts-check
/**
 * `is_complete_request` for TypeScript cells, the way consoles use it: "incomplete" when more lines
 * could finish the code (an open brace, bracket, call, template literal, comment, a dangling
 * operator), "invalid" when no continuation can (a syntax error before the end), else "complete".
 */
"use strict";
const { ts } = require("./typescript");

/** Unterminated literals that cannot continue on the next line. */
const SINGLE_LINE_LITERAL_ERRORS = new Set([
  1002, // Unterminated string literal.
  1161, // Unterminated regular expression literal.
]);

/**
 * @param {string} code
 * @returns {{ status: "complete" | "incomplete" | "invalid", indent?: string }}
 */
function isComplete(code) {
  if (code.trim() === "") return { status: "complete" };
  // tslab compiles cells as .ts (JSX only with a `/** @jsx */` tag), so `<T>x` casts are valid here.
  const kind = /@jsx\b/.test(code) ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const file = ts.createSourceFile("cell.ts", code, ts.ScriptTarget.Latest, false, kind);
  const diagnostics = /** @type {{ parseDiagnostics: readonly import("@tslab/typescript-for-tslab").DiagnosticWithLocation[] }} */ (
    /** @type {unknown} */ (file)
  ).parseDiagnostics;
  if (diagnostics.length === 0) return { status: "complete" };
  const waitsForMore = diagnostics.every((d) => !SINGLE_LINE_LITERAL_ERRORS.has(d.code) && onlyTriviaFrom(code, d.start));
  // A blank last line ends the input, as in IPython's console: run it and show the error.
  if (!waitsForMore || endsWithBlankLine(code)) return { status: "invalid" };
  return { status: "incomplete", indent: nextIndent(code) };
}

/**
 * Whether only whitespace and comments follow `pos` (an unterminated block comment counts).
 * @param {string} code
 * @param {number} pos
 */
function onlyTriviaFrom(code, pos) {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, code, undefined, pos);
  return scanner.scan() === ts.SyntaxKind.EndOfFileToken;
}

/** @param {string} code */
function endsWithBlankLine(code) {
  return /\n[ \t]*\n[ \t]*$/.test(code);
}

/**
 * Indentation for the next line: the last line's, one level deeper after an opening bracket.
 * @param {string} code
 */
function nextIndent(code) {
  const lastLine = /** @type {string} */ (code.split("\n").pop());
  const current = /** @type {RegExpMatchArray} */ (lastLine.match(/^[ \t]*/))[0];
  const withoutComment = lastLine.replace(/\/\/.*$/, "").trimEnd();
  return /[{([]$/.test(withoutComment) || /=>$/.test(withoutComment) ? current + "  " : current;
}

module.exports = { isComplete };
