/**
 * How the grader compiles a notebook's cells: type-checked with the course kernel's own compiler
 * options (kernel/compiler/options.ts: a cell the kernel refuses, the grader refuses too), then
 * emitted as CommonJS for the student process.
 */
import ts from "typescript";
import { CELL_COMPILER_OPTIONS } from "../kernel/compiler/options";

export const CHECK_OPTIONS: ts.CompilerOptions = { ...CELL_COMPILER_OPTIONS, noEmit: true };

/** What the student process runs: CommonJS, so cells can import each other's exports. */
export const EMIT_OPTIONS: ts.CompilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
  experimentalDecorators: true,
};
