/**
 * How the grader compiles a notebook's cells: type-checked with the course kernel's compiler
 * options (a cell the kernel refuses, the grader refuses too), then emitted as CommonJS for the
 * student process. The one place these options live: point CHECK_OPTIONS at the kernel's shared
 * options when the kernel exports them.
 */
import ts from "typescript";

/** The kernel's options (tslab 1.0): ES modules, Node resolution, not strict, library checks skipped. */
export const CHECK_OPTIONS: ts.CompilerOptions = {
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  target: ts.ScriptTarget.ES2022,
  lib: ["lib.es2022.d.ts"],
  types: ["node"],
  esModuleInterop: true,
  resolveJsonModule: true,
  skipLibCheck: true,
  noEmit: true,
};

/** What the student process runs: CommonJS, so cells can import each other's exports. */
export const EMIT_OPTIONS: ts.CompilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
};
