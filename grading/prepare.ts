/**
 * From a notebook to one runnable plan per exercise: which cells it needs, each cell compiled on
 * its own, and the syntax or type errors that fail it before anything runs.
 *
 * Cells behave like the kernel's (tslab): each cell is a module; a name a cell declares at top
 * level is visible to later cells. Here that is made explicit — each cell module imports the names
 * it uses from the cell that declares them and exports its own — so every cell compiles
 * separately: one cell's syntax error cannot break another's.
 *
 * The notebook is graded as it stands when run top to bottom, as nbgrader grades it: the exercise's
 * function is the last definition of its name (a cell below the solution that redefines it wins),
 * and a name used inside a function body is the one defined last (a helper may sit in a later
 * cell), while a name used by a cell's top-level code is the one defined before that cell ran.
 *
 * Which cells an exercise needs (its "closure"): the cell defining its function, plus, for every
 * name that cell uses, the cell providing it (as above), and so on for those cells. Test cells are
 * never included. A name that is another exercise's function (model() using optimize()) is imported
 * from the library instead of the student's cell, so each exercise is graded on its own: one
 * mistake costs points once.
 */
import * as fs from "fs";
import * as path from "path";
import ts from "typescript";
import { freeNames, exportedNames, parseCell, topLevelDeclarations, type Use } from "./analyze";
import { CHECK_OPTIONS, EMIT_OPTIONS } from "./cellOptions";
import type { Assignment, Exercise } from "./assignments";
import { cellSource, isSolutionCell, isTestCell, nbgrader, type Notebook } from "./notebook";

/** Module names of cells, in the type checker's virtual files and in the sandbox alike. */
export const moduleNameOf = (cellIndex: number, prefix = ""): string => `__grading_${prefix}cell_${cellIndex}`;
const LIB_SPECIFIER = "../lib";

export interface CellModule {
  index: number;
  /** How feedback names the cell: "the sigmoid cell (grade_id sigmoid)". */
  label: string;
  moduleName: string;
  /** Module source: one header line of imports, the cell's source, an export line. */
  tsSource: string;
  /** Compiled to CommonJS and wrapped in an async function (see grading/student/runner.ts). */
  js?: string;
  /** Syntax or type errors, formatted for a student; empty when the cell compiles. */
  errors: string[];
}

export type ExercisePlan =
  | { exercise: Exercise; status: "ready"; cells: CellModule[]; own: CellModule }
  | { exercise: Exercise; status: "error"; title: string; message: string };

interface CodeCell {
  index: number;
  source: string;
  gradeId?: string;
  solution: boolean;
  declares: Set<string>;
  uses: Map<string, Use>;
  exported: Set<string>;
}

/** How feedback names a cell: students see no cell numbers, so name its exercise or quote it. */
function labelOf(cell: CodeCell): string {
  if (cell.gradeId) return `the ${cell.gradeId} cell (grade_id ${cell.gradeId})`;
  const firstLine = cell.source.split("\n").find((line) => line.trim() !== "")?.trim() ?? "";
  const quoted = firstLine.length > 40 ? `${firstLine.slice(0, 40)}…` : firstLine;
  return `cell ${cell.index + 1} of the notebook ("${quoted}")`;
}

export interface PrepareOptions {
  /** Repository root: the type checker resolves "../lib" from <root>/notebooks/. */
  repoRoot: string;
}

export function prepare(nb: Notebook, assignment: Assignment, options: PrepareOptions): ExercisePlan[] {
  return prepareMany([{ nb, assignment }], options)[0];
}

/**
 * Several notebooks at once (a class): one type check for all their cells, which costs little more
 * than one notebook's (most of it is resolving the library's and tfjs's types).
 */
export function prepareMany(notebooks: readonly { nb: Notebook; assignment: Assignment }[], options: PrepareOptions): ExercisePlan[][] {
  const analyzed = notebooks.map(({ nb, assignment }, k) => analyze(nb, assignment, notebooks.length > 1 ? `${k}_` : ""));
  typeCheck(analyzed.flatMap((a) => [...a.modules.values()]), options.repoRoot);
  return analyzed.map((a) => a.plans());
}

