/**
 * What a notebook cell declares at top level and which outside names it uses, from TypeScript's
 * syntax tree (no type checker: fast, and it works on cells with errors elsewhere).
 *
 * The grader uses this to pick the cells an exercise depends on: a cell runs only when it declares
 * a name the exercise (or another chosen cell) uses. The scope walk errs on the side of calling a
 * name "used from outside" — an extra dependency cell is harmless, a missing one is a false failure.
 */
import ts from "typescript";
import { bindingNames, isNonReference as isNonReferenceInKernel } from "../kernel/compiler/scope";

export function parseCell(source: string, fileName = "cell.ts"): ts.SourceFile {
  return ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
}

/** Names a statement declares in the scope it sits in (block-level view). */
function statementDeclarations(statement: ts.Statement, into: Set<string>): void {
  if (
    (ts.isFunctionDeclaration(statement) ||
      ts.isClassDeclaration(statement) ||
      ts.isInterfaceDeclaration(statement) ||
      ts.isTypeAliasDeclaration(statement) ||
      ts.isEnumDeclaration(statement)) &&
    statement.name
  ) {
    into.add(statement.name.text);
  } else if (ts.isModuleDeclaration(statement) && ts.isIdentifier(statement.name)) {
    into.add(statement.name.text);
  } else if (ts.isVariableStatement(statement)) {
    for (const declaration of statement.declarationList.declarations) bindingNames(declaration.name, into);
  } else if (ts.isImportDeclaration(statement) && statement.importClause) {
    const clause = statement.importClause;
    if (clause.name) into.add(clause.name.text);
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) into.add(bindings.name.text);
    if (bindings && ts.isNamedImports(bindings)) for (const el of bindings.elements) into.add(el.name.text);
  } else if (ts.isImportEqualsDeclaration(statement)) {
    into.add(statement.name.text);
  }
}

/** The names a cell declares at top level (what later cells can use), in source order. */
export function topLevelDeclarations(sourceFile: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const statement of sourceFile.statements) statementDeclarations(statement, names);
  return names;
}

/** Names already exported by the cell itself (`export function f`, `export { a }`). */
export function exportedNames(sourceFile: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const statement of sourceFile.statements) {
    const modifiers = ts.canHaveModifiers(statement) ? ts.getModifiers(statement) : undefined;
    if (modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) statementDeclarations(statement, names);
    if (ts.isExportDeclaration(statement) && !statement.moduleSpecifier && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const el of statement.exportClause.elements) names.add(el.name.text);
    }
  }
  return names;
}

/** `var` declarations hoist to the enclosing function: collect them, not entering nested functions. */
function hoistedVars(node: ts.Node, into: Set<string>): void {
  ts.forEachChild(node, (child) => {
    if (ts.isFunctionLike(child) || ts.isClassLike(child)) return;
    if (ts.isVariableDeclarationList(child) && !(child.flags & ts.NodeFlags.BlockScoped)) {
      for (const declaration of child.declarations) bindingNames(declaration.name, into);
    }
    hoistedVars(child, into);
  });
}

/**
 * True when an identifier is a name being declared or a property name, not a use of a variable: the
 * kernel's rule (kernel/compiler/scope.ts), except that `export { a }` uses a (for the kernel, which
 * rewrites uses, an export specifier is never one).
 */
function isNonReference(id: ts.Identifier): boolean {
  const parent = id.parent;
  if (parent && ts.isExportSpecifier(parent)) return parent.propertyName !== undefined && parent.name === id;
  return isNonReferenceInKernel(id);
}

/**
 * How a cell uses an outside name: "eager" when some use runs while the cell runs (top-level code),
 * "deferred" when every use sits in a function body, a default parameter or a class member, which
 * run later — when the notebook is graded, after every cell has run.
 */
export type Use = "eager" | "deferred";

/**
 * The names a cell uses without declaring them in an enclosing scope of its own: the names it needs
 * from other cells (or from the global object — the caller filters those out by only matching
 * names some other cell declares), each with how it is used.
 */
