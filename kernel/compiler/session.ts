/**
 * Type checking a notebook session, cell after cell, at a cost that does not grow with the session.
 *
 * One TypeScript program holds the standard library, @types/node and the modules the notebook
 * imports; it is built once. Each cell becomes its own source file (`<cwd>/__cell_<n>__.ts`, a
 * module), bound on its own and checked by the program's one type checker — so the checker's
 * caches (tfjs's types, say) stay warm from cell to cell — instead of a new program per cell.
 * A cell sees the names of earlier cells through a chain: its file's `parent` is the previous
 * cell's file, and TypeScript's name resolution walks from a file to its parent after its own
 * names, so a later declaration shadows an earlier one without a "cannot redeclare" error (the
 * trick tslab uses with one declarations file, here without re-emitting declarations per cell).
 *
 * What this relies on beyond TypeScript's public API (checked by the kernel tests): `bindSourceFile`,
 * a checker asked about files outside its program, and `Program.getResolvedModule`, patched to
 * resolve the imports of those files. A cell importing a module the program lacks rebuilds the
 * program with it (cells that import are the slow ones anyway).
 */
import * as path from "path";
import ts from "typescript";
import { CELL_COMPILER_OPTIONS, CELL_EMIT_OPTIONS } from "./options";
import type { CellEmitter } from "./transform";
import { PathNames } from "./diagnostics";
import { internals, parseDiagnostics, resolveModulesOutsideProgram } from "./internals";
import { topLevelNames } from "./scope";

/** Globals the kernel's runtime gives every cell (runtime/globals.ts), for the type checker. */
export const KERNEL_GLOBALS_DTS = `
/** Asks the user for a line of text below the running cell (Jupyter's stdin), like Python's input(). */
declare function prompt(message?: string, defaultValue?: string): string | null;
`;

/** Makes a file a module, so its names are its own: appended, so cell positions are unchanged. */
const MODULE_SUFFIX = "\nexport {};\n";

export interface CellFile {
  id: number;
  source: string;
  file: ts.SourceFile;
  /** Value names it declares at top level. */
  names: Set<string>;
}

export class CheckSession {
  private program!: ts.Program;
  private checker!: ts.TypeChecker;
  private readonly host: ts.CompilerHost;
  private readonly options: ts.CompilerOptions;
  private readonly resolutionCache: ts.ModuleResolutionCache;
  private readonly resolved = new Map<string, ts.ResolvedModuleWithFailedLookupLocations>();
  /** Parsed library files, reused by every program this session builds. */
  private readonly libraryFiles = new Map<string, ts.SourceFile>();
  private readonly globalsFile: string;
  private readonly preludeFile: string;
  /** Absolute paths of the modules the prelude imports: what the program knows. */
  private readonly preludeModules = new Set<string>();
  private readonly chain: CellFile[] = [];
  /** How many cells of the chain declare each name (a name is the session's while one does). */
  private readonly nameCounts = new Map<string, number>();
  private readonly names = new Set<string>();
  private fileCounter = 0;
  paths: PathNames;

  constructor(
    private folder: string,
    preludeModules: readonly string[] = [],
  ) {
    const cwd = folder;
    // @types/node from the kernel's own install, wherever the notebook is (TypeScript would look
    // for node_modules/@types above the notebook only).
    this.options = { ...CELL_COMPILER_OPTIONS, typeRoots: [path.dirname(path.dirname(require.resolve("@types/node/package.json")))] };
    this.paths = new PathNames(cwd);
    this.globalsFile = path.join(cwd, "__nn_kernel_globals__.d.ts");
    this.preludeFile = path.join(cwd, "__nn_kernel_prelude__.ts");
    for (const m of preludeModules) this.preludeModules.add(m);
    this.resolutionCache = ts.createModuleResolutionCache(cwd, (f) => f, this.options);
    this.host = this.createHost();
    this.build();
  }

  /** The notebook's folder: where cell files are, so their relative imports resolve from it. */
  get cwd(): string {
    return this.folder;
  }

  /**
   * Moves the session to another notebook folder, before its first cell (a session restored from
   * a snapshot was built for the course's notebooks/).
   */
  setCwd(cwd: string): void {
    if (this.chain.length > 0) throw new Error("CheckSession.setCwd: the session already has cells");
    this.folder = cwd;
    this.paths = new PathNames(cwd);
  }

