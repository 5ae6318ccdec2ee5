import { strict as assert } from "assert";
import * as os from "os";
import * as vm from "vm";
import { parseDiagnostics } from "./internals";
import { CheckSession } from "./session";
import { transpileCell, type TranspiledCell } from "./transform";

/** The kernel's compiler session (no library loaded), shared by the tests: it emits the cells. */
let compiler: CheckSession;
let ids = 0;

/** Transpiles a cell as the compiler worker does: prepared after the chain, emitted, committed. */
function transpile(code: string, commit = true): TranspiledCell {
  const cell = compiler.prepare(++ids, code);
  const syntax = parseDiagnostics(cell.file);
  if (syntax.length > 0) throw new Error(String(syntax[0].messageText));
  const out = transpileCell(cell.file, compiler.sessionNames(), compiler.emit);
  if (commit) compiler.commit(cell);
  return out;
}

/** Compiles and runs cells one after another against one store, as the runtime does (sync cells). */
function session() {
  compiler.clear();
  const store: Record<string, unknown> = Object.create(null);
  const modules: Record<string, unknown> = { m: { x: 7, default: "d", __esModule: true }, cjs: { a: 1 } };
  return {
    store,
    compile(code: string): TranspiledCell {
      return transpile(code);
    },
    run(code: string): unknown {
      const cell = this.compile(code);
      assert.equal(cell.kind, "sync", "these tests run sync cells");
      const helpers = {
        result: undefined as unknown,
        importStar: (m: unknown) => ((m as { __esModule?: boolean }).__esModule ? m : { ...(m as object), default: m }),
        importDefault: (m: unknown) => ((m as { __esModule?: boolean }).__esModule ? m : { default: m }),
      };
      const fn = vm.runInThisContext(`(function (__nn, __nnk, require) {\n${cell.js}\n})`) as (...a: unknown[]) => void;
      fn(store, helpers, (id: string) => modules[id]);
      return helpers.result;
    },
  };
}

describe("kernel: the cell transform", function () {
  this.timeout(60_000);
  before(() => {
    compiler = new CheckSession(os.tmpdir());
  });

  it("keeps top-level names on the store, so later cells and earlier functions see them (Python's globals)", () => {
    const s = session();
    s.run("let count = 0;\nfunction bump() { count++; return count; }");
    assert.equal(s.run("bump()"), 1);
    s.run("count = 10;");
    assert.equal(s.run("bump()"), 11, "the function of cell 1 sees the value cell 3 assigned");
    s.run("const count = 100;");
    assert.equal(s.run("bump()"), 101, "a name declared again replaces the old value");
  });

  it("declares destructured names, with defaults that see earlier elements", () => {
    const s = session();
    s.run("const obj = { a: 1, nested: [2] };\nconst { a, nested: [b], c = a + b, ...rest } = obj;");
    assert.deepEqual([s.store.a, s.store.b, s.store.c, s.store.rest], [1, 2, 3, {}]);
    s.run("let x = 1, y = x + 1;\n[x, y] = [y, x];");
    assert.deepEqual([s.store.x, s.store.y], [2, 1]);
  });

  it("rewrites shorthand properties, also in destructuring assignments", () => {
    const s = session();
    s.run("let w = 2;\nlet b = 3;");
    assert.deepEqual(s.run("({ w, b })"), { w: 2, b: 3 });
    s.run("({ w, b = 9 } = { w: 5 });");
    assert.deepEqual([s.store.w, s.store.b], [5, 9]);
  });

  it("leaves locals, parameters and globals alone, and shadowed names local", () => {
    const s = session();
    s.run("const w = 1;");
    assert.equal(s.run("[1, 2].map((w) => w * 10).join() + Math.max(w, 0)"), "10,201");
    assert.equal(s.run("{ const w = 5; w }"), undefined, "a block statement is not an expression");
    assert.equal(s.store.w, 1);
    assert.equal(s.run("(() => { let w = 7; return w; })()"), 7);
  });

  it("hoists function declarations and keeps classes, enums and namespaces", () => {
    const s = session();
    assert.equal(s.run("const early = twice(4);\nfunction twice(n: number) { return 2 * n; }\nearly"), 8);
    s.run("class Point { constructor(public x: number) {} static origin = new Point(0); }");
    assert.equal(s.run("new Point(3).x + Point.origin.x"), 3);
    s.run("enum Color { Red, Green = Red + 2 }\nnamespace Geo { export const pi = 3.14; }\nnamespace Types { export type T = number; }");
    assert.deepEqual([s.run("Color.Green"), s.run("Geo.pi")], [2, 3.14]);
  });

  it("turns imports into requires with esModuleInterop's semantics; type-only imports vanish", () => {
    const s = session();
    s.run('import * as ns from "cjs";\nimport d, { x as y } from "m";\nimport type { Q } from "m";\nimport cjsDefault from "cjs";');
    assert.deepEqual([s.store.y, s.store.d, (s.store.ns as { a: number }).a, s.store.cjsDefault], [7, "d", 1, { a: 1 }]);
    assert.equal("Q" in s.store, false);
  });

  it("makes a top-level var (also in blocks and loop heads) a notebook variable", () => {
    const s = session();
    s.run("for (var i = 0; i < 3; i++) {}\nif (true) { var flag = 'set'; }\nfor (var key in { k: 1 }) {}");
    assert.deepEqual([s.store.i, s.store.flag, s.store.key], [3, "set", "k"]);
  });

  it("shows the last expression unless it ends with `;` (IPython's rule)", () => {
    const s = session();
    assert.equal(s.run("1 + 1"), 2);
    assert.equal(s.run("1 + 1;"), undefined);
    assert.equal(s.run("1 + 1; // note"), undefined);
    assert.equal(s.compile("let z = 1").hasResult, false);
  });

  it("erases types and declarations that exist only for the checker", () => {
    const s = session();
    assert.equal(s.run("interface Shape { rows: number }\ntype N = number;\ndeclare const ambient: number;\nconst shape: Shape = { rows: 2 };\nshape.rows as N"), 2);
    assert.equal("Shape" in s.store || "ambient" in s.store, false);
  });

  it("compiles a cell with top-level await to a generator, awaits in functions staying awaits", () => {
    session().compile("let f: (x: unknown) => unknown, g: () => unknown;");
    const cell = transpile("const a = await f(await g());\nasync function h() { await a; }\na");
    assert.equal(cell.kind, "generator");
    assert.match(cell.js, /__nn\.a = \(yield __nn\.f\(\(yield __nn\.g\(\)\)\)\);/);
    assert.match(cell.js, /async function h\(\) \{ await __nn\.a; \}/);
  });

  it("leaves a cell with a top-level `for await` an async function body", () => {
    session().compile("let xs: AsyncIterable<number>;");
    const cell = transpile("for await (const x of xs) { console.log(x); }");
    assert.equal(cell.kind, "async");
    assert.match(cell.js, /for await \(const x of __nn\.xs\)/);
  });

  it("has the parser's syntax errors, so a cell that does not parse does not run", () => {
    session();
    assert.throws(() => transpile("let 1x = 3;"), /cannot immediately follow a numeric literal/);
  });

  it("maps positions of the compiled code back to the cell (source map)", () => {
    session();
    const cell = transpile("const limit: number = 1;\nfunction check(x: number): number {\n  if (x > limit) throw new RangeError('too big');\n  return x;\n}");
    const map = JSON.parse(cell.sourceMap) as { version: number; mappings: string };
    assert.equal(map.version, 3);
    assert.ok(map.mappings.length > 0);
  });
});
