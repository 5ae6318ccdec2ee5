import { strict as assert } from "assert";
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import ts from "typescript";
import * as vm from "vm";
import { CheckSession } from "../compiler/session";
import { transpileCell } from "../compiler/transform";
import { KeyboardInterrupt } from "./interruptible";
import { Tracebacks } from "./traceback";

const SOURCE = [
  "const a: number = 1;",
  "function fail(x: number): number {",
  "  // comment",
  "  if (x > 0) {",
  '    throw new Error("boom " + a);',
  "  }",
  "  return x;",
  "}",
  "fail(a)",
].join("\n");

describe("kernel: tracebacks", () => {
  const kernelDir = path.resolve(__dirname, "..");
  const tracebacks = new Tracebacks(path.resolve(__dirname, "..", ".."), [kernelDir]);

  it("maps frames of a cell's compiled code back to its lines, through the compiler's source map", function () {
    this.timeout(60_000);
    const compiler = new CheckSession(tmpdir());
    const cell = transpileCell(compiler.prepare(1, SOURCE).file, compiler.sessionNames(), compiler.emit);
    tracebacks.registerCell({ filename: "nn-cell-1.js", label: "In[3]", source: SOURCE, sourceMap: cell.sourceMap, bodyLine: 1 });
    const fn = new vm.Script(`(function (__nn, __nnk) {\n${cell.js}\n})`, { filename: "nn-cell-1.js" }).runInThisContext() as (s: object, h: object) => void;
    let thrown: unknown;
    try {
      fn(Object.create(null), {});
    } catch (err) {
      thrown = err;
    }
    const { ename, evalue, traceback } = tracebacks.fromError(thrown, "In[3]");
    assert.deepEqual([ename, evalue], ["Error", "boom 1"]);
    assert.deepEqual(traceback.slice(0, 3), [
      "Error: boom 1",
      'Cell In[3], line 5, column 11, in fail\n----> 5     throw new Error("boom " + a);\n                  ^',
      "Cell In[3], line 9, column 1\n----> 9 fail(a)\n        ^",
    ]);
  });

  it("drops kernel machinery, summarises node_modules frames, and cleans the store out of messages", () => {
    const err = new TypeError("__nn.f is not a function");
    err.stack = [
      "TypeError: __nn.f is not a function",
      "    at assert (/x/node_modules/@tensorflow/tfjs-core/dist/tf-core.node.js:10:5)",
      "    at Object.matMul__op (/x/node_modules/@tensorflow/tfjs-core/dist/tf-core.node.js:20:5)",
      `    at SigintScope.run (${path.join(kernelDir, "runtime", "interruptible.js")}:77:30)`,
      "    at Script.runInThisContext (node:vm:136:12)",
      "    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)",
    ].join("\n");
    const { evalue, traceback } = tracebacks.fromError(err, "In[4]");
    assert.equal(evalue, "f is not a function");
    assert.deepEqual(traceback, ["TypeError: f is not a function", "  ... 2 frames in @tensorflow/tfjs-core (entered via matMul__op)", "Cell In[4]"]);
  });

  it("describes non-Error throws and Error subclasses without a name", () => {
    const interrupted = tracebacks.fromError(new KeyboardInterrupt(), "In[4]").traceback;
    assert.deepEqual([interrupted[0], interrupted[interrupted.length - 1]], ["KeyboardInterrupt: the cell was interrupted", "Cell In[4]"]);
    const thrown = tracebacks.fromError("just a string", "In[5]");
    assert.deepEqual([thrown.ename, thrown.evalue], ["Uncaught", "'just a string'"]);
    class ShapeMismatch extends Error {}
    assert.equal(tracebacks.fromError(new ShapeMismatch("(2,3) vs (3,3)")).ename, "ShapeMismatch");
  });

  it("shows frames of compiled files at their TypeScript source, via the source map", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "kernel-traceback-"));
    try {
      const source = "export function sigmoid(z: number): number {\n  if (!Number.isFinite(z)) {\n    throw new RangeError(`sigmoid: z=${z}`);\n  }\n  return 1 / (1 + Math.exp(-z));\n}\n";
      const out = ts.transpileModule(source, { fileName: "activations.ts", compilerOptions: { sourceMap: true, module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } });
      writeFileSync(path.join(dir, "activations.ts"), source);
      writeFileSync(path.join(dir, "activations.js"), out.outputText);
      writeFileSync(path.join(dir, "activations.js.map"), out.sourceMapText ?? "");
      const jsLines = out.outputText.split("\n");
      const line = jsLines.findIndex((l) => l.includes("throw new RangeError"));
      const column = jsLines[line].indexOf("new RangeError");
      const err = new RangeError("sigmoid: z=NaN");
      err.stack = `RangeError: sigmoid: z=NaN\n    at sigmoid (${path.join(dir, "activations.js")}:${line + 1}:${column + 1})`;
      const [, frame] = new Tracebacks(dir, []).fromError(err).traceback;
      assert.equal(frame, "activations.ts:3:11, in sigmoid\n----> 3     throw new RangeError(`sigmoid: z=${z}`);\n                  ^");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
