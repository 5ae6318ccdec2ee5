/**
 * The course kernel's parts, without a running kernel: is_complete, history queries, mapping of
 * compiled positions to cell lines, tracebacks, the await -> yield rewrite that makes cells
 * interruptible, shorthand-property expansion, result display, the wire codec, and the type check
 * of the kernel's JavaScript sources.
 */
import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import * as util from "util";
import * as ts from "typescript";
import { tf } from "../../lib/backend";

const REPO = path.resolve(__dirname, "..", "..");
const KERNEL = path.join(REPO, "kernel");

// The kernel is plain JavaScript (kernel/tsconfig.json type-checks it); these are the shapes used here.
type Status = { status: "complete" | "incomplete" | "invalid"; indent?: string };
type HistoryItem = [number, number, string | [string, string | null]];
type ErrorContent = { ename: string; evalue: string; traceback: string[] };
type Diagnostic = {
  start: { offset: number; line: number; character: number };
  end: { offset: number; line: number; character: number };
  messageText: string;
  category: number;
  code: number;
  fileName?: string;
};

const { isComplete } = require(path.join(KERNEL, "is-complete")) as { isComplete(code: string): Status };
const { History, globToRegExp } = require(path.join(KERNEL, "history")) as {
  History: new () => {
    add(line: number, input: string): void;
    setOutput(line: number, output: string): void;
    query(request: Record<string, unknown>): HistoryItem[];
  };
  globToRegExp(glob: string): RegExp;
};
const { CellSourceMap } = require(path.join(KERNEL, "cellmap")) as {
  CellSourceMap: new (source: string, compiled: string) => {
    toSource(at: { line: number; column: number }): { line: number; column: number } | null;
  };
};
const { Tracebacks } = require(path.join(KERNEL, "traceback")) as {
  Tracebacks: new (options: { cwd: string; hiddenDirs: string[] }) => {
    registerCell(cell: { filename: string; label: string; source: string; compiled: string; bodyLine: number }): void;
    fromError(thrown: unknown, label?: string): ErrorContent;
    fromDiagnostics(diagnostics: Diagnostic[], label: string, source: string): ErrorContent;
  };
};
const { awaitsToYields, SigintScope, GeneratorRun, KeyboardInterrupt } = require(path.join(KERNEL, "interruptible")) as {
  awaitsToYields(body: string): string | null;
  SigintScope: new () => { run<T>(fn: () => T): T };
  GeneratorRun: new (generator: Generator<unknown, unknown, unknown>, scope: unknown) => {
    promise: Promise<unknown>;
    interrupt(): void;
  };
  KeyboardInterrupt: new (message?: string) => Error;
};
const { expandShorthandReferences } = require(path.join(KERNEL, "shorthand")) as {
  expandShorthandReferences(body: string, isEarlierVariable: (name: string) => boolean): string;
};
const { endsWithSemicolon, utf16Offset, codePointOffset } = require(path.join(KERNEL, "executor")) as {
  endsWithSemicolon(code: string): boolean;
  utf16Offset(text: string, codePoints: number): number;
  codePointOffset(text: string, utf16: number): number;
};
const { mimeBundleOf, TensorInspection } = require(path.join(KERNEL, "display")) as {
  mimeBundleOf(value: unknown, notes: (note: string) => void): { data: Record<string, unknown>; metadata: Record<string, unknown> };
  TensorInspection: new () => { installIfLoaded(): void };
};
const { MessageFactory, parseMessage } = require(path.join(KERNEL, "wire")) as {
  MessageFactory: new (key: string) => {
    session: string;
    create(type: string, content: object, parent: null): { header: Record<string, string> };
    serialize(message: object, identities: Buffer[]): Buffer[];
  };
  parseMessage(key: string, frames: Buffer[]): { identities: Buffer[]; header: Record<string, string>; content: object } | string;
};

