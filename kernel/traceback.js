// @ts-check
/**
 * Errors as Jupyter `error` content: `ename`, `evalue` and a traceback that points at the cell's own
 * lines. Runtime stack frames in a cell's compiled code are mapped back to the cell source; frames
 * of the kernel machinery (node internals, vm, tslab, this folder) are dropped; frames in files
 * compiled with source maps (the course library's dist/) point at the TypeScript; frames inside
 * node_modules are summarised per package.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const util = require("util");
const { SourceMap } = require("module");
const { CellSourceMap } = require("./cellmap");

/**
 * @typedef {{ ename: string, evalue: string, traceback: string[] }} ErrorContent
 * @typedef {{ filename: string, label: string, source: string, compiled: string, bodyLine: number, map?: CellSourceMap }} CellRecord
 *   `compiled` is the code that ran; its line `bodyLine` (zero-based) is the first line of the cell body.
 * @typedef {import("tslab/dist/converter").Diagnostic} Diagnostic
 * @typedef {{ name: string, file: string, line: number, column: number }} Frame  line/column one-based, as V8 prints them
 */

const FRAME = /^\s*at (?:(.*?) \()?(.*?):(\d+):(\d+)\)?$/;

class Tracebacks {
  /**
   * @param {{ cwd: string, hiddenDirs: string[] }} options frames in `hiddenDirs` are kernel machinery
   */
  constructor({ cwd, hiddenDirs }) {
    this.cwd = cwd;
    this.hiddenDirs = hiddenDirs.map((dir) => path.resolve(dir) + path.sep);
    /** @type {Map<string, CellRecord>} compiled cells by the filename their code ran under */
    this.cells = new Map();
    /** @type {Map<string, SourceMap | null>} */
    this.sourceMaps = new Map();
    /** @type {Map<string, string[] | null>} */
    this.fileLines = new Map();
  }

  /** @param {CellRecord} cell */
  registerCell(cell) {
    this.cells.set(cell.filename, cell);
  }

  /**
   * The `error` content for TypeScript diagnostics of a cell: "line:col - message" of the cell.
   * @param {Diagnostic[]} diagnostics
   * @param {string} label e.g. "In[3]"
   * @param {string} source the cell
   * @returns {ErrorContent}
   */
  fromDiagnostics(diagnostics, label, source) {
    const sourceLines = source.split("\n");
    const where = (/** @type {Diagnostic} */ d) =>
      `${d.fileName ? `${d.fileName} ` : ""}${d.start.line + 1}:${d.start.character + 1}`;
    const first = diagnostics[0];
    const more = diagnostics.filter((d, i) => i > 0 && !sameSpan(d, diagnostics[i - 1])).length;
    const evalue = `${where(first)} - ${first.messageText}${more > 0 ? ` (and ${more} more)` : ""}`;
    const traceback = [`TSError: ${evalue}`];
    diagnostics.forEach((d, i) => {
      if (i > 0 && sameSpan(d, diagnostics[i - 1])) {
        // A continuation of the message chain above ("Type X is not assignable... / Property p is missing...").
        traceback[traceback.length - 1] += `\n    ${d.messageText}`;
        return;
      }
      const heading = d.fileName
        ? `${d.fileName}, line ${d.start.line + 1}, column ${d.start.character + 1}`
        : `Cell ${label}, line ${d.start.line + 1}, column ${d.start.character + 1}`;
      const lines = [`${heading}: error TS${d.code}: ${d.messageText}`];
      if (!d.fileName) {
        const width = d.end.line === d.start.line ? Math.max(1, d.end.character - d.start.character) : 1;
        lines.push(...excerpt(sourceLines, d.start.line, d.start.character, width));
      }
      traceback.push(lines.join("\n"));
    });
    return { ename: "TSError", evalue, traceback };
  }

  /**
   * The `error` content for a thrown value.
   * @param {unknown} thrown
   * @param {string} [label] the cell that was running, named when no frame points into a cell
   * @returns {ErrorContent}
   */
  fromError(thrown, label) {
    const { ename, evalue } = describe(thrown);
    const traceback = [evalue ? `${ename}: ${evalue}` : ename];
    const stack = thrown instanceof Error && typeof thrown.stack === "string" ? thrown.stack : "";
    const blocks = this.frameBlocks(stack);
    if (!blocks.some((b) => b.startsWith("Cell ")) && label) blocks.push(`Cell ${label}`);
    traceback.push(...blocks);
    const cause = thrown instanceof Error ? /** @type {{ cause?: unknown }} */ (thrown).cause : undefined;
    if (cause !== undefined) {
      const inner = this.fromError(cause);
      traceback.push(`Caused by: ${inner.traceback[0]}`, ...inner.traceback.slice(1));
    }
    return { ename, evalue, traceback };
  }

