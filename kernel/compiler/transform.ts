/**
 * A cell's TypeScript as the JavaScript the runtime runs: the body of a function that reads and
 * writes the notebook's variables on one store object.
 *
 *   const w = tf.zeros([2, 1]);          ->   __nn.w = __nn.tf.zeros([2, 1]);
 *   function f(x) { return x * w }       ->   function f(x) { return x * __nn.w }  (+ __nn.f = f; first)
 *   import * as nn from "../lib";        ->   __nn.nn = __nnk.importStar(require("../lib"));
 *   nn.sigmoid(z)                        ->   __nnk.result = __nn.nn.sigmoid(__nn.z);
 *
 * A name declared again in a later cell replaces the old value, and code of earlier cells sees the
 * new one, as with Python's globals. Types are erased by TypeScript's own emit (`transpileModule`),
 * with a source map back to the cell, so tracebacks point at the cell's lines. A cell with a
 * top-level `await` becomes a generator body (`await e` -> `(yield e)`) the runtime steps through,
 * so an interrupt can reach it at any step (runtime/interruptible.ts); one with a top-level
 * `for await`, which a generator cannot express, stays an async function body.
 *
 * No type information is used: which identifiers are notebook variables comes from the syntax
 * (scope.ts), so a cell transpiles in about a millisecond, while its type check runs beside it.
 */
import ts from "typescript";
import { HELPERS, STORE } from "../shared/cellNames";
import { internals } from "./internals";
import { analyzeCell, hasModifier, isAmbient, isTypeOnlyImport, type CellScope } from "./scope";


export type CellKind = "sync" | "generator" | "async";

export interface TranspiledCell {
  kind: CellKind;
  /** The function body (no wrapper); the runtime wraps it as `kind` says. */
  js: string;
  /** Source map of `js` to the cell (version 3 JSON). */
  sourceMap: string;
  /** Whether the last statement's value is the cell's result (an expression not ending in `;`). */
  hasResult: boolean;
  /** Value names the cell declares at top level. */
  declared: string[];
}

/**
 * Emits JavaScript for a parsed and bound cell, running `transformer` before TypeScript's own
 * (type erasure): the session's emitter (compiler/session.ts), which reuses its type checker.
 */
export type CellEmitter = (file: ts.SourceFile, transformer: ts.TransformerFactory<ts.SourceFile>) => { js: string; sourceMap: string };

const factory = ts.factory;
const store = () => factory.createIdentifier(STORE);
const storeProperty = (name: string) => factory.createPropertyAccessExpression(store(), factory.createIdentifier(name));
const helper = (name: string) => factory.createPropertyAccessExpression(factory.createIdentifier(HELPERS), factory.createIdentifier(name));
const assign = (target: ts.Expression, value: ts.Expression) => factory.createExpressionStatement(factory.createAssignment(target, value));

/** Whether the cell awaits at top level (outside functions and classes), and with `for await`. */
function topLevelAwaits(sourceFile: ts.SourceFile): { await: boolean; forAwait: boolean } {
  const found = { await: false, forAwait: false };
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isAwaitExpression(node)) found.await = true;
    if (ts.isForOfStatement(node) && node.awaitModifier) found.forAwait = true;
    if (ts.isVariableDeclarationList(node) && (node.flags & ts.NodeFlags.AwaitUsing) === ts.NodeFlags.AwaitUsing) found.forAwait = true;
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(sourceFile, visit);
  return found;
}

/** IPython's rule: a trailing `;` on the last expression hides its value. */
export function endsWithSemicolon(statement: ts.Statement, sourceFile: ts.SourceFile): boolean {
  return statement.getText(sourceFile).trimEnd().endsWith(";");
}

/**
 * Transpiles a cell, parsed (without syntax errors) and bound. `sessionNames` are the value names
 * earlier cells declared; uses of them (and of the cell's own top-level names) become store
 * properties.
 */
