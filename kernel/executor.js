// @ts-check
/**
 * Compiles and runs cells with tslab's converter (type checking, declarations carried from cell to
 * cell, top-level await), reporting outcomes as data instead of printing them: the last
 * expression's value, TypeScript diagnostics, runtime errors with cell positions, interrupts.
 *
 * This takes the place of tslab's executor (dist/executor.js), whose `execute` prints values and
 * errors to the console. The variable store and the `require` hook are adapted from it
 * (tslab, Apache-2.0, https://github.com/yunabe/tslab): names a cell declares are kept on one
 * `exports` object, and `require` serves TypeScript files next to the notebook that tslab compiled.
 */
"use strict";
const path = require("path");
const vm = require("vm");
const Module = require("module");
const { ts } = require("./typescript");
const { expandShorthandReferences } = require("./shorthand");
const { awaitsToYields, SigintScope, GeneratorRun, KeyboardInterrupt, isSigintTermination } = require("./interruptible");

/**
 * @typedef {import("tslab/dist/converter").Converter} Converter
 * @typedef {import("tslab/dist/converter").ConvertResult} ConvertResult
 * @typedef {import("./traceback").ErrorContent} ErrorContent
 * @typedef {{ status: "ok", value?: { shown: unknown } } | { status: "error", error: ErrorContent }} Outcome
 *   `value` is present when the cell ends with an expression whose result should be shown.
 * @typedef {{ matches: string[], cursor_start: number, cursor_end: number, metadata: Record<string, unknown> }} Completion
 */

/** Line of the compiled code where a cell's body starts: line 0 holds the function head. */
const BODY_LINE = 1;

class CellExecutor {
  /**
   * @param {{ rootDir: string, tracebacks: import("./traceback").Tracebacks }} options
   *   rootDir: the notebook's folder (the kernel's cwd), from which cells resolve imports
   */
  constructor({ rootDir, tracebacks }) {
    this.rootDir = rootDir;
    this.tracebacks = tracebacks;
    /** Declarations of every earlier cell, the context tslab type-checks a new cell in. */
    this.prevDecl = "";
    /** @type {{ node?: Converter, browser?: Converter }} */
    this.converters = {};
    this.exports = createExports();
    /** @type {Map<string, string>} compiled .ts files next to the notebook, by .js path */
    this.sideOutputs = new Map();
    /** @type {Map<string, Module>} */
    this.sideModules = new Map();
    this.require = wrapRequire(
      Module.createRequire(path.join(rootDir, "src.js")),
      rootDir,
      this.sideOutputs,
      this.sideModules,
    );
    this.scope = new SigintScope();
    /** @type {{ interrupt(): void } | null} the running cell while it awaits */
    this.active = null;
    this.runs = 0;
  }

  /** The TypeScript converter for Node cells; creating it takes about a second, so do it early. */
  get node() {
    this.converters.node ??= require("tslab/dist/converter").createConverter({ isJS: false, isBrowser: false });
    return this.converters.node;
  }

  get browser() {
    this.converters.browser ??= require("tslab/dist/converter").createConverter({ isJS: false, isBrowser: true });
    return this.converters.browser;
  }

  warmUp() {
    void this.node;
  }

  /**
   * Compiles and runs one cell.
   * @param {string} code
   * @param {string} label how tracebacks name the cell, e.g. "In[3]"
   * @returns {Promise<Outcome>}
   */
  async execute(code, label) {
    const { getCodeMetadata } = require("tslab/dist/metadata");
    const meta = getCodeMetadata(code);
    if (meta.module) {
      // `/** @module name */` cells define an importable module instead of running.
      const diagnostics = (meta.mode === "browser" ? this.browser : this.node).addModule(meta.module, code, meta);
      return diagnostics.length > 0
        ? { status: "error", error: this.tracebacks.fromDiagnostics(diagnostics, label, code) }
        : { status: "ok" };
    }
    if (meta.mode === "browser") {
      return { status: "error", error: unsupported("`/** @browser */` cells are not supported by this kernel") };
    }

    const converted = this.node.convert(this.prevDecl, code);
    for (const out of converted.sideOutputs ?? []) {
      this.sideModules.delete(out.path);
      this.sideOutputs.set(out.path, out.data);
    }
    if (converted.diagnostics.length > 0) {
      return { status: "error", error: this.tracebacks.fromDiagnostics(converted.diagnostics, label, code) };
    }
    if (!converted.output) {
      // Only types and interfaces: nothing to run.
      this.prevDecl = converted.declOutput ?? "";
      return { status: "ok" };
    }

    /** @type {unknown} */
    let failure;
    let failed = false;
    try {
      await this.run(converted, code, label);
    } catch (err) {
      failed = true;
      failure = isSigintTermination(err) ? new KeyboardInterrupt() : err;
    }
    // Keep what the cell declared even when it failed part way, as IPython keeps the variables a
    // failing cell assigned: later cells can look at them.
    this.prevDecl = converted.declOutput ?? "";
    const resultName = converted.lastExpressionVar;
    const hasResult = resultName !== undefined && Object.prototype.hasOwnProperty.call(this.exports, resultName);
    const result = hasResult ? this.exports[/** @type {string} */ (resultName)] : undefined;
    if (hasResult) delete this.exports[/** @type {string} */ (resultName)];
    if (failed) return { status: "error", error: this.tracebacks.fromError(failure, label) };
    if (!hasResult || result === undefined || endsWithSemicolon(code)) return { status: "ok" };
    return { status: "ok", value: { shown: result } };
  }

