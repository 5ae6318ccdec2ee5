// @ts-check
/**
 * Makes cells interruptible.
 *
 * Node can stop a busy synchronous script on SIGINT only while it runs inside
 * `vm.Script#runInThisContext({ breakOnSigint: true })`. A cell's synchronous start runs there, but
 * after its first top-level `await` an async function resumes from the microtask queue, where a
 * `while (true) {}` could never be interrupted. So a cell with top-level awaits is compiled as a
 * generator (`await e` -> `(yield e)`) and the kernel resumes it step by step, each step inside
 * that SIGINT scope; an interrupt while the cell waits is thrown into it at its `await`, as
 * IPython raises KeyboardInterrupt where the code is.
 */
"use strict";
const path = require("path");
const vm = require("vm");
const { ts } = require("./typescript");

const WRAPPER_HEAD = "async function __cell__() {\n";

/**
 * Rewrites the top-level awaits of a compiled cell body into yields; null when the body uses a
 * top-level `for await`, which a generator cannot express (such cells run as async functions).
 * @param {string} body compiled JavaScript with top-level awaits
 * @returns {string | null}
 */
function awaitsToYields(body) {
  const text = WRAPPER_HEAD + body + "\n}";
  const file = ts.createSourceFile("cell.js", text, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const wrapper = file.statements[0];
  /** @type {{ at: number, remove: number, insert: string }[]} */
  const edits = [];
  let convertible = true;
  /** @param {import("@tslab/typescript-for-tslab").Node} node */
  const visit = (node) => {
    if (!convertible) return;
    if (node !== wrapper && (ts.isFunctionLike(node) || ts.isClassStaticBlockDeclaration(node))) return;
    if (ts.isForOfStatement(node) && node.awaitModifier) {
      convertible = false;
      return;
    }
    if (ts.isAwaitExpression(node)) {
      const start = node.getStart(file);
      edits.push({ at: start, remove: "await".length, insert: "(yield" }, { at: node.end, remove: 0, insert: ")" });
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(wrapper, visit);
  if (!convertible) return null;
  // Apply from the end so earlier offsets stay valid; nested awaits only ever share an end offset,
  // where the inserted ")" are interchangeable.
  edits.sort((a, b) => b.at - a.at);
  let out = text;
  for (const edit of edits) out = out.slice(0, edit.at) + edit.insert + out.slice(edit.at + edit.remove);
  return out.slice(WRAPPER_HEAD.length, out.length - "\n}".length);
}

/** Runs a function inside a `breakOnSigint` scope: SIGINT then throws ERR_SCRIPT_EXECUTION_INTERRUPTED. */
class SigintScope {
  constructor() {
    /** @type {(() => unknown) | null} */
    this.pending = null;
    const slot = `__nnKernelSigintScope${++SigintScope.instances}__`;
    Object.defineProperty(globalThis, slot, { value: () => this.pending?.(), enumerable: false });
    // Named after this file so tracebacks can drop its frame with the kernel's own.
    this.script = new vm.Script(`globalThis.${slot}()`, { filename: path.join(__dirname, "sigint-scope.js") });
  }

  /**
   * @template T
   * @param {() => T} fn
   * @returns {T}
   */
  run(fn) {
    const outer = this.pending;
    this.pending = fn;
    try {
      return /** @type {T} */ (this.script.runInThisContext({ breakOnSigint: true }));
    } finally {
      this.pending = outer;
    }
  }
}

SigintScope.instances = 0;

/** The error a SIGINT raises inside a running cell. */
class KeyboardInterrupt extends Error {
  constructor(message = "the cell was interrupted") {
    super(message);
    this.name = "KeyboardInterrupt";
  }
}

/** @param {unknown} err */
function isSigintTermination(err) {
  return (
    err instanceof Error && /** @type {NodeJS.ErrnoException} */ (err).code === "ERR_SCRIPT_EXECUTION_INTERRUPTED"
  );
}

/**
 * Drives a cell generator to completion: every step runs inside the SIGINT scope; awaited values
 * are settled like `await` does. `interrupt()` throws a KeyboardInterrupt into the generator at the
 * `await` it is waiting on (its try/finally blocks run).
 */
class GeneratorRun {
  /**
   * @param {Generator<unknown, unknown, unknown>} generator
   * @param {SigintScope} scope
   */
  constructor(generator, scope) {
    this.generator = generator;
    this.scope = scope;
    /** Increments on every resume, so a settled await that was interrupted meanwhile is ignored. */
    this.step = 0;
    this.finished = false;
    /** @type {(value: unknown) => void} */
    this.resolve = () => {};
    /** @type {(error: unknown) => void} */
    this.reject = () => {};
    this.promise = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    this.resume("next", undefined);
  }

  /**
   * @param {"next" | "throw"} how
   * @param {unknown} value
   */
  resume(how, value) {
    if (this.finished) return;
    const step = ++this.step;
    /** @type {IteratorResult<unknown, unknown>} */
    let result;
    try {
      result = this.scope.run(() => (how === "next" ? this.generator.next(value) : this.generator.throw(value)));
    } catch (err) {
      this.finish();
      this.reject(isSigintTermination(err) ? new KeyboardInterrupt() : err);
      return;
    }
    if (result.done) {
      this.finish();
      this.resolve(result.value);
      return;
    }
    Promise.resolve(result.value).then(
      (settled) => step === this.step && this.resume("next", settled),
      (error) => step === this.step && this.resume("throw", error),
    );
  }

  finish() {
    this.finished = true;
  }

  /** Called from the SIGINT handler while the cell waits on an await. */
  interrupt() {
    this.resume("throw", new KeyboardInterrupt());
  }
}

module.exports = { awaitsToYields, SigintScope, GeneratorRun, KeyboardInterrupt, isSigintTermination };