function analyze(nb: Notebook, assignment: Assignment, prefix: string): { modules: Map<number, CellModule>; plans(): ExercisePlan[] } {
  const cells: CodeCell[] = [];
  nb.cells.forEach((cell, index) => {
    if (cell.cell_type !== "code" || isTestCell(cell)) return;
    const source = cellSource(cell);
    const sf = parseCell(source);
    cells.push({
      index,
      source,
      gradeId: nbgrader(cell)?.grade_id,
      solution: isSolutionCell(cell),
      declares: topLevelDeclarations(sf),
      uses: freeNames(sf),
      exported: exportedNames(sf),
    });
  });
  const byIndex = new Map(cells.map((c) => [c.index, c]));
  const standIns = new Set(assignment.exercises.filter((e) => e.standIn).map((e) => e.fnName));
  /** The cell each exercise's function comes from: the last one defining it. */
  const definingCell = new Map<string, CodeCell>();
  for (const e of assignment.exercises) {
    const defining = cells.filter((c) => c.declares.has(e.fnName));
    if (defining.length > 0) definingCell.set(e.fnName, defining[defining.length - 1]);
  }

  /** Where `cell` gets `name` from: a cell index, "lib" (another exercise's function), or nowhere (a global). */
  const provider = (cell: CodeCell, name: string): number | "lib" | undefined => {
    const declaring = cells.filter((c) => c !== cell && c.declares.has(name));
    if (standIns.has(name) && definingCell.get(name) !== cell) return "lib";
    if (cell.uses.get(name) === "deferred" && declaring.length > 0) return declaring[declaring.length - 1].index;
    const before = declaring.filter((c) => c.index < cell.index);
    if (before.length > 0) return before[before.length - 1].index;
    return declaring[0]?.index;
  };

  const closure = (start: CodeCell): number[] => {
    const seen = new Set<number>([start.index]);
    const queue = [start];
    while (queue.length > 0) {
      const cell = queue.shift()!;
      for (const name of cell.uses.keys()) {
        const from = provider(cell, name);
        if (typeof from === "number" && !seen.has(from)) {
          seen.add(from);
          queue.push(byIndex.get(from)!);
        }
      }
    }
    return [...seen].sort((a, b) => a - b);
  };

  const plans: { exercise: Exercise; cell?: CodeCell; solution?: CodeCell; cellIndices: number[] }[] = assignment.exercises.map((exercise) => {
    const solutions = cells.filter((c) => c.solution && c.gradeId === exercise.id);
    // Like a top-to-bottom run: the last definition wins, wherever it is.
    const cell = definingCell.get(exercise.fnName);
    return { exercise, cell, solution: solutions[solutions.length - 1], cellIndices: cell ? closure(cell) : [] };
  });

  // Compile every cell some exercise needs, once.
  const needed = [...new Set(plans.flatMap((p) => p.cellIndices))].sort((a, b) => a - b);
  const modules = new Map<number, CellModule>();
  for (const index of needed) modules.set(index, buildModule(byIndex.get(index)!, provider, prefix));
  return { modules, plans: () => finish(plans, modules) };
}

/** After the type check: emit what compiles, and each exercise's plan. */
function finish(plans: { exercise: Exercise; cell?: CodeCell; solution?: CodeCell; cellIndices: number[] }[], modules: Map<number, CellModule>): ExercisePlan[] {
  for (const module of modules.values()) {
    if (module.errors.length === 0) module.js = emit(module);
  }
  return plans.map(({ exercise, cell, solution, cellIndices }) => {
    const definition = exercise.kind === "value" ? `the given \`${exercise.fnName}\` declaration` : `the given \`function ${exercise.fnName}(…)\` line`;
    if (!cell && !solution) {
      return {
        exercise,
        status: "error",
        title: "has its solution cell",
        message: `no cell defines ${exercise.fnName}, and no solution cell with grade_id "${exercise.id}" was found: keep the exercise's cell (and its nbgrader metadata) and ${definition}`,
      };
    }
    if (!cell) {
      return {
        exercise,
        status: "error",
        title: `defines ${exercise.fnName}`,
        message: `${labelOf(solution!)} does not declare ${exercise.fnName}: keep ${definition} and write the body`,
      };
    }
    const own = modules.get(cell.index)!;
    if (own.errors.length > 0) {
      return { exercise, status: "error", title: "compiles", message: `${own.label} does not compile:\n${own.errors.join("\n")}` };
    }
    const broken = cellIndices.map((i) => modules.get(i)!).find((m) => m.errors.length > 0);
    if (broken) {
      return {
        exercise,
        status: "error",
        title: "compiles",
        message: `${own.label} uses names from ${broken.label}, which does not compile:\n${broken.errors.join("\n")}`,
      };
    }
    return { exercise, status: "ready", cells: cellIndices.map((i) => modules.get(i)!), own };
  });
}

