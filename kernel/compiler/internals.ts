/**
 * The parts of TypeScript's compiler the kernel uses beyond its public API, typed in one place.
 * They are what the language service itself is built on, and are exported by the `typescript`
 * package at run time; the kernel tests exercise each (test/kernel), so a TypeScript upgrade that
 * changes one fails there first.
 */
import ts from "typescript";

interface Internals {
  bindSourceFile(file: ts.SourceFile, options: ts.CompilerOptions): void;
  emitFiles(resolver: unknown, host: object, file: ts.SourceFile, transformers: unknown, emitOnly: boolean, onlyBuildInfo: boolean, forceDtsEmit: boolean): ts.EmitResult;
  getTransformers(options: ts.CompilerOptions, custom: ts.CustomTransformers, emitOnly: boolean): unknown;
  getTokenAtPosition(file: ts.SourceFile, position: number): ts.Node;
  getTouchingPropertyName(file: ts.SourceFile, position: number): ts.Node;
  getContainerNode(node: ts.Node): ts.Node;
  getModuleInstanceState(node: ts.ModuleDeclaration): number;
  ModuleInstanceState: { Instantiated: number };
  Completions: {
    getCompletionsAtPosition(
      host: object,
      program: ts.Program,
      log: (message: string) => void,
      sourceFile: ts.SourceFile,
      position: number,
      preferences: ts.UserPreferences,
      triggerCharacter: string | undefined,
      completionKind: number,
      cancellationToken: object,
      formatContext: undefined,
      includeSymbol: boolean,
    ): (ts.CompletionInfo & { entries: (ts.CompletionEntry & { symbol?: ts.Symbol })[] }) | undefined;
  };
  SymbolDisplay: {
    getSymbolKind(checker: ts.TypeChecker, symbol: ts.Symbol, location: ts.Node): string;
    getSymbolDisplayPartsDocumentationAndSymbolKind(
      checker: ts.TypeChecker,
      symbol: ts.Symbol,
      file: ts.SourceFile,
      enclosing: ts.Node | undefined,
      location: ts.Node,
    ): { displayParts: ts.SymbolDisplayPart[]; documentation: ts.SymbolDisplayPart[] };
  };
}

export const internals = Object.assign(Object.create(ts) as Internals, {
  /** The checker's emit resolver for `file`, without type-checking the file first. */
  getEmitResolver(checker: ts.TypeChecker, file: ts.SourceFile): unknown {
    return (checker as unknown as { getEmitResolver(f: ts.SourceFile, ct: undefined, skipDiagnostics: boolean): unknown }).getEmitResolver(file, undefined, true);
  },
});

/** A source file's own syntax errors (set by the parser). */
export function parseDiagnostics(file: ts.SourceFile): readonly ts.DiagnosticWithLocation[] {
  return (file as unknown as { parseDiagnostics: readonly ts.DiagnosticWithLocation[] }).parseDiagnostics;
}

type ResolvedModule = ReturnType<NonNullable<ProgramInternals["getResolvedModule"]>>;
interface ProgramInternals {
  getResolvedModule(file: ts.SourceFile, specifier: string, mode: ts.ResolutionMode): ts.ResolvedModuleWithFailedLookupLocations | undefined;
}

/** Resolves the imports of files outside the program (the kernel's cell files) with `resolve`. */
export function resolveModulesOutsideProgram(program: ts.Program, resolve: (specifier: string, file: ts.SourceFile) => ResolvedModule): void {
  const target = program as unknown as ProgramInternals;
  const original = target.getResolvedModule.bind(program);
  target.getResolvedModule = (file, specifier, mode) => original(file, specifier, mode) ?? resolve(specifier, file);
}
