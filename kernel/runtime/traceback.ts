/**
 * A thrown value as Jupyter `error` content: `ename`, `evalue` and a traceback that points at the
 * cell's own lines. Frames in a cell's compiled code are mapped back through the source map the
 * compiler made; frames of the kernel machinery (node internals, vm, this kernel) are dropped;
 * frames in files compiled with source maps (the course library's dist/) point at the TypeScript;
 * frames inside node_modules are summarised per package.
 */
import * as fs from "fs";
import * as path from "path";
import { SourceMap } from "module";
import * as util from "util";
import { excerpt, type ErrorContent } from "../shared/errors";
import { HELPERS, STORE } from "../shared/cellNames";

export interface CellRecord {
  /** The file name the cell's code ran under. */
  filename: string;
  /** "In[3]" */
  label: string;
  source: string;
  /** The compiler's source map of the cell body. */
  sourceMap: string;
  /** Lines of wrapper before the body in the code that ran. */
  bodyLine: number;
}

interface Frame {
  name: string;
  file: string;
  /** One-based, as V8 prints them. */
  line: number;
  column: number;
}

const FRAME = /^\s*at (?:(.*?) \()?(.*?):(\d+):(\d+)\)?$/;
/** `__nn.w` in V8's messages ("__nn.f is not a function") is the user's `w`. */
const STORE_PREFIX = new RegExp(`\\b(?:${STORE}|${HELPERS})\\.`, "g");

export class Tracebacks {
  private readonly hiddenDirs: string[];
  private readonly cells = new Map<string, { record: CellRecord; map?: SourceMap }>();
  private readonly sourceMaps = new Map<string, SourceMap | null>();
  private readonly fileLines = new Map<string, string[] | null>();

  constructor(private readonly cwd: string, hiddenDirs: string[]) {
    this.hiddenDirs = hiddenDirs.map((dir) => path.resolve(dir) + path.sep);
  }

  registerCell(record: CellRecord): void {
    this.cells.set(record.filename, { record });
  }

  /** The `error` content for a thrown value; `label` names the running cell when no frame does. */
  fromError(thrown: unknown, label?: string): ErrorContent {
    const { ename, evalue } = describe(thrown);
    const traceback = [evalue ? `${ename}: ${evalue}` : ename];
    const stack = thrown instanceof Error && typeof thrown.stack === "string" ? thrown.stack : "";
    const blocks = this.frameBlocks(stack);
    if (!blocks.some((b) => b.startsWith("Cell ")) && label) blocks.push(`Cell ${label}`);
    traceback.push(...blocks);
    const cause = thrown instanceof Error ? (thrown as { cause?: unknown }).cause : undefined;
    if (cause !== undefined) {
      const inner = this.fromError(cause);
      traceback.push(`Caused by: ${inner.traceback[0]}`, ...inner.traceback.slice(1));
    }
    return { ename, evalue, traceback };
  }

  private frameBlocks(stack: string): string[] {
    const blocks: string[] = [];
    let packageRun: { packages: string[]; count: number; entry: string } | null = null;
    const flushRun = () => {
      if (packageRun) {
        const { packages, count, entry } = packageRun;
        blocks.push(`  ... ${count} frame${count > 1 ? "s" : ""} in ${packages.join(", ")}${entry ? ` (entered via ${entry})` : ""}`);
      }
      packageRun = null;
    };
    for (const line of stack.split("\n")) {
      const frame = parseFrame(line);
      if (!frame) continue;
      const cell = this.cells.get(frame.file);
      if (cell) {
        flushRun();
        blocks.push(this.cellFrame(cell, frame));
        continue;
      }
      if (this.isMachinery(frame.file)) continue;
      const pkg = packageOf(frame.file);
      if (pkg) {
        packageRun ??= { packages: [], count: 0, entry: "" };
        if (!packageRun.packages.includes(pkg)) packageRun.packages.push(pkg);
        packageRun.count++;
        // The outermost frame of the run is the library function user code called.
        packageRun.entry = frame.name || packageRun.entry;
        continue;
      }
      flushRun();
      blocks.push(this.fileFrame(frame));
    }
    flushRun();
    return blocks;
  }

