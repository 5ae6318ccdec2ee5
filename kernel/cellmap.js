// @ts-check
/**
 * Maps positions in a cell's compiled JavaScript back to the cell's TypeScript source.
 *
 * tslab compiles a cell with TypeScript's emitter and no source map: types are erased, statements
 * reprinted, names of earlier cells prefixed with `exports.`, export bookkeeping added. The
 * compiled text keeps the source's tokens in order, so positions are recovered by aligning the two
 * token streams (longest common subsequence) and looking up the token at a stack frame's position.
 */
"use strict";
const { ts } = require("./typescript");

/**
 * @typedef {{ ids: Int32Array, lines: Int32Array, cols: Int32Array, ends: Int32Array }} Tokens
 * @typedef {{ line: number, column: number }} Position  zero-based
 */

/** Beyond this many DP cells (source tokens x compiled tokens) the alignment is skipped. */
const MAX_ALIGNMENT_CELLS = 12_000_000;

/** Tokens after which `/` is a division, not the start of a regular expression. */
const DIVISION_AFTER = new Set([
  ts.SyntaxKind.Identifier,
  ts.SyntaxKind.NumericLiteral,
  ts.SyntaxKind.BigIntLiteral,
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.TemplateTail,
  ts.SyntaxKind.RegularExpressionLiteral,
  ts.SyntaxKind.CloseParenToken,
  ts.SyntaxKind.CloseBracketToken,
  ts.SyntaxKind.CloseBraceToken,
  ts.SyntaxKind.PlusPlusToken,
  ts.SyntaxKind.MinusMinusToken,
  ts.SyntaxKind.ThisKeyword,
  ts.SyntaxKind.SuperKeyword,
  ts.SyntaxKind.TrueKeyword,
  ts.SyntaxKind.FalseKeyword,
  ts.SyntaxKind.NullKeyword,
]);

/**
 * Splits `text` into tokens (comments and whitespace skipped), rescanning template continuations
 * and regular expressions the way the parser would.
 * @param {string} text
 * @param {Map<string, number>} vocabulary token text -> id, shared by the two texts being aligned
 * @returns {Tokens}
 */
function tokenize(text, vocabulary) {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, text);
  const lineStarts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) lineStarts.push(i + 1);
  /** @type {number[]} */ const ids = [];
  /** @type {number[]} */ const lines = [];
  /** @type {number[]} */ const cols = [];
  /** @type {number[]} */ const ends = [];
  /** @type {number[]} brace depths at which a template's `${ ... }` closes */
  const templateDepths = [];
  let braceDepth = 0;
  let previous = ts.SyntaxKind.Unknown;
  let line = 0;
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.OpenBraceToken) {
      braceDepth++;
    } else if (kind === ts.SyntaxKind.CloseBraceToken) {
      if (templateDepths.length > 0 && templateDepths[templateDepths.length - 1] === braceDepth) {
        kind = scanner.reScanTemplateToken(false);
        if (kind === ts.SyntaxKind.TemplateTail) templateDepths.pop();
      } else {
        braceDepth--;
      }
    } else if (kind === ts.SyntaxKind.TemplateHead) {
      templateDepths.push(braceDepth);
    } else if (
      (kind === ts.SyntaxKind.SlashToken || kind === ts.SyntaxKind.SlashEqualsToken) &&
      !DIVISION_AFTER.has(previous)
    ) {
      kind = scanner.reScanSlashToken();
    }
    previous = kind;
    const start = scanner.getTokenPos();
    const tokenText = scanner.getTokenText();
    let id = vocabulary.get(tokenText);
    if (id === undefined) {
      id = vocabulary.size;
      vocabulary.set(tokenText, id);
    }
    while (line + 1 < lineStarts.length && lineStarts[line + 1] <= start) line++;
    ids.push(id);
    lines.push(line);
    cols.push(start - lineStarts[line]);
    ends.push(start - lineStarts[line] + tokenText.length);
  }
  return {
    ids: Int32Array.from(ids),
    lines: Int32Array.from(lines),
    cols: Int32Array.from(cols),
    ends: Int32Array.from(ends),
  };
}

/**
 * For each token of `b`, the index of the token of `a` it is aligned with, or -1.
 * Among equally long alignments this takes, for each token of `a`, its latest occurrence in `b`:
 * the compiler adds its bookkeeping (`exports.f = f;`, the module prelude) before or right after
 * the statements it comes from, so the latest occurrence is the one that ran the user's code.
 * @param {Int32Array} a
 * @param {Int32Array} b
 */
function align(a, b) {
  const n = a.length;
  const m = b.length;
  const matchOf = new Int32Array(m).fill(-1);
  if ((n + 1) * (m + 1) > MAX_ALIGNMENT_CELLS || n >= 0xffff) return matchOf;
  const width = m + 1;
  // lcs[i * width + j]: length of the longest common subsequence of a[..i) and b[..j).
  const lcs = new Uint16Array((n + 1) * width);
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      lcs[i * width + j] =
        a[i - 1] === b[j - 1]
          ? lcs[(i - 1) * width + j - 1] + 1
          : Math.max(lcs[(i - 1) * width + j], lcs[i * width + j - 1]);
    }
  }
  let i = n;
  let j = m;
  while (i > 0 && j > 0) {
    if (a[i - 1] === b[j - 1] && lcs[i * width + j] === lcs[(i - 1) * width + j - 1] + 1) {
      matchOf[j - 1] = i - 1;
      i--;
      j--;
    } else if (lcs[i * width + j - 1] >= lcs[(i - 1) * width + j]) {
      j--;
    } else {
      i--;
    }
  }
  return matchOf;
}

class CellSourceMap {
  /**
   * @param {string} source the cell as the user wrote it
   * @param {string} compiled the JavaScript that ran
   */
  constructor(source, compiled) {
    const vocabulary = new Map();
    this.source = tokenize(source, vocabulary);
    this.compiled = tokenize(compiled, vocabulary);
    this.matchOf = align(this.source.ids, this.compiled.ids);
  }

  /**
   * The source position of the compiled position, or null when no source token lines up.
   * @param {Position} at zero-based line and column in the compiled text
   * @returns {Position | null}
   */
  toSource(at) {
    const { lines, cols, ends } = this.compiled;
    // Tokens on the frame's line, and the one the frame's column falls in (or the next one).
    /** @type {number[]} */ const onLine = [];
    for (let k = 0; k < lines.length; k++) if (lines[k] === at.line) onLine.push(k);
    if (onLine.length === 0) return null;
    let hit = onLine.findIndex((k) => ends[k] > at.column);
    if (hit < 0) hit = onLine.length - 1;
    /** @type {number[]} */
    const byDistance = [];
    for (let d = 0; d < onLine.length; d++) {
      if (hit + d < onLine.length) byDistance.push(onLine[hit + d]);
      if (d > 0 && hit - d >= 0) byDistance.push(onLine[hit - d]);
    }
    for (const k of byDistance) {
      const s = this.matchOf[k];
      if (s < 0) continue;
      if (k === onLine[hit]) {
        // The frame's own token: keep the column offset inside it.
        const offset = Math.max(0, at.column - cols[k]);
        return { line: this.source.lines[s], column: this.source.cols[s] + offset };
      }
      return { line: this.source.lines[s], column: this.source.cols[s] };
    }
    return null;
  }
}

module.exports = { CellSourceMap, tokenize };