/** A cell as the user wrote it, and the body tslab compiled it to (copied from tslab's output). */
const CELL_SOURCE = [
  "let a: number = 1;",
  "",
  "function fail(x: number): number {",
  "  // comment",
  "  if (x > 0) {",
  '    throw new Error("boom " + a);',
  "  }",
  "  return x;",
  "}",
  "fail(a)",
].join("\n");
const CELL_BODY = [
  'Object.defineProperty(exports, "__esModule", { value: true });',
  "exports.a = exports.fail = exports.tsLastExpr = void 0;",
  "let a = 1;",
  "exports.a = a;",
  "function fail(x) {",
  "    // comment",
  "    if (x > 0) {",
  '        throw new Error("boom " + a);',
  "    }",
  "    return x;",
  "}",
  "exports.fail = fail;",
  "exports.tsLastExpr = fail(a);",
].join("\n");

describe("kernel: is_complete", () => {
  const cases: [string, Status["status"], string?][] = [
    ["1", "complete"],
    ["let x = 1;", "complete"],
    ["function f(a: number) {\n  return a;\n}", "complete"],
    ["<number>x", "complete"],
    ["", "complete"],
    ["function f(a: number) {", "incomplete", "  "],
    ["const X = [[1, 2],\n  [3, 4],", "incomplete", "  "],
    ["if (cost > 0.5) {\n  console.log(cost);", "incomplete", "  "],
    ["model(X, Y,", "incomplete", ""],
    ["const f = (z: number) =>", "incomplete", "  "],
    ["const note = `a template", "incomplete", ""],
    ["/* open comment", "incomplete", ""],
    ["const cost =", "incomplete", ""],
    ["x = 1 +\n", "incomplete", ""],
    ["let 1x = 3;", "invalid"],
    ["}", "invalid"],
    ['const s = "unterminated', "invalid"],
    ["1 +* 2", "invalid"],
    ["model(X, Y,\n\n", "invalid"], // a blank line ends the input, as in IPython's console
  ];
  for (const [code, status, indent] of cases) {
    it(`${JSON.stringify(code)} is ${status}`, () => {
      const got = isComplete(code);
      assert.equal(got.status, status);
      if (status === "incomplete") assert.equal(got.indent, indent);
      else assert.equal(got.indent, undefined);
    });
  }
});

describe("kernel: history", () => {
  const history = new History();
  ["let w = 0;", "6 * 7", "w + 1", "6 * 7", "console.log(w)"].forEach((input, i) => history.add(i + 1, input));
  history.setOutput(2, "42");
  history.setOutput(4, "42");

  it("tail gives the last n inputs in order", () => {
    assert.deepEqual(history.query({ hist_access_type: "tail", n: 2 }), [
      [1, 4, "6 * 7"],
      [1, 5, "console.log(w)"],
    ]);
  });
  it("output=true pairs each input with its text output (null when none)", () => {
    assert.deepEqual(history.query({ hist_access_type: "tail", n: 2, output: true }), [
      [1, 4, ["6 * 7", "42"]],
      [1, 5, ["console.log(w)", null]],
    ]);
  });
  it("range gives start <= line < stop of the current session (1, or 0 as IPython allows)", () => {
    assert.deepEqual(history.query({ hist_access_type: "range", session: 1, start: 2, stop: 4 }), [
      [1, 2, "6 * 7"],
      [1, 3, "w + 1"],
    ]);
    assert.equal(history.query({ hist_access_type: "range", session: 0, start: 1 }).length, 5);
    assert.deepEqual(history.query({ hist_access_type: "range", session: 7, start: 1 }), []);
  });
  it("search globs whole inputs; unique keeps the latest of each; n keeps the last n", () => {
    assert.deepEqual(
      history.query({ hist_access_type: "search", pattern: "6 ? 7" }).map((h) => h[1]),
      [2, 4],
    );
    assert.deepEqual(history.query({ hist_access_type: "search", pattern: "6 ? 7", unique: true }), [[1, 4, "6 * 7"]]);
    assert.deepEqual(
      history.query({ hist_access_type: "search", pattern: "*w*", n: 2 }).map((h) => h[1]),
      [3, 5],
    );
  });
  it("glob semantics follow SQLite GLOB (case-sensitive, [sets], literal regex characters)", () => {
    assert.ok(globToRegExp("a[bc]d").test("acd"));
    assert.ok(!globToRegExp("a[^bc]d").test("acd"));
    assert.ok(!globToRegExp("ABC").test("abc"));
    assert.ok(globToRegExp("f(x).y").test("f(x).y"));
    assert.ok(!globToRegExp("f(x).y").test("f(x)zy"));
    assert.ok(globToRegExp("*").test("two\nlines"));
  });
});

