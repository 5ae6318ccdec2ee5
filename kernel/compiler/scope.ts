/**
 * Which identifiers of a cell name the notebook's variables.
 *
 * A cell's top-level names live in one store shared by all cells (IPython's user namespace), so a
 * function declared in one cell sees the value a later cell assigns, as Python globals do. The
 * cell transform (transform.ts) rewrites every use of such a name to a property of the store. This
 * is the syntax-only scope walk behind it: an identifier names a notebook variable when no scope of
 * the cell between it and the top level declares it, and the cell (at top level) or an earlier
 * cell declares it. Everything else — locals, parameters, globals such as `Math` — is left alone.
 */
import ts from "typescript";

/** Names a binding pattern (or identifier) declares. */
export function bindingNames(name: ts.BindingName, into: Set<string>): void {
  if (ts.isIdentifier(name)) {
    into.add(name.text);
    return;
  }
  for (const element of name.elements) {
    if (ts.isBindingElement(element)) bindingNames(element.name, into);
  }
}

export function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node)?.some((m) => m.kind === kind) ?? false);
}

/** A declaration that exists only for the type checker (`declare …`, interfaces, types). */
export function isAmbient(statement: ts.Statement): boolean {
  return hasModifier(statement, ts.SyntaxKind.DeclareKeyword) || ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement);
}

/** An `import` whose every binding is type-only. */
export function isTypeOnlyImport(statement: ts.ImportDeclaration): boolean {
  const clause = statement.importClause;
  if (!clause) return false;
  if (clause.isTypeOnly) return true;
  const bindings = clause.namedBindings;
  return !clause.name && bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly);
}

/** Value names one statement declares in the block it sits in (var declarations excluded: see hoistedVars). */
function blockDeclarations(statement: ts.Statement, into: Set<string>): void {
  if (isAmbient(statement)) return;
  if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) && statement.name) {
    into.add(statement.name.text);
  } else if (ts.isModuleDeclaration(statement) && ts.isIdentifier(statement.name)) {
    into.add(statement.name.text);
  } else if (ts.isVariableStatement(statement) && statement.declarationList.flags & ts.NodeFlags.BlockScoped) {
    for (const declaration of statement.declarationList.declarations) bindingNames(declaration.name, into);
  } else if (ts.isImportDeclaration(statement) && statement.importClause && !isTypeOnlyImport(statement)) {
    const clause = statement.importClause;
    if (clause.name) into.add(clause.name.text);
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) into.add(bindings.name.text);
    if (bindings && ts.isNamedImports(bindings)) for (const el of bindings.elements) if (!el.isTypeOnly) into.add(el.name.text);
  } else if (ts.isImportEqualsDeclaration(statement) && !statement.isTypeOnly) {
    into.add(statement.name.text);
  }
}

/** `var` declarations hoisted to the function (or cell) whose body `node` is, not entering nested functions. */
function hoistedVars(node: ts.Node, into: Set<string>): void {
  ts.forEachChild(node, (child) => {
    if (ts.isFunctionLike(child) || ts.isClassLike(child) || ts.isTypeNode(child)) return;
    if (ts.isVariableDeclarationList(child) && !(child.flags & ts.NodeFlags.BlockScoped)) {
      if (!(ts.isVariableStatement(child.parent) && hasModifier(child.parent, ts.SyntaxKind.DeclareKeyword))) {
        for (const declaration of child.declarations) bindingNames(declaration.name, into);
      }
    }
    hoistedVars(child, into);
  });
}

/** The value names a cell declares at its top level: what later cells can use. */
export function topLevelNames(sourceFile: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const statement of sourceFile.statements) blockDeclarations(statement, names);
  hoistedVars(sourceFile, names);
  return names;
}

/**
 * An identifier that names, declares or labels something rather than reading a variable (the
 * grader's dependency walk, grading/analyze.ts, shares it).
 */