  /** Every file the program holds (what a snapshot of this session depends on). */
  sourceFileNames(): string[] {
    return this.program.getSourceFiles().map((f) => f.fileName);
  }

  /** Value names declared by the cells so far: what the transform stores. */
  sessionNames(): ReadonlySet<string> {
    return this.names;
  }

  get cellCount(): number {
    return this.chain.length;
  }

  /** Parses and binds a cell into the chain without checking it (replaying a session). */
  add(id: number, source: string): CellFile {
    const cell = this.prepare(id, source);
    this.commit(cell);
    return cell;
  }

  /**
   * Parses and binds a cell as the next one after the chain, without adding it: the cell sees the
   * session's names, and later cells do not see its own until `commit`.
   */
  prepare(id: number, source: string): CellFile {
    this.ensureImports(source);
    return this.createCellFile(id, source);
  }

  commit(cell: CellFile): void {
    this.chain.push(cell);
    for (const name of cell.names) {
      this.nameCounts.set(name, (this.nameCounts.get(name) ?? 0) + 1);
      this.names.add(name);
    }
  }

  /**
   * JavaScript for a prepared cell, through TypeScript's emitter with `transformer` first. The
   * emit uses this session's checker (no new checker per cell, which would make most of the
   * memory a long session churns through); types are not checked here.
   */
  readonly emit: CellEmitter = (file, transformer) => {
    const resolver = internals.getEmitResolver(this.checker, file);
    const out: { js: string; sourceMap: string } = { js: "", sourceMap: "" };
    const host = this.emitHost((name, text) => {
      if (name.endsWith(".map")) out.sourceMap = text;
      else out.js = text;
    });
    internals.emitFiles(resolver, host, file, internals.getTransformers(this.emitOptions, { before: [transformer] }, false), false, false, false);
    return out;
  };

  /** The errors of a cell in the chain: syntax, then types, with `// @ts-ignore` honoured as in a program. */
  diagnosticsOf(cell: CellFile): readonly ts.Diagnostic[] {
    const syntax = parseDiagnostics(cell.file);
    if (syntax.length > 0) return syntax;
    return this.program.getSemanticDiagnostics(cell.file).filter((d) => d.category === ts.DiagnosticCategory.Error);
  }

  /** Removes a cell (one that did not run after all). */
  forget(id: number): void {
    const at = this.chain.findIndex((c) => c.id === id);
    if (at < 0) return;
    const [removed] = this.chain.splice(at, 1);
    for (const name of removed.names) {
      const count = (this.nameCounts.get(name) ?? 1) - 1;
      if (count > 0) this.nameCounts.set(name, count);
      else {
        this.nameCounts.delete(name);
        this.names.delete(name);
      }
    }
    // Re-link the chain around the removed file.
    for (let i = at; i < this.chain.length; i++) {
      (this.chain[i].file as { parent?: ts.Node }).parent = i > 0 ? this.chain[i - 1].file : undefined;
    }
  }

  /** Forgets every cell (the runtime restarted: its variables are gone). */
  clear(): void {
    this.chain.length = 0;
    this.nameCounts.clear();
    this.names.clear();
  }

  /** Adds a cell to the chain and type-checks it (see diagnosticsOf). */
  check(id: number, source: string): readonly ts.Diagnostic[] {
    return this.diagnosticsOf(this.add(id, source));
  }

  /**
   * A temporary file after the chain, for completion and inspection of code that has not run:
   * `use(file, checker)` sees it in the session's scope.
   */
  withScratch<T>(source: string, use: (file: ts.SourceFile, program: ts.Program, checker: ts.TypeChecker) => T): T {
    return use(this.prepare(-1, source).file, this.program, this.checker);
  }

  private readonly emitOptions: ts.CompilerOptions = { ...CELL_EMIT_OPTIONS };

  /** What TypeScript's emitter asks of its host, for one cell file written to `write`. */
  private emitHost(write: (name: string, text: string) => void): object {
    return {
      getCompilerOptions: () => this.emitOptions,
      getCurrentDirectory: () => this.cwd,
      getCommonSourceDirectory: () => this.cwd,
      getCanonicalFileName: (f: string) => f,
      useCaseSensitiveFileNames: () => true,
      getSourceFiles: () => [],
      isEmitBlocked: () => false,
      isSourceFileFromExternalLibrary: () => false,
      isSourceOfProjectReferenceRedirect: () => false,
      getEmitModuleFormatOfFile: () => ts.ModuleKind.ESNext,
      getDefaultResolutionModeForFile: () => undefined,
      getModeForResolutionAtIndex: () => undefined,
      shouldTransformImportCall: () => false,
      redirectTargetsMap: new Map(),
      getBuildInfo: () => undefined,
      writeFile: write,
    };
  }