  /**
   * Runs compiled code under a filename of its own, so stack frames can be mapped back to the cell.
   * @param {ConvertResult} converted
   * @param {string} source
   * @param {string} label
   */
  async run(converted, source, label) {
    const body = expandShorthandReferences(/** @type {string} */ (converted.output), (name) =>
      Object.prototype.hasOwnProperty.call(this.exports, name),
    );
    const filename = `cell-${++this.runs}-${label}.js`;
    // tslab does not flag a top-level `for await` as top-level await; it needs an async body too.
    const isAsync = converted.hasToplevelAwait === true || /\bfor\s+await\b/.test(body);
    const generatorBody = isAsync ? awaitsToYields(body) : null;
    const head = !isAsync
      ? "(function (exports, require) {"
      : generatorBody !== null
        ? "(function* (exports, require) {"
        : "(async function (exports, require) {";
    const compiled = `${head}\n${generatorBody ?? body}\n})`;
    this.tracebacks.registerCell({ filename, label, source, compiled, bodyLine: BODY_LINE });
    const cellFunction = /** @type {(exports: object, require: NodeJS.Require) => any} */ (
      new vm.Script(compiled, { filename }).runInThisContext()
    );

    if (!isAsync) {
      this.scope.run(() => cellFunction(this.exports, this.require));
      return;
    }
    if (generatorBody !== null) {
      const run = new GeneratorRun(cellFunction(this.exports, this.require), this.scope);
      this.active = run;
      try {
        await run.promise;
      } finally {
        this.active = null;
      }
      return;
    }
    // A top-level `for await` cell: its code after the first await cannot be stopped; an
    // interrupt abandons it (it may go on in the background), as tslab does.
    /** @type {Promise<never>} */
    const interrupted = new Promise((_, reject) => {
      const message = "the cell was interrupted (it may still run in the background)";
      this.active = { interrupt: () => reject(new KeyboardInterrupt(message)) };
    });
    try {
      await Promise.race([this.scope.run(() => cellFunction(this.exports, this.require)), interrupted]);
    } finally {
      this.active = null;
    }
  }

  /**
   * Interrupts the cell that is waiting on an await (a busy cell is stopped by SIGINT directly).
   * @returns {boolean} whether a cell was interrupted
   */
  interrupt() {
    if (!this.active) return false;
    this.active.interrupt();
    return true;
  }

  /**
   * @param {string} code
   * @param {number} cursorPos in code points, as Jupyter counts
   * @returns {Completion}
   */
  complete(code, cursorPos) {
    const info = this.node.complete(this.prevDecl, code, utf16Offset(code, cursorPos));
    const start = codePointOffset(code, info.start);
    const end = codePointOffset(code, info.end);
    /** @type {Map<string, string>} */
    const kinds = new Map();
    for (const entry of info.original?.entries ?? []) if (!kinds.has(entry.name)) kinds.set(entry.name, entry.kind);
    return {
      matches: info.candidates,
      cursor_start: start,
      cursor_end: end,
      metadata: {
        // JupyterLab shows these kinds beside the matches.
        _jupyter_types_experimental: info.candidates.map((text) => ({ start, end, text, type: kinds.get(text) ?? "" })),
      },
    };
  }

  /**
   * Type and documentation of the name at the cursor (or just before it).
   * @param {string} code
   * @param {number} cursorPos in code points
   * @returns {{ found: boolean, data: Record<string, string> }}
   */
  inspect(code, cursorPos) {
    const pos = utf16Offset(code, cursorPos);
    const info =
      this.node.inspect(this.prevDecl, code, pos) ??
      (pos > 0 ? this.node.inspect(this.prevDecl, code, pos - 1) : undefined);
    if (!info) return { found: false, data: {} };
    const { printQuickInfo } = require("tslab/dist/inspect");
    const signature = (info.displayParts ?? []).map((p) => p.text).join("");
    const docs = (info.documentation ?? []).map((p) => p.text).join("");
    return {
      found: true,
      data: {
        "text/plain": printQuickInfo(info),
        "text/markdown": "```typescript\n" + signature + "\n```" + (docs ? `\n\n${docs}` : ""),
      },
    };
  }