describe("kernel: compiled positions back to cell lines", () => {
  const map = new CellSourceMap(CELL_SOURCE, CELL_BODY);

  it("maps the throw inside a function to its cell line and column", () => {
    // V8 reports `throw new Error(...)` at `new`: body line 7, column 14.
    assert.deepEqual(map.toSource({ line: 7, column: 14 }), { line: 5, column: 10 });
  });
  it("maps a call of the last expression to the call, not to the export bookkeeping", () => {
    // `exports.tsLastExpr = fail(a);`: V8 reports the call at `fail`, column 21.
    assert.deepEqual(map.toSource({ line: 12, column: 21 }), { line: 9, column: 0 });
  });
  it("gives null for a line with no counterpart in the cell", () => {
    assert.equal(map.toSource({ line: 40, column: 0 }), null);
  });
});

describe("kernel: tracebacks", () => {
  const compiled = `(function (exports, require) {\n${CELL_BODY}\n})`;
  const tracebacks = new Tracebacks({ cwd: REPO, hiddenDirs: [KERNEL] });
  tracebacks.registerCell({ filename: "cell-1-In[3].js", label: "In[3]", source: CELL_SOURCE, compiled, bodyLine: 1 });

  it("maps cell frames, drops kernel machinery and summarises node_modules frames", () => {
    const err = new Error("boom 1");
    err.stack = [
      "Error: boom 1",
      "    at assert (/x/node_modules/@tensorflow/tfjs-core/dist/tf-core.node.js:10:5)",
      "    at Object.matMul__op (/x/node_modules/@tensorflow/tfjs-core/dist/tf-core.node.js:20:5)",
      "    at fail (cell-1-In[3].js:9:15)",
      "    at cell-1-In[3].js:14:22",
      `    at SigintScope.run (${path.join(KERNEL, "interruptible.js")}:77:30)`,
      "    at Script.runInThisContext (node:vm:136:12)",
      "    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)",
      "    at evalmachine.<anonymous>:1:1",
    ].join("\n");
    const { ename, evalue, traceback } = tracebacks.fromError(err, "In[3]");
    assert.equal(ename, "Error");
    assert.equal(evalue, "boom 1");
    assert.deepEqual(traceback, [
      "Error: boom 1",
      "  ... 2 frames in @tensorflow/tfjs-core (entered via matMul__op)",
      'Cell In[3], line 6, column 11, in fail\n----> 6     throw new Error("boom " + a);\n                  ^',
      "Cell In[3], line 10, column 1\n----> 10 fail(a)\n         ^",
    ]);
  });

  it("names the running cell when no frame points into one, and describes non-Error throws", () => {
    assert.deepEqual(tracebacks.fromError(new KeyboardInterrupt(), "In[4]").traceback.slice(-1), ["Cell In[4]"]);
    const thrown = tracebacks.fromError("just a string", "In[5]");
    assert.deepEqual([thrown.ename, thrown.evalue], ["Uncaught", "'just a string'"]);
  });

  it("uses the class name of Error subclasses that do not set `name`", () => {
    class ShapeMismatch extends Error {}
    assert.equal(tracebacks.fromError(new ShapeMismatch("(2,3) vs (3,3)")).ename, "ShapeMismatch");
  });

  it("shows frames of compiled files at their TypeScript source, via the source map", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "kernel-traceback-"));
    try {
      const source = "export function sigmoid(z: number): number {\n  if (!Number.isFinite(z)) {\n    throw new RangeError(`sigmoid: z=${z}`);\n  }\n  return 1 / (1 + Math.exp(-z));\n}\n";
      const out = ts.transpileModule(source, {
        fileName: "activations.ts",
        compilerOptions: { sourceMap: true, module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 },
      });
      writeFileSync(path.join(dir, "activations.ts"), source);
      writeFileSync(path.join(dir, "activations.js"), out.outputText);
      writeFileSync(path.join(dir, "activations.js.map"), out.sourceMapText ?? "");
      const jsLines = out.outputText.split("\n");
      const line = jsLines.findIndex((l) => l.includes("throw new RangeError"));
      const column = jsLines[line].indexOf("new RangeError");
      const err = new RangeError("sigmoid: z=NaN");
      err.stack = `RangeError: sigmoid: z=NaN\n    at sigmoid (${path.join(dir, "activations.js")}:${line + 1}:${column + 1})`;
      const [, frame] = new Tracebacks({ cwd: dir, hiddenDirs: [] }).fromError(err).traceback;
      assert.equal(frame, "activations.ts:3:11, in sigmoid\n----> 3     throw new RangeError(`sigmoid: z=${z}`);\n                  ^");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reports TypeScript diagnostics as line:col - message of the cell", () => {
    const source = 'let epochs: number = 10;\nepochs = "ten";';
    const at = (offset: number, line: number, character: number) => ({ offset, line, character });
    const { ename, evalue, traceback } = tracebacks.fromDiagnostics(
      [
        { start: at(25, 1, 0), end: at(31, 1, 6), messageText: "Type 'string' is not assignable to type 'number'.", category: 1, code: 2322 },
      ],
      "In[7]",
      source,
    );
    assert.equal(ename, "TSError");
    assert.equal(evalue, "2:1 - Type 'string' is not assignable to type 'number'.");
    assert.equal(
      traceback[1],
      "Cell In[7], line 2, column 1: error TS2322: Type 'string' is not assignable to type 'number'.\n" +
        '----> 2 epochs = "ten";\n        ^^^^^^',
    );
  });
});