export function freeNames(sourceFile: ts.SourceFile): Map<string, Use> {
  const free = new Map<string, Use>();
  let deferred = 0;
  const scopes: Set<string>[] = [];
  const declared = (name: string) => scopes.some((scope) => scope.has(name));

  const blockScope = (statements: readonly ts.Statement[]): Set<string> => {
    const names = new Set<string>();
    for (const statement of statements) statementDeclarations(statement, names);
    return names;
  };

  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) {
      if (!isNonReference(node) && !declared(node.text)) free.set(node.text, deferred > 0 && free.get(node.text) !== "eager" ? "deferred" : "eager");
      return;
    }
    // Code in these runs when it is called or constructed, not when the cell runs.
    const defers = ts.isFunctionLike(node) || ts.isPropertyDeclaration(node) || ts.isClassStaticBlockDeclaration(node);
    let scope: Set<string> | undefined;
    if (ts.isSourceFile(node) || ts.isBlock(node) || ts.isModuleBlock(node)) {
      scope = blockScope(node.statements);
      if (ts.isSourceFile(node)) hoistedVars(node, scope);
    } else if (ts.isCaseBlock(node)) {
      scope = blockScope(node.clauses.flatMap((clause) => [...clause.statements]));
    } else if (ts.isFunctionLike(node)) {
      scope = new Set<string>();
      for (const parameter of node.parameters) bindingNames(parameter.name, scope);
      for (const typeParameter of node.typeParameters ?? []) scope.add(typeParameter.name.text);
      if ((ts.isFunctionExpression(node) || ts.isFunctionDeclaration(node)) && node.name) scope.add(node.name.text);
      const body = (node as ts.FunctionLikeDeclaration).body;
      if (body) hoistedVars(body, scope);
    } else if (ts.isClassLike(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) {
      scope = new Set<string>();
      for (const typeParameter of node.typeParameters ?? []) scope.add(typeParameter.name.text);
      if (ts.isClassExpression(node) && node.name) scope.add(node.name.text);
    } else if (ts.isForStatement(node) || ts.isForInStatement(node) || ts.isForOfStatement(node)) {
      scope = new Set<string>();
      const init = ts.isForStatement(node) ? node.initializer : node.initializer;
      if (init && ts.isVariableDeclarationList(init)) for (const d of init.declarations) bindingNames(d.name, scope);
    } else if (ts.isCatchClause(node)) {
      scope = new Set<string>();
      if (node.variableDeclaration) bindingNames(node.variableDeclaration.name, scope);
    } else if (ts.isMappedTypeNode(node)) {
      scope = new Set([node.typeParameter.name.text]);
    } else if (ts.isConditionalTypeNode(node)) {
      // `infer U` declares U for the true branch; treating it as declared everywhere is close enough.
      scope = new Set<string>();
      const collectInfer = (n: ts.Node): void => {
        if (ts.isInferTypeNode(n)) scope!.add(n.typeParameter.name.text);
        ts.forEachChild(n, collectInfer);
      };
      collectInfer(node.extendsType);
    }
    if (scope) scopes.push(scope);
    if (defers) deferred++;
    ts.forEachChild(node, visit);
    if (defers) deferred--;
    if (scope) scopes.pop();
  };
  visit(sourceFile);
  return free;
}

/** The top-level function declaration whose body contains `line` (0-based), if any. */
export function enclosingFunctionName(sourceFile: ts.SourceFile, line: number): string | undefined {
  for (const statement of sourceFile.statements) {
    if (!ts.isFunctionDeclaration(statement) || !statement.name || !statement.body) continue;
    const start = sourceFile.getLineAndCharacterOfPosition(statement.body.getStart(sourceFile)).line;
    const end = sourceFile.getLineAndCharacterOfPosition(statement.body.getEnd()).line;
    if (line >= start && line <= end) return statement.name.text;
  }
  return undefined;
}