  private isMachinery(file: string): boolean {
    return file.startsWith("node:") || file === "<anonymous>" || file.startsWith("evalmachine.") || this.hiddenDirs.some((dir) => file.startsWith(dir));
  }

  private cellFrame(cell: { record: CellRecord; map?: SourceMap }, frame: Frame): string {
    const { record } = cell;
    cell.map ??= new SourceMap(JSON.parse(record.sourceMap));
    const entry = cell.map.findEntry(frame.line - 1 - record.bodyLine, frame.column - 1) as {
      originalLine?: number;
      originalColumn?: number;
    };
    const name = frame.name.replace(STORE_PREFIX, "");
    const inName = name && name !== "eval" ? `, in ${name}` : "";
    if (entry.originalLine === undefined || entry.originalColumn === undefined) return `Cell ${record.label}${inName}`;
    return [
      `Cell ${record.label}, line ${entry.originalLine + 1}, column ${entry.originalColumn + 1}${inName}`,
      ...excerpt(record.source.split("\n"), entry.originalLine, entry.originalColumn),
    ].join("\n");
  }

  /** A frame in a file on disk, shown at its TypeScript source when the file has a source map. */
  private fileFrame(frame: Frame): string {
    let file = frame.file.startsWith("file://") ? new URL(frame.file).pathname : frame.file;
    let { line, column } = frame;
    const map = this.sourceMapOf(file);
    if (map) {
      const entry = map.findEntry(line - 1, column - 1) as { originalSource?: string; originalLine?: number; originalColumn?: number };
      if (entry.originalSource !== undefined && entry.originalLine !== undefined && entry.originalColumn !== undefined) {
        file = entry.originalSource.startsWith("file://") ? new URL(entry.originalSource).pathname : path.resolve(path.dirname(file), entry.originalSource);
        line = entry.originalLine + 1;
        column = entry.originalColumn + 1;
      }
    }
    const shown = path.isAbsolute(file) ? path.relative(this.cwd, file) : file;
    const heading = `${shown}:${line}:${column}${frame.name ? `, in ${frame.name}` : ""}`;
    const lines = this.linesOf(file);
    return lines ? [heading, ...excerpt(lines, line - 1, column - 1)].join("\n") : heading;
  }

  private sourceMapOf(file: string): SourceMap | null {
    return readOnce(this.sourceMaps, file, () => new SourceMap(JSON.parse(fs.readFileSync(`${file}.map`, "utf8"))));
  }

  private linesOf(file: string): string[] | null {
    return readOnce(this.fileLines, file, () => fs.readFileSync(file, "utf8").split("\n"));
  }
}

function readOnce<T>(cache: Map<string, T | null>, file: string, read: () => T): T | null {
  if (!cache.has(file)) {
    let value: T | null = null;
    try {
      value = read();
    } catch {
      value = null;
    }
    cache.set(file, value);
  }
  return cache.get(file) ?? null;
}

export function describe(thrown: unknown): { ename: string; evalue: string } {
  if (thrown instanceof Error) {
    let ename = thrown.name || "Error";
    // A subclass that did not set `name` still has a telling class name.
    const className = thrown.constructor?.name;
    if (ename === "Error" && className && className !== "Error") ename = className;
    return { ename, evalue: String(thrown.message).replace(STORE_PREFIX, "") };
  }
  return { ename: "Uncaught", evalue: util.inspect(thrown) };
}

export function parseFrame(line: string): Frame | null {
  const m = FRAME.exec(line);
  if (!m) return null;
  // "Object.<anonymous>" is a module's top level; "Object.f" a function exported by a module.
  const name = (m[1] ?? "").replace(/^async /, "").replace(/^Object\.<anonymous>$/, "").replace(/^Object\./, "");
  return { name, file: m[2], line: Number(m[3]), column: Number(m[4]) };
}

/** "@scope/name" or "name" of the package a file belongs to, or null outside node_modules. */
function packageOf(file: string): string | null {
  const marker = `${path.sep}node_modules${path.sep}`;
  const at = file.lastIndexOf(marker);
  if (at < 0) return null;
  const parts = file.slice(at + marker.length).split(path.sep);
  return parts[0].startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0];
}