export function isNonReference(id: ts.Identifier): boolean {
  const parent = id.parent;
  if (!parent) return false;
  if (ts.isPropertyAccessExpression(parent)) return parent.name === id;
  if (ts.isQualifiedName(parent)) return parent.right === id;
  if (ts.isBindingElement(parent)) return parent.propertyName === id || parent.name === id;
  if (ts.isImportSpecifier(parent) || ts.isExportSpecifier(parent) || ts.isImportClause(parent) || ts.isNamespaceImport(parent)) return true;
  if (ts.isLabeledStatement(parent) || ts.isBreakOrContinueStatement(parent) || ts.isMetaProperty(parent)) return true;
  if (ts.isShorthandPropertyAssignment(parent)) return false;
  // Declarations and members: the identifier in their `name` slot declares or labels.
  return (parent as { name?: ts.Node }).name === id;
}

export interface CellScope {
  /** Value names declared at the cell's top level. */
  topLevel: Set<string>;
  /** Identifiers (and shorthand properties) that read or write a notebook variable. */
  references: Set<ts.Identifier>;
}

/**
 * Finds the identifiers of `sourceFile` that name notebook variables: names the cell declares at
 * top level, or `sessionNames` (declared by earlier cells), where no enclosing scope of the cell
 * shadows them. Type positions are skipped: types are erased and never read the store.
 */
export function analyzeCell(sourceFile: ts.SourceFile, sessionNames: ReadonlySet<string>): CellScope {
  const topLevel = topLevelNames(sourceFile);
  const references = new Set<ts.Identifier>();
  const scopes: Set<string>[] = [];
  const isShadowed = (name: string): boolean => scopes.some((scope) => scope.has(name));

  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) {
      if (!isNonReference(node) && !isShadowed(node.text) && (topLevel.has(node.text) || sessionNames.has(node.text))) references.add(node);
      return;
    }
    if (ts.isTypeNode(node) && !ts.isExpressionWithTypeArguments(node)) return;
    if (ts.isStatement(node) && node.parent === sourceFile && isAmbient(node)) return;
    if (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node) || ts.isTypeParameterDeclaration(node)) return;
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node) || ts.isImportEqualsDeclaration(node)) return;
    if (ts.isHeritageClause(node)) {
      // `class A extends B` reads B; `implements I` is a type.
      if (node.token === ts.SyntaxKind.ExtendsKeyword && ts.isClassLike(node.parent)) for (const t of node.types) visit(t.expression);
      return;
    }
    if (ts.isExpressionWithTypeArguments(node)) {
      visit(node.expression);
      return;
    }

    let scope: Set<string> | undefined;
    if (ts.isBlock(node) || ts.isModuleBlock(node)) {
      scope = new Set<string>();
      for (const statement of node.statements) blockDeclarations(statement, scope);
    } else if (ts.isCaseBlock(node)) {
      scope = new Set<string>();
      for (const clause of node.clauses) for (const statement of clause.statements) blockDeclarations(statement, scope);
    } else if (ts.isFunctionLike(node)) {
      scope = new Set<string>(["arguments"]);
      for (const parameter of node.parameters) bindingNames(parameter.name, scope);
      if ((ts.isFunctionExpression(node) || ts.isFunctionDeclaration(node)) && node.name && node.parent !== sourceFile) {
        // A function expression's own name; a nested declaration's name is in its block already.
        if (ts.isFunctionExpression(node)) scope.add(node.name.text);
      }
      const body = (node as ts.FunctionLikeDeclaration).body;
      if (body) hoistedVars(body, scope);
    } else if (ts.isClassLike(node)) {
      // Inside its body, a class's name is the class itself.
      scope = new Set<string>();
      if (node.name) scope.add(node.name.text);
    } else if (ts.isForStatement(node) || ts.isForInStatement(node) || ts.isForOfStatement(node)) {
      scope = new Set<string>();
      const init = node.initializer;
      if (init && ts.isVariableDeclarationList(init) && init.flags & ts.NodeFlags.BlockScoped) for (const d of init.declarations) bindingNames(d.name, scope);
    } else if (ts.isCatchClause(node)) {
      scope = new Set<string>();
      if (node.variableDeclaration) bindingNames(node.variableDeclaration.name, scope);
    } else if (ts.isEnumDeclaration(node)) {
      // Inside an enum, member names are the members.
      scope = new Set(node.members.flatMap((m) => (ts.isIdentifier(m.name) ? [m.name.text] : [])));
    }
    if (scope) scopes.push(scope);
    ts.forEachChild(node, visit);
    if (scope) scopes.pop();
  };
  for (const statement of sourceFile.statements) visit(statement);
  return { topLevel, references };
}
