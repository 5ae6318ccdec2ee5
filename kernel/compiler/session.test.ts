import { strict as assert } from "assert";
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { complete, inspect } from "./complete";
import { diagnosticsToError } from "./diagnostics";
import { CheckSession } from "./session";

const REPO = path.resolve(__dirname, "..", "..");
const NOTEBOOKS = path.join(REPO, "notebooks");
const LIB = path.join(REPO, "dist", "lib", "index.d.ts");

describe("kernel: type-checking a session cell by cell", function () {
  this.timeout(120_000);
  let session: CheckSession;
  let id = 0;
  const check = (code: string) => diagnosticsToError(session.check(++id, code), { label: `In[${id}]`, source: code, paths: session.paths });
  const ok = (code: string) => assert.deepEqual(session.check(++id, code).map((d) => d.messageText), [], code);

  before(() => {
    session = new CheckSession(NOTEBOOKS, [LIB]);
  });

  it("sees earlier cells' names and types, and lets a later cell declare a name again", () => {
    ok("let n = 1;");
    ok("const doubled: number = n * 2;");
    const wrong = check("const s: string = n;");
    assert.equal(wrong.ename, "TSError");
    assert.equal(wrong.evalue, "1:7 - Type 'number' is not assignable to type 'string'.");
    ok("let n = 'now a string';\nn.toUpperCase();");
    const stale = check("const m: number = n;");
    assert.match(stale.evalue, /Type 'string' is not assignable to type 'number'/, "the newest declaration wins");
  });

  it("checks the course library's types, and a cell's error names the cell line with the code frame", () => {
    ok('import * as nn from "../lib";\nconst tf = nn.tf;\nawait nn.ready();');
    ok("const w: nn.tf.Tensor2D = tf.zeros([2, 1]);\nnn.sigmoid(tf.matMul(tf.transpose(w), tf.ones([2, 3])));");
    const error = check("const z = 1;\nnn.sigmoidd(z)");
    assert.deepEqual(error.traceback, [
      "Cell In[" + id + "], line 2, column 4: error TS2551: Property 'sigmoidd' does not exist on type 'typeof import(\"../lib\")'. Did you mean 'sigmoid'?\n" +
        "----> 2 nn.sigmoidd(z)\n           ^^^^^^^^",
    ]);
    assert.doesNotMatch(error.traceback.join("\n"), new RegExp(REPO.replace(/[/\\]/g, ".")), "no absolute paths");
  });

  it("gives every message once, with a count when there are several", () => {
    const error = check("const a: string = 1;\nconst b: number = 'x';");
    assert.equal(error.traceback[0], "TSError: 2 errors");
    assert.equal(error.traceback.length, 3);
    assert.match(error.evalue, /\(and 1 more\)$/);
  });

  it("honours // @ts-ignore and // @ts-expect-error as a program does", () => {
    ok("// @ts-ignore\nconst ignored: number = 'x';");
    ok("// @ts-expect-error\nconst expected: number = 'x';");
  });

  it("knows only @types/node among the @types packages (no test-runner globals in cells)", () => {
    assert.match(check("describe('x', () => {});").evalue, /Cannot find name 'describe'/);
    ok("process.env.HOME; setTimeout(() => {}, 1); prompt('the kernel gives cells prompt()');");
  });

  it("loads a module a cell imports that the program did not have", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "kernel-session-"));
    try {
      writeFileSync(path.join(dir, "helper.ts"), "export function triple(x: number): number { return 3 * x; }\n");
      const local = new CheckSession(dir);
      assert.deepEqual(local.check(1, 'import { triple } from "./helper";\nconst t: number = triple(2);'), []);
      assert.match(String(local.check(2, "triple('x')")[0]?.messageText), /not assignable to parameter of type 'number'/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("forgets a cell that did not run, and every cell after clear()", () => {
    session.check(++id, "const onlyIfRun = 1;");
    session.forget(id);
    assert.match(check("onlyIfRun").evalue, /Cannot find name 'onlyIfRun'/);
    const fresh = new CheckSession(NOTEBOOKS);
    fresh.check(1, "const gone = 1;");
    fresh.clear();
    assert.match(String(fresh.check(2, "gone")[0]?.messageText), /Cannot find name 'gone'/);
  });

  it("completes with real kinds: library functions, constants, namespaces", () => {
    const sig = complete(session, "nn.sig", 6);
    assert.deepEqual(sig.matches.slice(0, 2), ["sigmoid", "sigmoidDerivative"]);
    assert.deepEqual(sig.types.slice(0, 2), ["function", "function"]);
    assert.deepEqual([sig.start, sig.end], [3, 6]);
    const members = complete(session, "nn.", 3);
    const kindOf = (name: string) => members.types[members.matches.indexOf(name)];
    assert.deepEqual([kindOf("tf"), kindOf("IRIS_FEATURES"), kindOf("propagate")], ["namespace", "constant", "function"]);
    assert.deepEqual(complete(session, "Math.ma", 7).matches, ["max"]);
    assert.ok(complete(session, "consol", 6).matches.includes("console"));
  });

  it("inspects the name at the cursor: the function an alias names, with its documentation", () => {
    const info = inspect(session, "nn.sigmoid", 10);
    assert.ok(info.found);
    assert.match(info.signature, /^function sigmoid\(z: number\): number/);
    assert.ok(info.documentation.length > 0);
    assert.equal(inspect(session, "w", 1).signature, "const w: nn.tf.Tensor2D");
  });
});
