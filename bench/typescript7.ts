/**
 * Does TypeScript 7 (the native compiler, npm's `typescript@7`, reached through its unstable JS
 * API) check notebook cells faster than the kernel's TypeScript 5.9 session? Both check the same
 * distinct cells, one after another, in this process:
 *
 *   - TypeScript 5.9: the kernel's CheckSession (compiler/session.ts) — one program, a warm checker,
 *     each cell a new source file;
 *   - TypeScript 7: a project holding the cell file, updated through `updateSnapshot` for each cell,
 *     whose diagnostics come from the snapshot's program (a checker per snapshot).
 *
 * Run by `npm run bench -- --typescript7` (installs typescript@7 into bench/.typescript7, git-ignored),
 * or alone: node --require tsx/cjs bench/typescript7.ts <path-to-typescript7-package>
 */
import * as path from "path";
import { CheckSession } from "../kernel/compiler/session";
import { median } from "../lib/timing";

const REPO = path.resolve(__dirname, "..");
const NOTEBOOKS = path.join(REPO, "notebooks");
const LIB = path.join(REPO, "dist", "lib", "index.d.ts");
const CELLS = 20;

export interface TypeScriptComparison {
  typescript7Version: string;
  kinds: Record<string, { ts59Ms: number[]; ts7Ms: number[] }>;
}

const KINDS: Record<string, (k: number) => string> = {
  trivial: (k) => `let n${k} = ${k};`,
  libcall: (k) => `nn.sigmoid(tf.tensor2d([[1, 2, ${k}]]));`,
  error: (k) => `const wrong${k}: number = "one";`,
};
const IMPORT = 'import * as nn from "../lib";\nconst tf = nn.tf;';

interface Ts7Api {
  API: new (options: { cwd: string; fs: { readFile(f: string): string | undefined; fileExists(f: string): boolean | undefined } }) => {
    updateSnapshot(params: object): { getProject(config: string): { program: { getSemanticDiagnostics(file: string): unknown[] } } };
    close(): void;
  };
}

export async function compareTypeScript7(typescript7Dir: string): Promise<TypeScriptComparison> {
  const ts7 = (await import(path.join(typescript7Dir, "dist", "api", "sync", "api.js"))) as Ts7Api;
  const version = (require(path.join(typescript7Dir, "package.json")) as { version: string }).version;
  const config = path.join(NOTEBOOKS, "__ts7__", "tsconfig.json");
  const cellFile = path.join(NOTEBOOKS, "__ts7__", "cell.ts");
  const files: Record<string, string> = {
    [config]: JSON.stringify({
      compilerOptions: { module: "esnext", moduleResolution: "node10", target: "es2022", lib: ["es2022"], types: ["node"], typeRoots: [path.join(REPO, "node_modules", "@types")], esModuleInterop: true, skipLibCheck: true, noEmit: true },
      files: ["cell.ts"],
    }),
    // The cell sees the library as the notebook's cells do (from notebooks/: ../lib).
    [cellFile]: `${IMPORT.replace("../lib", "../../lib")}\nexport {};`,
  };
  const api = new ts7.API({
    cwd: path.dirname(config),
    fs: { readFile: (f) => files[f], fileExists: (f) => (f in files ? true : undefined) },
  });
  const check7 = (code: string) => {
    files[cellFile] = `${IMPORT.replace("../lib", "../../lib")}\n${code}\nexport {};`;
    const started = performance.now();
    api.updateSnapshot({ fileChanges: { changed: [cellFile] } }).getProject(config).program.getSemanticDiagnostics(cellFile);
    return performance.now() - started;
  };
  api.updateSnapshot({ openProjects: [config] }).getProject(config).program.getSemanticDiagnostics(cellFile);

  const session = new CheckSession(NOTEBOOKS, [LIB]);
  let id = 0;
  session.check(++id, IMPORT);
  const check59 = (code: string) => {
    const started = performance.now();
    session.check(++id, code);
    return performance.now() - started;
  };

  const kinds: TypeScriptComparison["kinds"] = {};
  for (const [kind, cell] of Object.entries(KINDS)) {
    check59(cell(0));
    check7(cell(0));
    const ts59Ms: number[] = [];
    const ts7Ms: number[] = [];
    for (let k = 1; k <= CELLS; k++) {
      ts59Ms.push(check59(cell(k)));
      ts7Ms.push(check7(cell(k)));
    }
    kinds[kind] = { ts59Ms, ts7Ms };
  }
  api.close();
  return { typescript7Version: version, kinds };
}

if (require.main === module) {
  compareTypeScript7(process.argv[2]).then((result) => {
    for (const [kind, { ts59Ms, ts7Ms }] of Object.entries(result.kinds)) {
      console.error(`${kind}: TypeScript 5.9 session ${median(ts59Ms).toFixed(1)} ms, TypeScript ${result.typescript7Version} ${median(ts7Ms).toFixed(1)} ms`);
    }
    console.log(JSON.stringify(result));
  });
}