describe("kernel: interruptible cells", () => {
  it("rewrites top-level awaits into yields, leaving nested async functions alone", () => {
    const body = "const a = await f(await g());\nasync function h() { await a; }\nexports.tsLastExpr = await a + 1;";
    assert.equal(
      awaitsToYields(body),
      "const a = (yield f((yield g())));\nasync function h() { await a; }\nexports.tsLastExpr = (yield a) + 1;",
    );
  });
  it("leaves a top-level `for await` to an async function", () => {
    assert.equal(awaitsToYields("for await (const x of xs) { console.log(x); }"), null);
  });
  it("drives a generator cell like an async function", async () => {
    function* cell(): Generator<unknown, number, number> {
      const half = yield Promise.resolve(21);
      let caught = "";
      try {
        yield Promise.reject(new Error("awaited rejection"));
      } catch (err) {
        caught = (err as Error).message;
      }
      assert.equal(caught, "awaited rejection");
      return half * 2;
    }
    const run = new GeneratorRun(cell() as Generator<unknown, unknown, unknown>, new SigintScope());
    assert.equal(await run.promise, 42);
  });
  it("throws a KeyboardInterrupt into a cell waiting on an await; its finally blocks run", async () => {
    let cleanedUp = false;
    function* cell(): Generator<unknown, void, unknown> {
      try {
        yield new Promise(() => {});
      } finally {
        cleanedUp = true;
      }
    }
    const run = new GeneratorRun(cell(), new SigintScope());
    setTimeout(() => run.interrupt(), 10);
    await assert.rejects(run.promise, { name: "KeyboardInterrupt" });
    assert.ok(cleanedUp);
  });
});

describe("kernel: compiled-code fixes and result rules", () => {
  it("expands shorthand properties naming an earlier cell's variable", () => {
    const earlier = (name: string) => ["w", "b"].includes(name);
    assert.equal(
      expandShorthandReferences("const p = { w, b, c };\n({ w } = q);", earlier),
      "const p = { w: exports.w, b: exports.b, c };\n({ w: exports.w } = q);",
    );
    // A name the cell declares itself is left alone.
    assert.equal(expandShorthandReferences("function f(w) { return { w }; }", earlier), "function f(w) { return { w }; }");
  });
  it("hides the value of a last expression ending with a semicolon, as IPython does", () => {
    assert.equal(endsWithSemicolon("1 + 1;"), true);
    assert.equal(endsWithSemicolon("1 + 1; // note"), true);
    assert.equal(endsWithSemicolon("1 + 1"), false);
    assert.equal(endsWithSemicolon("let x = 1;"), false);
  });
  it("converts cursor positions between code points (Jupyter) and UTF-16 units (TypeScript)", () => {
    const text = "let 😀 = 1; Math.ma";
    assert.equal(utf16Offset(text, 18), 19);
    assert.equal(codePointOffset(text, 19), 18);
  });
});

