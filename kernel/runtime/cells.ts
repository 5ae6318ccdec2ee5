/**
 * Runs compiled cells against the notebook's variables.
 *
 * The variables live on one store object (`__nn`, see compiler/transform.ts); `require` resolves
 * from the notebook's folder; `import` helpers follow esModuleInterop. A cell's code runs under a
 * file name of its own, registered with its source map, so its stack frames map back to its lines.
 */
import * as fs from "fs";
import Module from "module";
import * as path from "path";
import * as vm from "vm";
import type { TranspiledCell } from "../compiler/transform";
import { HELPERS, STORE } from "../shared/cellNames";
import type { ErrorContent } from "../shared/errors";
import { GeneratorRun, KeyboardInterrupt, isSigintTermination, type SigintScope } from "./interruptible";
import type { Tracebacks } from "./traceback";

export interface CellOutcome {
  /** The cell's last expression, when it has one to show. */
  value?: { shown: unknown };
  error?: ErrorContent;
}

interface Helpers {
  result: unknown;
  importStar(mod: unknown): unknown;
  importDefault(mod: unknown): unknown;
}

/** The running cell, finished from outside when an interrupt cut its own code short. */
interface ActiveCell {
  id: number;
  interrupt(): void;
  finish(outcome: CellOutcome): void;
}

export class CellRunner {
  /** The notebook's variables (IPython's user namespace). No prototype: any name is the user's. */
  readonly store: Record<string, unknown> = Object.create(null);
  private readonly require: NodeJS.Require;
  private active: ActiveCell | null = null;
  private runs = 0;

  constructor(
    private readonly cwd: string,
    private readonly scope: SigintScope,
    private readonly tracebacks: Tracebacks,
  ) {
    this.require = cellRequire(cwd);
  }

  get running(): number | null {
    return this.active?.id ?? null;
  }

  run(id: number, label: string, source: string, cell: TranspiledCell): Promise<CellOutcome> {
    return new Promise<CellOutcome>((resolve) => {
      let settled = false;
      const finish = (outcome: CellOutcome) => {
        if (settled) return;
        settled = true;
        if (this.active?.id === id) this.active = null;
        resolve(outcome);
      };
      const fail = (err: unknown) => finish({ error: this.tracebacks.fromError(isSigintTermination(err) ? new KeyboardInterrupt() : err, label) });
      const helpers: Helpers = { result: undefined, importStar, importDefault };
      const done = () => finish(cell.hasResult && helpers.result !== undefined ? { value: { shown: helpers.result } } : {});
      let interrupt = () => fail(new KeyboardInterrupt());
      this.active = { id, interrupt: () => interrupt(), finish };

      let fn: (...args: unknown[]) => unknown;
      try {
        fn = this.compile(id, label, source, cell);
      } catch (err) {
        fail(err);
        return;
      }
      const args = [this.store, helpers, this.require, path.join(this.cwd, `${label}.ts`), this.cwd];
      try {
        if (cell.kind === "sync") {
          this.scope.run(() => fn(...args));
          done();
        } else if (cell.kind === "generator") {
          const generatorRun = new GeneratorRun(fn(...args) as Generator<unknown, unknown, unknown>, this.scope);
          interrupt = () => generatorRun.interrupt();
          generatorRun.promise.then(done, fail);
        } else {
          // A top-level `for await`: after its first await, an interrupt can only abandon it.
          const promise = this.scope.run(() => fn(...args)) as Promise<unknown>;
          interrupt = () => fail(new KeyboardInterrupt("the cell was interrupted (its `for await` loop may still run in the background)"));
          promise.then(done, fail);
        }
      } catch (err) {
        fail(err);
      }
    });
  }

  /**
   * Interrupts the running cell where it waits: a KeyboardInterrupt at its `await` (its finally
   * blocks run; it may catch it and go on, as in Python). Busy code was stopped before this runs,
   * by the signal or the inspector; a synchronous cell cut short that way is finished here.
   * Returns whether a cell was running.
   */
  interrupt(): boolean {
    const active = this.active;
    if (!active) return false;
    active.interrupt();
    return true;
  }

  /** A user_expressions entry: a transpiled expression evaluated against the variables. */
  evaluate(cell: TranspiledCell): unknown {
    const helpers: Helpers = { result: undefined, importStar, importDefault };
    const fn = new vm.Script(`(function (${STORE}, ${HELPERS}, require) {\n${cell.js}\n})`).runInThisContext() as (...args: unknown[]) => unknown;
    this.scope.run(() => fn(this.store, helpers, this.require));
    return helpers.result;
  }

  private compile(id: number, label: string, source: string, cell: TranspiledCell): (...args: unknown[]) => unknown {
    const head = { sync: "(function", generator: "(function*", async: "(async function" }[cell.kind];
    const filename = `nn-cell-${id}-${++this.runs}.js`;
    const code = `${head} (${STORE}, ${HELPERS}, require, __filename, __dirname) {\n${cell.js}\n})`;
    this.tracebacks.registerCell({ filename, label, source, sourceMap: cell.sourceMap, bodyLine: 1 });
    return new vm.Script(code, { filename }).runInThisContext() as (...args: unknown[]) => unknown;
  }
}

/** TypeScript's __importStar: a CommonJS module as an ES namespace (its exports, plus `default`). */
function importStar(mod: unknown): unknown {
  if (mod && (mod as { __esModule?: boolean }).__esModule) return mod;
  const result: Record<string, unknown> = {};
  if (mod !== null && mod !== undefined) {
    for (const key of Object.keys(mod as object)) if (key !== "default") result[key] = (mod as Record<string, unknown>)[key];
  }
  result.default = mod;
  return result;
}

function importDefault(mod: unknown): unknown {
  return mod && (mod as { __esModule?: boolean }).__esModule ? mod : { default: mod };
}

/**
 * `require` for cells, from the notebook's folder. `require("tslab")` gives tslab's display API
 * (cells written for tslab use it), and a `.ts` file next to the notebook is transpiled on load.
 */
function cellRequire(cwd: string): NodeJS.Require {
  const base = Module.createRequire(path.join(cwd, "__notebook__.js"));
  const fromKernel = Module.createRequire(__filename);
  const typescriptModules = new Map<string, unknown>();
  const loadTypeScriptFile = (file: string): unknown => {
    const cached = typescriptModules.get(file);
    if (cached) return cached;
    // Loaded only when a cell imports a .ts file: most sessions never need the compiler here.
    const ts = fromKernel("typescript") as typeof import("typescript");
    const out = ts.transpileModule(fs.readFileSync(file, "utf8"), {
      fileName: file,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, sourceMap: false },
    });
    const mod = new Module(file);
    mod.filename = file;
    mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(file));
    (mod as unknown as { _compile(code: string, file: string): void })._compile(out.outputText, file);
    typescriptModules.set(file, mod.exports);
    return mod.exports;
  };
  const wrapped = ((id: string) => {
    if (id === "tslab") return fromKernel("tslab");
    if (id.startsWith(".") && path.extname(id) === "") {
      for (const ext of [".ts", ".tsx"]) {
        const file = path.resolve(cwd, id + ext);
        if (!fs.existsSync(path.resolve(cwd, id + ".js")) && fs.existsSync(file)) return loadTypeScriptFile(file);
      }
    }
    if (id.startsWith(".") && /\.tsx?$/.test(id)) return loadTypeScriptFile(path.resolve(cwd, id));
    return base(id);
  }) as NodeJS.Require;
  return Object.assign(wrapped, { resolve: base.resolve, cache: base.cache, main: base.main, extensions: base.extensions });
}