  private createCellFile(id: number, source: string): CellFile {
    const fileName = path.join(this.cwd, `__cell_${++this.fileCounter}__.ts`);
    const file = ts.createSourceFile(fileName, source + MODULE_SUFFIX, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
    const writable = file as unknown as { path: string; resolvedPath: string; originalFileName: string; parent?: ts.Node };
    writable.path = writable.resolvedPath = writable.originalFileName = fileName;
    const previous = this.chain[this.chain.length - 1];
    if (previous) writable.parent = previous.file;
    internals.bindSourceFile(file, this.options);
    return { id, source, file, names: topLevelNames(file) };
  }

  /** Rebuilds the program when `source` imports a module it does not have. */
  private ensureImports(source: string): void {
    const info = ts.preProcessFile(source, true, true);
    const missing: string[] = [];
    for (const ref of info.importedFiles) {
      const resolved = this.resolve(ref.fileName, path.join(this.cwd, "__cell__.ts"));
      const file = resolved.resolvedModule?.resolvedFileName;
      if (!file) continue;
      this.paths.rememberImport(file, ref.fileName);
      if (!this.program.getSourceFile(file) && !this.preludeModules.has(file)) missing.push(file);
    }
    if (missing.length === 0) return;
    for (const file of missing) this.preludeModules.add(file);
    this.build();
  }

  private resolve(specifier: string, containingFile: string): ts.ResolvedModuleWithFailedLookupLocations {
    const key = `${path.dirname(containingFile)}\0${specifier}`;
    let result = this.resolved.get(key);
    if (!result) {
      result = ts.resolveModuleName(specifier, containingFile, this.options, this.host, this.resolutionCache);
      this.resolved.set(key, result);
    }
    return result;
  }

  private preludeText(): string {
    const imports = [...this.preludeModules].map((m) => `import ${JSON.stringify(m.replace(/(\.d)?\.ts$/, ""))};`);
    return imports.join("\n") + MODULE_SUFFIX;
  }

  private build(): void {
    const old = this.program as ts.Program | undefined;
    this.program = ts.createProgram({ rootNames: [this.globalsFile, this.preludeFile], options: this.options, host: this.host, oldProgram: old });
    // Cell files are not part of the program: resolve their imports here.
    resolveModulesOutsideProgram(this.program, (specifier, file) => this.resolve(specifier, file.fileName));
    this.checker = this.program.getTypeChecker();
  }

  private createHost(): ts.CompilerHost {
    // Library files need no parent pointers up front (binding sets them) — parsing is most of
    // the start-up — and JSDoc only where learners read it (inspection of the course library and
    // tfjs), not in the standard library and @types/node, which make up most of the text.
    const host = ts.createCompilerHost(this.options, false);
    const { getSourceFile, fileExists, readFile } = host;
    host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
      if (fileName === this.globalsFile) return ts.createSourceFile(fileName, KERNEL_GLOBALS_DTS, languageVersion, true);
      if (fileName === this.preludeFile) return ts.createSourceFile(fileName, this.preludeText(), languageVersion, true);
      let file = this.libraryFiles.get(fileName);
      if (!file) {
        const options = typeof languageVersion === "object" ? languageVersion : { languageVersion };
        const jsDocParsingMode = /[\\/](typescript[\\/]lib|@types[\\/]node|undici-types)[\\/]/.test(fileName) ? ts.JSDocParsingMode.ParseForTypeErrors : ts.JSDocParsingMode.ParseAll;
        file = getSourceFile.call(host, fileName, { ...options, jsDocParsingMode }, onError, shouldCreate);
        if (file) this.libraryFiles.set(fileName, file);
      }
      return file;
    };
    host.fileExists = (fileName) => fileName === this.globalsFile || fileName === this.preludeFile || fileExists.call(host, fileName);
    host.readFile = (fileName) =>
      fileName === this.globalsFile ? KERNEL_GLOBALS_DTS : fileName === this.preludeFile ? this.preludeText() : readFile.call(host, fileName);
    host.getCurrentDirectory = () => this.folder;
    return host;
  }
}