function buildModule(cell: CodeCell, provider: (cell: CodeCell, name: string) => number | "lib" | undefined, prefix: string): CellModule {
  const imports = new Map<string, string[]>();
  for (const name of [...cell.uses.keys()].sort()) {
    const from = provider(cell, name);
    if (from === undefined) continue;
    const specifier = from === "lib" ? LIB_SPECIFIER : `./${moduleNameOf(from, prefix)}`;
    imports.set(specifier, [...(imports.get(specifier) ?? []), name]);
  }
  const header = [...imports].map(([specifier, names]) => `import { ${names.join(", ")} } from "${specifier}";`).join(" ");
  const exports = [...cell.declares].filter((n) => !cell.exported.has(n));
  return {
    index: cell.index,
    label: labelOf(cell),
    moduleName: moduleNameOf(cell.index, prefix),
    // The header takes exactly one line, so cell line n is module line n + 1.
    tsSource: `${header}\n${cell.source}\n;export { ${exports.join(", ")} };\n`,
    errors: [],
  };
}

/** "line 3: ';' expected." plus the offending line, in the cell's own line numbers. */
function formatDiagnostic(d: ts.Diagnostic, cellSourceLines: string[]): string {
  const text = ts.flattenDiagnosticMessageText(d.messageText, "\n    ");
  if (!d.file || d.start === undefined) return `  ${text}`;
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
  const cellLine = line; // module line 0 is the import header
  if (cellLine < 1 || cellLine > cellSourceLines.length) return `  ${text}`;
  const code = cellSourceLines[cellLine - 1];
  return `  line ${cellLine}, column ${character + 1}: ${text}\n      ${code.trim()}`;
}

/**
 * Parsed declaration files (the library's, tfjs's, @types/node …: ~900 files) kept for the life of
 * the process, keyed by path and checked against the file's mtime: a second grade in the same
 * process (the tests, a batch) skips parsing and binding them, which is most of a type check.
 */
const declarationCache = new Map<string, { mtimeMs: number; sourceFile: ts.SourceFile }>();

function cachedSourceFile(fileName: string, languageVersion: ts.ScriptTarget | ts.CreateSourceFileOptions, parse: () => ts.SourceFile | undefined): ts.SourceFile | undefined {
  let mtimeMs: number;
  try {
    mtimeMs = fs.statSync(fileName).mtimeMs;
  } catch {
    return parse();
  }
  const key = `${fileName}\0${typeof languageVersion === "object" ? languageVersion.languageVersion : languageVersion}`;
  const hit = declarationCache.get(key);
  if (hit && hit.mtimeMs === mtimeMs) return hit.sourceFile;
  const sourceFile = parse();
  if (sourceFile) declarationCache.set(key, { mtimeMs, sourceFile });
  return sourceFile;
}

/**
 * One program over all needed cells, as virtual files in <repoRoot>/notebooks/ (never written), so
 * "../lib" resolves to the compiled library's declarations like in the kernel.
 */
function typeCheck(modules: CellModule[], repoRoot: string): void {
  if (modules.length === 0) return;
  const dir = path.join(repoRoot, "notebooks");
  const files = new Map(modules.map((m) => [path.join(dir, `${m.moduleName}.ts`), m]));
  const host = ts.createCompilerHost(CHECK_OPTIONS, true);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const module = files.get(path.resolve(fileName));
    if (module) return ts.createSourceFile(fileName, module.tsSource, languageVersion, true, ts.ScriptKind.TS);
    return cachedSourceFile(fileName, languageVersion, () => getSourceFile.call(host, fileName, languageVersion, onError, shouldCreate));
  };
  host.fileExists = (fileName) => files.has(path.resolve(fileName)) || fileExists.call(host, fileName);
  host.readFile = (fileName) => files.get(path.resolve(fileName))?.tsSource ?? readFile.call(host, fileName);
  const program = ts.createProgram([...files.keys()], CHECK_OPTIONS, host);
  for (const [fileName, module] of files) {
    const sf = program.getSourceFile(fileName)!;
    const lines = module.tsSource.split("\n").slice(1);
    const syntax = program.getSyntacticDiagnostics(sf);
    const diagnostics = syntax.length > 0 ? syntax : program.getSemanticDiagnostics(sf);
    module.errors = diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error).map((d) => formatDiagnostic(d, lines));
  }
}

/** CommonJS for Node, wrapped in an async function so top-level await runs. */
function emit(module: CellModule): string {
  const out = ts.transpileModule(module.tsSource, { compilerOptions: EMIT_OPTIONS, fileName: `${module.moduleName}.ts` });
  return `(async function (exports, require, module, __filename, __dirname) {\n${out.outputText}\n})`;
}