describe("kernel: results as mime bundles", () => {
  it("uses an object's _repr_mimebundle_()", () => {
    const shown = { _repr_mimebundle_: () => ({ data: { "text/plain": "plain", "text/html": "<b>rich</b>" } }) };
    assert.deepEqual(mimeBundleOf(shown, () => assert.fail("no note expected")), {
      data: { "text/plain": "plain", "text/html": "<b>rich</b>" },
      metadata: {},
    });
  });
  it("falls back to the text form, with a note, when _repr_mimebundle_() fails", () => {
    const notes: string[] = [];
    const broken = {
      _repr_mimebundle_: () => {
        throw new Error("no data yet");
      },
    };
    const bundle = mimeBundleOf(broken, (note) => notes.push(note));
    assert.deepEqual(Object.keys(bundle.data), ["text/plain"]);
    assert.match(notes[0], /_repr_mimebundle_\(\) threw Error: no data yet/);
  });
  it("shows tensors with dtype, shape and values, also nested once tfjs is seen", () => {
    const t = tf.tensor2d([
      [1, 2],
      [3, 4],
    ]);
    try {
      assert.equal(mimeBundleOf(t, () => {}).data["text/plain"], "Tensor float32 [2,2]\n    [[1, 2],\n     [3, 4]]");
      new TensorInspection().installIfLoaded();
      assert.match(util.inspect({ w: t }), /Tensor float32 \[2,2\]/);
    } finally {
      t.dispose();
      // Leave tfjs as other tests expect it.
      delete (tf.Tensor.prototype as unknown as Record<symbol, unknown>)[util.inspect.custom];
    }
    assert.equal(mimeBundleOf(t, () => {}).data["text/plain"], "Tensor float32 [2,2] (disposed)");
  });
  it("shows other values as util.inspect does (strings quoted, like Python's repr)", () => {
    assert.equal(mimeBundleOf("ab", () => {}).data["text/plain"], "'ab'");
    assert.equal(mimeBundleOf([1, 2], () => {}).data["text/plain"], "[ 1, 2 ]");
  });
});

describe("kernel: wire protocol", () => {
  const key = "secret-key";
  const factory = new MessageFactory(key);

  it("round-trips a signed message with its routing identity", () => {
    const message = factory.create("execute_reply", { status: "ok" }, null);
    const parsed = parseMessage(key, factory.serialize(message, [Buffer.from("client-id")]));
    assert.ok(typeof parsed !== "string");
    assert.equal(parsed.identities[0].toString(), "client-id");
    assert.deepEqual(parsed.content, { status: "ok" });
    assert.equal(parsed.header.version, "5.3");
    assert.equal(parsed.header.session, factory.session);
  });
  it("rejects a message whose signature does not match", () => {
    const frames = factory.serialize(factory.create("execute_request", { code: "1" }, null), []);
    frames[frames.length - 1] = Buffer.from(JSON.stringify({ code: "2" }));
    assert.equal(parseMessage(key, frames), "invalid HMAC signature");
  });
});

describe("kernel: sources type-check (kernel/tsconfig.json)", function () {
  this.timeout(60_000);
  it("tsc -p kernel/tsconfig.json reports no errors", () => {
    const tsc = path.join(REPO, "node_modules", "typescript", "bin", "tsc");
    const result = spawnSync(process.execPath, [tsc, "-p", path.join(KERNEL, "tsconfig.json")], { encoding: "utf8" });
    assert.equal(result.status, 0, `${result.stdout}${result.stderr}`);
  });
});