  /**
   * `user_expressions` of an execute_request: JavaScript-transpiled expressions evaluated against
   * the cells' variables, each as a mime bundle or an error.
   * @param {Record<string, string>} expressions
   * @param {(value: unknown) => { data: Record<string, unknown>, metadata: Record<string, unknown> }} bundleOf
   */
  evaluateExpressions(expressions, bundleOf) {
    /** @type {Record<string, object>} */
    const results = {};
    for (const [name, expression] of Object.entries(expressions)) {
      try {
        const js = ts
          .transpile(`(${expression})`, { target: ts.ScriptTarget.ES2022, removeComments: true })
          .trim()
          .replace(/;$/, "");
        // Sloppy-mode `with` exposes the cells' variables by name, falling back to globals.
        const evaluate = vm.runInThisContext(`(function (scope) { with (scope) { return ${js}; } })`);
        results[name] = { status: "ok", ...bundleOf(evaluate(this.exports)) };
      } catch (err) {
        results[name] = { status: "error", ...this.tracebacks.fromError(err) };
      }
    }
    return results;
  }

  close() {
    this.converters.node?.close();
    this.converters.browser?.close();
  }
}

/**
 * The cells' variable store. TypeScript compiles named imports to `Object.defineProperty` getters;
 * storing plain values instead keeps them reassignable by later cells (as tslab does).
 * @returns {Record<string, any>}
 */
function createExports() {
  /** @type {Record<string, any>} */
  const store = {};
  return new Proxy(store, {
    defineProperty: (_target, prop, attributes) => {
      if (prop === "__esModule") return true;
      store[/** @type {string} */ (prop)] = attributes.get ? attributes.get() : attributes.value;
      return true;
    },
  });
}

/**
 * `require` for cells: `require("tslab")` gives tslab's display API, and relative imports of
 * TypeScript files next to the notebook load tslab's compiled output of them.
 * @param {NodeJS.Require} base
 * @param {string} dirname
 * @param {Map<string, string>} sideOutputs
 * @param {Map<string, Module>} sideModules
 * @returns {NodeJS.Require}
 */
function wrapRequire(base, dirname, sideOutputs, sideModules) {
  /** @param {string} id */
  function fromSideOutputs(id) {
    let filename = path.join(dirname, id).replace(/\\/g, "/");
    if (path.extname(filename) === "") filename += ".js";
    const cached = sideModules.get(filename);
    if (cached) return cached.exports;
    const code = sideOutputs.get(filename);
    if (code === undefined) return null;
    const mod = new Module(filename, /** @type {NodeJS.Module} */ (/** @type {unknown} */ (module)));
    mod.filename = filename;
    mod.paths = /** @type {any} */ (Module)._nodeModulePaths(path.dirname(filename));
    mod.require = wrapRequire(Module.createRequire(filename), path.dirname(filename), sideOutputs, sideModules);
    /** @type {any} */ (mod)._compile(code, filename);
    sideModules.set(filename, mod);
    return mod.exports;
  }
  return new Proxy(base, {
    apply: (_target, thisArg, args) => {
      if (args.length === 1 && typeof args[0] === "string") {
        if (args[0] === "tslab") return require("tslab");
        const local = fromSideOutputs(args[0]);
        if (local) return local;
      }
      return Reflect.apply(base, thisArg, args);
    },
  });
}

/**
 * IPython's rule: a trailing `;` on the last expression hides its value.
 * @param {string} code
 */
function endsWithSemicolon(code) {
  const file = ts.createSourceFile("cell.ts", code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const last = file.statements[file.statements.length - 1];
  return last !== undefined && ts.isExpressionStatement(last) && last.getText(file).endsWith(";");
}

/**
 * @param {string} message
 * @returns {ErrorContent}
 */
function unsupported(message) {
  return { ename: "NotSupportedError", evalue: message, traceback: [`NotSupportedError: ${message}`] };
}

/**
 * Jupyter counts cursor positions in code points; TypeScript in UTF-16 units.
 * @param {string} text
 * @param {number} codePoints
 */
function utf16Offset(text, codePoints) {
  let offset = 0;
  for (let i = 0; i < codePoints && offset < text.length; i++) {
    offset += /** @type {number} */ (text.codePointAt(offset)) > 0xffff ? 2 : 1;
  }
  return offset;
}

/**
 * @param {string} text
 * @param {number} utf16
 */
function codePointOffset(text, utf16) {
  return Array.from(text.slice(0, utf16)).length;
}

module.exports = { CellExecutor, endsWithSemicolon, utf16Offset, codePointOffset };
