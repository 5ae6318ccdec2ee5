/**
 * The compiler options of notebook cells: one place for the kernel and the grader, so a cell the
 * kernel refuses, the grader refuses too.
 *
 * As tslab compiled cells (the notebooks were written for it): ES modules resolved the Node way,
 * not strict, library declaration files not checked. Only `@types/node` is loaded from @types, so
 * test-runner globals (mocha's `describe`) do not type-check in a cell and then fail at run time.
 */
import ts from "typescript";

export const CELL_COMPILER_OPTIONS: Readonly<ts.CompilerOptions> = {
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  target: ts.ScriptTarget.ES2022,
  lib: ["lib.es2022.d.ts"],
  types: ["node"],
  esModuleInterop: true,
  resolveJsonModule: true,
  skipLibCheck: true,
  experimentalDecorators: true,
  noEmit: true,
};

/** What a cell is emitted with (types erased; no type check needed: see transform.ts). */
export const CELL_EMIT_OPTIONS: Readonly<ts.CompilerOptions> = {
  module: ts.ModuleKind.ESNext,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
  experimentalDecorators: true,
  preserveConstEnums: true,
  sourceMap: true,
  inlineSources: false,
  removeComments: false,
  newLine: ts.NewLineKind.LineFeed,
  // Cells run as sloppy-mode function bodies, as tslab ran them.
  alwaysStrict: false,
};