  /**
   * @param {string} stack
   * @returns {string[]} one block per frame (or per run of frames in one package)
   */
  frameBlocks(stack) {
    /** @type {string[]} */
    const blocks = [];
    /** @type {{ packages: string[], count: number, entry: string } | null} consecutive frames in node_modules */
    let packageRun = null;
    const flushRun = () => {
      if (packageRun) {
        const { packages, count, entry } = packageRun;
        const via = entry ? ` (entered via ${entry})` : "";
        blocks.push(`  ... ${count} frame${count > 1 ? "s" : ""} in ${packages.join(", ")}${via}`);
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

  /** @param {string} file */
  isMachinery(file) {
    return (
      file.startsWith("node:") ||
      file === "<anonymous>" ||
      file.startsWith("evalmachine.") ||
      this.hiddenDirs.some((dir) => file.startsWith(dir))
    );
  }

  /**
   * @param {CellRecord} cell
   * @param {Frame} frame
   */
  cellFrame(cell, frame) {
    cell.map ??= new CellSourceMap(cell.source, cell.compiled.split("\n").slice(cell.bodyLine).join("\n"));
    const at = cell.map.toSource({ line: frame.line - 1 - cell.bodyLine, column: frame.column - 1 });
    const inName = frame.name ? `, in ${frame.name}` : "";
    if (!at) return `Cell ${cell.label}${inName} (position in the compiled code: ${frame.line}:${frame.column})`;
    return [
      `Cell ${cell.label}, line ${at.line + 1}, column ${at.column + 1}${inName}`,
      ...excerpt(cell.source.split("\n"), at.line, at.column, 1),
    ].join("\n");
  }

  /**
   * A frame in a file on disk, shown at its TypeScript source when the file has a source map.
   * @param {Frame} frame
   */
  fileFrame(frame) {
    let file = frame.file.startsWith("file://") ? new URL(frame.file).pathname : frame.file;
    let line = frame.line;
    let column = frame.column;
    const map = this.sourceMapOf(file);
    if (map) {
      const entry = /** @type {{ originalSource?: string, originalLine?: number, originalColumn?: number }} */ (
        map.findEntry(line - 1, column - 1)
      );
      if (entry.originalSource !== undefined && entry.originalLine !== undefined && entry.originalColumn !== undefined) {
        file = entry.originalSource.startsWith("file://")
          ? new URL(entry.originalSource).pathname
          : path.resolve(path.dirname(file), entry.originalSource);
        line = entry.originalLine + 1;
        column = entry.originalColumn + 1;
      }
    }
    const shown = path.isAbsolute(file) ? path.relative(this.cwd, file) : file;
    const heading = `${shown}:${line}:${column}${frame.name ? `, in ${frame.name}` : ""}`;
    const lines = this.linesOf(file);
    return lines ? [heading, ...excerpt(lines, line - 1, column - 1, 1)].join("\n") : heading;
  }

  /**
   * The source map beside a compiled file (`x.js.map`), read once.
   * @param {string} file
   */
  sourceMapOf(file) {
    return readOnce(this.sourceMaps, file, () => new SourceMap(JSON.parse(fs.readFileSync(`${file}.map`, "utf8"))));
  }

  /** @param {string} file */
  linesOf(file) {
    return readOnce(this.fileLines, file, () => fs.readFileSync(file, "utf8").split("\n"));
  }
}

/**
 * `cache`'s value for `file`, read on the first call; null (also remembered) when reading fails.
 * @template T
 * @param {Map<string, T | null>} cache
 * @param {string} file
 * @param {() => T} read
 * @returns {T | null}
 */
function readOnce(cache, file, read) {
  if (!cache.has(file)) {
    let value = null;
    try {
      value = read();
    } catch {
      value = null;
    }
    cache.set(file, value);
  }
  return cache.get(file) ?? null;
}

/**
 * @param {unknown} thrown
 * @returns {{ ename: string, evalue: string }}
 */
function describe(thrown) {
  if (thrown instanceof Error) {
    let ename = thrown.name || "Error";
    // A subclass that did not set `name` still has a telling class name.
    const className = thrown.constructor?.name;
    if (ename === "Error" && className && className !== "Error") ename = className;
    return { ename, evalue: String(thrown.message) };
  }
  return { ename: "Uncaught", evalue: util.inspect(thrown) };
}

/**
 * @param {string} line
 * @returns {Frame | null}
 */
function parseFrame(line) {
  const m = FRAME.exec(line);
  if (!m) return null;
  // "Object.<anonymous>" is a module's top level; "Object.f" a function exported by a module.
  const name = (m[1] ?? "").replace(/^async /, "").replace(/^Object\.<anonymous>$/, "").replace(/^Object\./, "");
  return { name, file: m[2], line: Number(m[3]), column: Number(m[4]) };
}

/**
 * "@scope/name" or "name" of the package a file belongs to, or null outside node_modules.
 * @param {string} file
 */
function packageOf(file) {
  const marker = `${path.sep}node_modules${path.sep}`;
  const at = file.lastIndexOf(marker);
  if (at < 0) return null;
  const parts = file.slice(at + marker.length).split(path.sep);
  return parts[0].startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0];
}

/**
 * The offending line, IPython style, with a caret under the column.
 * @param {string[]} lines
 * @param {number} line zero-based
 * @param {number} column zero-based
 * @param {number} width carets
 */
function excerpt(lines, line, column, width) {
  const text = lines[line];
  if (text === undefined) return [];
  const number = String(line + 1);
  const prefix = `----> ${number} `;
  const clipped = Math.min(width, Math.max(1, text.length - column));
  return [`${prefix}${text}`, `${" ".repeat(prefix.length + column)}${"^".repeat(clipped)}`];
}

/**
 * @param {Diagnostic} a
 * @param {Diagnostic} b
 */
function sameSpan(a, b) {
  return a.start.offset === b.start.offset && a.end.offset === b.end.offset && a.fileName === b.fileName;
}

module.exports = { Tracebacks, parseFrame, describe };
