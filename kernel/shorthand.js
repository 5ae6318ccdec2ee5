// @ts-check
/**
 * Fixes shorthand properties that name an earlier cell's variable: `({ w, b })`.
 *
 * tslab keeps a cell's variables on an `exports` object and rewrites later references to
 * `exports.w`, but not in shorthand properties, which compile to a bare `w`: a ReferenceError at
 * run time. This expands them in the compiled code to `w: exports.w` (also right in assignment
 * patterns, `({ w } = params)`, which then assigns the earlier variable).
 */
"use strict";
const { ts } = require("./typescript");

/**
 * @param {string} body compiled cell body
 * @param {(name: string) => boolean} isEarlierVariable whether a name is stored by an earlier cell
 * @returns {string}
 */
function expandShorthandReferences(body, isEarlierVariable) {
  if (!body.includes("{")) return body;
  const file = ts.createSourceFile("cell.js", body, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  /** @type {Set<string>} */
  const declared = new Set();
  /** @type {import("@tslab/typescript-for-tslab").ShorthandPropertyAssignment[]} */
  const shorthands = [];
  /** @param {import("@tslab/typescript-for-tslab").Node} node */
  const visit = (node) => {
    if (ts.isShorthandPropertyAssignment(node)) shorthands.push(node);
    const name = /** @type {{ name?: import("@tslab/typescript-for-tslab").Node }} */ (node).name;
    if (
      name &&
      ts.isIdentifier(name) &&
      (ts.isVariableDeclaration(node) ||
        ts.isParameter(node) ||
        ts.isBindingElement(node) ||
        ts.isFunctionDeclaration(node) ||
        ts.isFunctionExpression(node) ||
        ts.isClassDeclaration(node) ||
        ts.isClassExpression(node) ||
        ts.isImportSpecifier(node) ||
        ts.isImportClause(node) ||
        ts.isNamespaceImport(node))
    ) {
      declared.add(name.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  // A name this cell declares anywhere may be shadowed where the shorthand is: leave it alone.
  const targets = shorthands.filter((s) => !declared.has(s.name.text) && isEarlierVariable(s.name.text));
  let out = body;
  for (const s of targets.sort((x, y) => y.name.getStart(file) - x.name.getStart(file))) {
    const start = s.name.getStart(file);
    out = `${out.slice(0, start)}${s.name.text}: exports.${s.name.text}${out.slice(s.name.end)}`;
  }
  return out;
}

module.exports = { expandShorthandReferences };
