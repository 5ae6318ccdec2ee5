/**
 * TypeScript diagnostics of a cell as a Jupyter error: `TSError`, `evalue` "line:col - message",
 * and per diagnostic one heading with the cell's line and column, the error code and the message,
 * then the offending line. Each message is shown once, and no machine's absolute paths.
 */
import * as path from "path";
import ts from "typescript";
import { excerpt, type ErrorContent } from "../shared/errors";

export interface DiagnosticContext {
  /** How tracebacks name the cell, e.g. "In[3]". */
  label: string;
  /** The cell as the user wrote it (diagnostic positions index into it). */
  source: string;
  /** Turns absolute paths in messages into what the user wrote (see PathNames). */
  paths: PathNames;
}

/** Absolute paths in messages, as the user knows them: the specifier they imported, or a short path. */
export class PathNames {
  /** resolved file (without extension) -> the specifier a cell imported it with */
  private readonly specifiers = new Map<string, string>();

  constructor(private readonly cwd: string) {}

  rememberImport(resolvedFile: string, specifier: string): void {
    this.specifiers.set(withoutExtension(resolvedFile), specifier);
  }

  shorten(message: string): string {
    return message.replace(/(["'])(\/[^"'\n]+)\1/g, (all, quote: string, file: string) => `${quote}${this.name(file)}${quote}`);
  }

  private name(file: string): string {
    const known = this.specifiers.get(withoutExtension(file));
    if (known) return known;
    const modules = `${path.sep}node_modules${path.sep}`;
    const at = file.lastIndexOf(modules);
    if (at >= 0) return file.slice(at + modules.length);
    const relative = path.relative(this.cwd, file);
    return relative.startsWith("..") || relative === "" ? relative : `./${relative}`;
  }
}

function withoutExtension(file: string): string {
  return file.replace(/(\.d)?\.(ts|tsx|js|mjs|cjs|mts|cts)$/, "");
}

export function diagnosticsToError(diagnostics: readonly ts.Diagnostic[], context: DiagnosticContext): ErrorContent {
  const lines = context.source.split("\n");
  const located = diagnostics.map((d) => {
    const start = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : { line: 0, character: 0 };
    const end = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start + (d.length ?? 0)) : start;
    const message = context.paths.shorten(ts.flattenDiagnosticMessageText(d.messageText, "\n    "));
    return { d, start, end, message };
  });
  const first = located[0];
  const evalue = `${first.start.line + 1}:${first.start.character + 1} - ${first.message.split("\n")[0]}${located.length > 1 ? ` (and ${located.length - 1} more)` : ""}`;
  const blocks = located.map(({ d, start, end, message }) => {
    const width = end.line === start.line ? end.character - start.character : 1;
    const inCell = start.line < lines.length;
    const heading = inCell
      ? `Cell ${context.label}, line ${start.line + 1}, column ${start.character + 1}: error TS${d.code}: ${message}`
      : `Cell ${context.label}: error TS${d.code}: ${message}`;
    return [heading, ...(inCell ? excerpt(lines, start.line, start.character, width) : [])].join("\n");
  });
  const traceback = located.length > 1 ? [`TSError: ${located.length} errors`, ...blocks] : blocks;
  return { ename: "TSError", evalue, traceback };
}