export function transpileCell(file: ts.SourceFile, sessionNames: ReadonlySet<string>, emit: CellEmitter): TranspiledCell {
  let kind: CellKind = "sync";
  let hasResult = false;
  let declared: string[] = [];
  const transformer: ts.TransformerFactory<ts.SourceFile> = (context) => (sourceFile) => {
    const scope = analyzeCell(sourceFile, sessionNames);
    const awaits = topLevelAwaits(sourceFile);
    kind = awaits.forAwait ? "async" : awaits.await ? "generator" : "sync";
    declared = [...scope.topLevel];
    const rewritten = new CellRewriter(context, sourceFile, scope, kind === "generator").statements();
    hasResult = rewritten.hasResult;
    return factory.updateSourceFile(sourceFile, rewritten.statements);
  };
  const out = emit(file, transformer);
  // The emit ends the file with a source-map comment, and with `export {}` (a cell file is a
  // module); the runtime wraps the body itself.
  const js = out.js.replace(/\n?\/\/# sourceMappingURL=.*\s*$/, "\n").replace(/^export \{\};\n?(?![\s\S]*\S)/m, "");
  return { kind, js, sourceMap: out.sourceMap, hasResult, declared };
}

/** Rewrites one cell's statements (see the file comment). */
class CellRewriter {
  /** Nesting of functions and classes around the node being visited: awaits there stay awaits. */
  private functionDepth = 0;

  constructor(
    private readonly context: ts.TransformationContext,
    private readonly sourceFile: ts.SourceFile,
    private readonly scope: CellScope,
    private readonly awaitsToYields: boolean,
  ) {}

  statements(): { statements: ts.Statement[]; hasResult: boolean } {
    const hoisted: ts.Statement[] = [];
    const body: ts.Statement[] = [];
    // A cell file ends with the `export {}` that makes it a module (compiler/session.ts).
    const statements = this.sourceFile.statements;
    const all = isEmptyExport(statements[statements.length - 1]) ? statements.slice(0, -1) : statements;
    const last = all[all.length - 1];
    let hasResult = false;
    for (const statement of all) {
      if (statement === last && ts.isExpressionStatement(statement) && !endsWithSemicolon(statement, this.sourceFile)) {
        hasResult = true;
        const value = this.visit(statement.expression) as ts.Expression;
        body.push(ts.setTextRange(assign(helper("result"), value), statement));
        continue;
      }
      body.push(...this.topLevel(statement, hoisted));
    }
    return { statements: [...hoisted, ...body], hasResult };
  }

  /** A top-level statement: declarations become store writes (function declarations hoist). */
  private topLevel(statement: ts.Statement, hoisted: ts.Statement[]): ts.Statement[] {
    if (isAmbient(statement)) return [statement];
    if (ts.isVariableStatement(statement)) return this.variableStatement(statement);
    if (ts.isFunctionDeclaration(statement)) {
      if (!statement.body || !statement.name) return [statement];
      hoisted.push(assign(storeProperty(statement.name.text), factory.createIdentifier(statement.name.text)));
      const visited = this.visit(statement) as ts.FunctionDeclaration;
      return [factory.updateFunctionDeclaration(visited, withoutExport(visited.modifiers), visited.asteriskToken, visited.name, visited.typeParameters, visited.parameters, visited.type, visited.body)];
    }
    if (ts.isClassDeclaration(statement) && statement.name) {
      const visited = this.visit(statement) as ts.ClassDeclaration;
      const kept = factory.updateClassDeclaration(visited, withoutExport(visited.modifiers), visited.name, visited.typeParameters, visited.heritageClauses, visited.members);
      return [kept, this.sync(statement.name.text, statement)];
    }
    if (ts.isEnumDeclaration(statement)) {
      const visited = this.visit(statement) as ts.EnumDeclaration;
      return [factory.updateEnumDeclaration(visited, withoutExport(visited.modifiers), visited.name, visited.members), this.sync(statement.name.text, statement)];
    }
    if (ts.isModuleDeclaration(statement) && ts.isIdentifier(statement.name)) {
      const visited = this.visit(statement) as ts.ModuleDeclaration;
      const kept = factory.updateModuleDeclaration(visited, withoutExport(visited.modifiers), visited.name, visited.body);
      return internals.getModuleInstanceState(statement) === internals.ModuleInstanceState.Instantiated ? [kept, this.sync(statement.name.text, statement)] : [kept];
    }
    if (ts.isImportDeclaration(statement)) return this.importDeclaration(statement);
    if (ts.isImportEqualsDeclaration(statement)) {
      if (statement.isTypeOnly) return [];
      const ref = statement.moduleReference;
      const value = ts.isExternalModuleReference(ref)
        ? requireCall(ref.expression as ts.StringLiteral)
        : entityToExpression(ref, (id) => this.visit(id) as ts.Expression);
      return [ts.setTextRange(assign(storeProperty(statement.name.text), value), statement)];
    }
    if (ts.isExportDeclaration(statement)) return [];
    if (ts.isExportAssignment(statement)) return [ts.setTextRange(factory.createExpressionStatement(this.visit(statement.expression) as ts.Expression), statement)];
    return [this.visit(statement) as ts.Statement];
  }

  /** `let x = e` -> `__nn.x = e`; patterns become assignment patterns; `var x;` alone writes nothing. */
  private variableStatement(statement: ts.VariableStatement): ts.Statement[] {
    const list = statement.declarationList;
    const isVar = !(list.flags & ts.NodeFlags.BlockScoped);
    const out: ts.Statement[] = [];
    for (const declaration of list.declarations) {
      const assignment = this.declarationAssignment(declaration, isVar);
      if (assignment) out.push(ts.setTextRange(factory.createExpressionStatement(assignment), declaration));
    }
    return out;
  }

  private declarationAssignment(declaration: ts.VariableDeclaration, isVar: boolean): ts.Expression | undefined {
    const init = declaration.initializer ? (this.visit(declaration.initializer) as ts.Expression) : undefined;
    if (!init && isVar) return undefined;
    const target = this.assignmentTarget(declaration.name);
    return ts.setTextRange(factory.createAssignment(target, init ?? factory.createVoidZero()), declaration);
  }

  /** A binding name as an assignment target on the store: `{ a, b: [c] = d }` -> `{ a: __nn.a, b: [__nn.c] = d }`. */
  private assignmentTarget(name: ts.BindingName): ts.Expression {
    if (ts.isIdentifier(name)) return ts.setTextRange(storeProperty(name.text), name);
    if (ts.isObjectBindingPattern(name)) {
      const properties = name.elements.map((element): ts.ObjectLiteralElementLike => {
        const target = this.assignmentTarget(element.name);
        const withDefault = element.initializer ? factory.createAssignment(target, this.visit(element.initializer) as ts.Expression) : target;
        if (element.dotDotDotToken) return factory.createSpreadAssignment(target);
        const key = element.propertyName ?? (element.name as ts.Identifier);
        const visitedKey = ts.isComputedPropertyName(key) ? (this.visit(key) as ts.ComputedPropertyName) : key;
        return factory.createPropertyAssignment(visitedKey as ts.PropertyName, withDefault);
      });
      return ts.setTextRange(factory.createObjectLiteralExpression(properties), name);
    }
    const elements = name.elements.map((element): ts.Expression => {
      if (ts.isOmittedExpression(element)) return factory.createOmittedExpression();
      const target = this.assignmentTarget(element.name);
      if (element.dotDotDotToken) return factory.createSpreadElement(target);
      return element.initializer ? factory.createAssignment(target, this.visit(element.initializer) as ts.Expression) : target;
    });
    return ts.setTextRange(factory.createArrayLiteralExpression(elements), name);
  }

  /** `__nn.name = name;` after a declaration the emit keeps (class, enum, namespace). */
  private sync(name: string, range: ts.Node): ts.Statement {
    return ts.setTextRange(assign(storeProperty(name), factory.createIdentifier(name)), range);
  }

  /** `import` as `require`, with esModuleInterop's default and namespace semantics. */
  private importDeclaration(statement: ts.ImportDeclaration): ts.Statement[] {
    const specifier = statement.moduleSpecifier as ts.StringLiteral;
    const clause = statement.importClause;
    if (!clause) return [ts.setTextRange(factory.createExpressionStatement(requireCall(specifier)), statement)];
    if (isTypeOnlyImport(statement)) return [];
    const out: ts.Statement[] = [];
    const bindings = clause.namedBindings;
    if (clause.name) {
      const value = factory.createPropertyAccessExpression(factory.createCallExpression(helper("importDefault"), undefined, [requireCall(specifier)]), "default");
      out.push(assign(storeProperty(clause.name.text), value));
    }
    if (bindings && ts.isNamespaceImport(bindings)) {
      out.push(assign(storeProperty(bindings.name.text), factory.createCallExpression(helper("importStar"), undefined, [requireCall(specifier)])));
    }
    if (bindings && ts.isNamedImports(bindings)) {
      for (const element of bindings.elements) {
        if (element.isTypeOnly) continue;
        const imported = (element.propertyName ?? element.name).text;
        const module =
          imported === "default"
            ? factory.createCallExpression(helper("importDefault"), undefined, [requireCall(specifier)])
            : requireCall(specifier);
        out.push(assign(storeProperty(element.name.text), factory.createPropertyAccessExpression(module, imported)));
      }
    }
    return out.map((s) => ts.setTextRange(s, statement));
  }

  /** Rewrites uses of notebook variables (and, in generator cells, top-level awaits) under `node`. */
  private visit(node: ts.Node): ts.Node {
    const visitor = (child: ts.Node): ts.VisitResult<ts.Node | undefined> => {
      if (ts.isIdentifier(child)) {
        return this.scope.references.has(child) ? ts.setTextRange(storeProperty(child.text), child) : child;
      }
      if (ts.isShorthandPropertyAssignment(child) && this.scope.references.has(child.name)) {
        // `{ w }` -> `{ w: __nn.w }`; in a destructuring assignment `{ w = 1 }` -> `{ w: __nn.w = 1 }`.
        const target: ts.Expression = ts.setTextRange(storeProperty(child.name.text), child.name);
        const value = child.objectAssignmentInitializer
          ? factory.createAssignment(target, ts.visitNode(child.objectAssignmentInitializer, visitor) as ts.Expression)
          : target;
        return ts.setTextRange(factory.createPropertyAssignment(child.name.text, value), child);
      }
      if (ts.isVariableStatement(child) && this.functionDepth === 0 && !(child.declarationList.flags & ts.NodeFlags.BlockScoped) && !hasModifier(child, ts.SyntaxKind.DeclareKeyword)) {
        // A `var` in a top-level block is a notebook variable too.
        const statements = this.variableStatement(child);
        return statements.length > 0 ? statements : factory.createEmptyStatement();
      }
      if ((ts.isForStatement(child) || ts.isForInStatement(child) || ts.isForOfStatement(child)) && this.functionDepth === 0) {
        const init = child.initializer;
        if (init && ts.isVariableDeclarationList(init) && !(init.flags & ts.NodeFlags.BlockScoped)) return this.forWithVar(child, init, visitor);
      }
      if (this.awaitsToYields && this.functionDepth === 0 && ts.isAwaitExpression(child)) {
        const operand = ts.visitNode(child.expression, visitor) as ts.Expression;
        return ts.setTextRange(factory.createParenthesizedExpression(factory.createYieldExpression(undefined, operand)), child);
      }
      if (ts.isFunctionLike(child) || ts.isClassLike(child)) {
        this.functionDepth++;
        try {
          return ts.visitEachChild(child, visitor, this.context);
        } finally {
          this.functionDepth--;
        }
      }
      return ts.visitEachChild(child, visitor, this.context);
    };
    return ts.visitNode(node, visitor) as ts.Node;
  }

  /** `for (var i = 0; …)` at top level: `i` is a notebook variable, so the loop writes the store. */
  private forWithVar(
    loop: ts.ForStatement | ts.ForInStatement | ts.ForOfStatement,
    init: ts.VariableDeclarationList,
    visitor: (node: ts.Node) => ts.VisitResult<ts.Node | undefined>,
  ): ts.Node {
    if (ts.isForStatement(loop)) {
      const assignments = init.declarations.map((d) => this.declarationAssignment(d, true)).filter((e): e is ts.Expression => e !== undefined);
      const initializer = assignments.length === 0 ? undefined : assignments.reduce((a, b) => factory.createComma(a, b));
      return factory.updateForStatement(
        loop,
        initializer,
        ts.visitNode(loop.condition, visitor) as ts.Expression | undefined,
        ts.visitNode(loop.incrementor, visitor) as ts.Expression | undefined,
        ts.visitNode(loop.statement, visitor) as ts.Statement,
      );
    }
    const target = this.assignmentTarget(init.declarations[0].name);
    const expression = ts.visitNode(loop.expression, visitor) as ts.Expression;
    const statement = ts.visitNode(loop.statement, visitor) as ts.Statement;
    return ts.isForInStatement(loop)
      ? factory.updateForInStatement(loop, target, expression, statement)
      : factory.updateForOfStatement(loop, loop.awaitModifier, target, expression, statement);
  }
}

function isEmptyExport(statement: ts.Statement | undefined): boolean {
  return (
    statement !== undefined &&
    ts.isExportDeclaration(statement) &&
    !statement.moduleSpecifier &&
    statement.exportClause !== undefined &&
    ts.isNamedExports(statement.exportClause) &&
    statement.exportClause.elements.length === 0
  );
}

function withoutExport(modifiers: ts.NodeArray<ts.ModifierLike> | undefined): ts.ModifierLike[] | undefined {
  return modifiers?.filter((m) => m.kind !== ts.SyntaxKind.ExportKeyword && m.kind !== ts.SyntaxKind.DefaultKeyword);
}

function requireCall(specifier: ts.StringLiteral): ts.Expression {
  return factory.createCallExpression(factory.createIdentifier("require"), undefined, [factory.createStringLiteral(specifier.text)]);
}

function entityToExpression(name: ts.EntityName, visitIdentifier: (id: ts.Identifier) => ts.Expression): ts.Expression {
  if (ts.isIdentifier(name)) return visitIdentifier(name);
  return factory.createPropertyAccessExpression(entityToExpression(name.left, visitIdentifier), name.right.text);
}
