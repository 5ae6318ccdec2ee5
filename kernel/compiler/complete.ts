/**
 * complete_request and inspect_request, answered by the session's warm type checker: completion
 * items with their real kinds (an alias such as `nn.sigmoid` is shown as the function it names),
 * and the type and documentation of the name at the cursor.
 */
import ts from "typescript";
import { internals } from "./internals";
import type { CheckSession } from "./session";

export interface Completion {
  matches: string[];
  /** In UTF-16 units of the code. */
  start: number;
  end: number;
  /** Per match, a kind JupyterLab shows beside it: function, constant, variable, namespace, class, … */
  types: string[];
}

export interface Inspection {
  found: boolean;
  /** `name: type` as TypeScript's quick info prints it. */
  signature: string;
  documentation: string;
}

/** TypeScript's element kinds as the words JupyterLab shows. */
const KIND_NAMES: Record<string, string> = {
  [ts.ScriptElementKind.functionElement]: "function",
  [ts.ScriptElementKind.localFunctionElement]: "function",
  [ts.ScriptElementKind.memberFunctionElement]: "method",
  [ts.ScriptElementKind.constElement]: "constant",
  [ts.ScriptElementKind.letElement]: "variable",
  [ts.ScriptElementKind.variableElement]: "variable",
  [ts.ScriptElementKind.localVariableElement]: "variable",
  [ts.ScriptElementKind.parameterElement]: "variable",
  [ts.ScriptElementKind.memberVariableElement]: "property",
  [ts.ScriptElementKind.memberGetAccessorElement]: "property",
  [ts.ScriptElementKind.memberSetAccessorElement]: "property",
  [ts.ScriptElementKind.classElement]: "class",
  [ts.ScriptElementKind.localClassElement]: "class",
  [ts.ScriptElementKind.interfaceElement]: "interface",
  [ts.ScriptElementKind.typeElement]: "type",
  [ts.ScriptElementKind.enumElement]: "enum",
  [ts.ScriptElementKind.enumMemberElement]: "constant",
  [ts.ScriptElementKind.moduleElement]: "namespace",
  [ts.ScriptElementKind.externalModuleName]: "module",
  [ts.ScriptElementKind.keyword]: "keyword",
  [ts.ScriptElementKind.typeParameterElement]: "type",
};

const PREFERENCES: ts.UserPreferences = {
  includeCompletionsForModuleExports: false,
  includeCompletionsWithInsertText: false,
  includeCompletionsWithSnippetText: false,
  includeAutomaticOptionalChainCompletions: true,
};

const NEVER_CANCELLED = { isCancellationRequested: () => false, throwIfCancellationRequested: () => {} };

export function complete(session: CheckSession, code: string, cursor: number): Completion {
  return session.withScratch(code, (file, program, checker) => {
    const host = { getCompilationSettings: () => program.getCompilerOptions(), getCurrentDirectory: () => session.cwd };
    const info = internals.Completions.getCompletionsAtPosition(host, program, () => {}, file, cursor, PREFERENCES, undefined, 1, NEVER_CANCELLED, undefined, true);
    // The word being completed: what the matches replace.
    let start = cursor;
    while (start > 0 && /[\w$]/.test(code[start - 1])) start--;
    let end = cursor;
    while (end < code.length && /[\w$]/.test(code[end])) end++;
    const prefix = code.slice(start, cursor);
    const entries = (info?.entries ?? []).filter((e) => e.name.startsWith(prefix) || e.name.toLowerCase().startsWith(prefix.toLowerCase()));
    entries.sort((a, b) => rank(a, prefix) - rank(b, prefix) || a.sortText.localeCompare(b.sortText) || a.name.localeCompare(b.name));
    const location = internals.getTokenAtPosition(file, Math.max(0, cursor - 1));
    return {
      matches: entries.map((e) => e.name),
      start,
      end,
      types: entries.map((e) => kindName(e, checker, location)),
    };
  });
}

/** Exact-case prefix matches first. */
function rank(entry: ts.CompletionEntry, prefix: string): number {
  return entry.name.startsWith(prefix) ? 0 : 1;
}

function kindName(entry: ts.CompletionEntry & { symbol?: ts.Symbol }, checker: ts.TypeChecker, location: ts.Node): string {
  let kind: string = entry.kind;
  if (kind === ts.ScriptElementKind.alias && entry.symbol) {
    const target = checker.getAliasedSymbol(entry.symbol);
    kind = internals.SymbolDisplay.getSymbolKind(checker, target, location);
    if (target.flags & ts.SymbolFlags.ValueModule) kind = ts.ScriptElementKind.moduleElement;
  }
  return KIND_NAMES[kind] ?? kind;
}

export function inspect(session: CheckSession, code: string, cursor: number): Inspection {
  return session.withScratch(code, (file, _program, checker) => {
    for (const position of cursor > 0 ? [cursor, cursor - 1] : [cursor]) {
      const node = internals.getTouchingPropertyName(file, position);
      if (node === file || !ts.isIdentifier(node)) continue;
      const found = checker.getSymbolAtLocation(node);
      if (!found) continue;
      // `nn.sigmoid` is an alias of the library's function: show the function.
      const symbol = found.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(found) : found;
      const display = internals.SymbolDisplay.getSymbolDisplayPartsDocumentationAndSymbolKind(checker, symbol, file, internals.getContainerNode(node), node);
      return {
        found: true,
        signature: session.paths.shorten(ts.displayPartsToString(display.displayParts)),
        documentation: ts.displayPartsToString(display.documentation),
      };
    }
    return { found: false, signature: "", documentation: "" };
  });
}
