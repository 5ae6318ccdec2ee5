/**
 * The grader's sandbox: a temporary folder laid out like the repository, holding copies of what a
 * grading worker may load — the compiled library (dist/lib -> lib/), the worker, harness and checks
 * (compiled here from grading/), the grading fixtures — and a link to node_modules. Student code
 * runs against these copies with every file write denied, so it cannot change the notebook, the
 * checks or the library.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ts from "typescript";

export interface Sandbox {
  dir: string;
  libDir: string;
  notebooksDir: string;
  gradingDir: string;
  /** Node's real node_modules folder (the link's target), which workers may read. */
  nodeModules: string;
  remove(): void;
}

const RUNTIME_SOURCES = ["worker.ts", "harness.ts", "protocol.ts"];

function compileTree(fromDir: string, toDir: string, filter: (file: string) => boolean): void {
  for (const entry of fs.readdirSync(fromDir, { withFileTypes: true })) {
    const from = path.join(fromDir, entry.name);
    if (entry.isDirectory()) {
      compileTree(from, path.join(toDir, entry.name), filter);
    } else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") && filter(from)) {
      const out = ts.transpileModule(fs.readFileSync(from, "utf8"), {
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
        fileName: from,
      });
      fs.mkdirSync(toDir, { recursive: true });
      fs.writeFileSync(path.join(toDir, entry.name.replace(/\.ts$/, ".js")), out.outputText);
    }
  }
}

export function createSandbox(repoRoot: string): Sandbox {
  const distLib = path.join(repoRoot, "dist", "lib");
  if (!fs.existsSync(path.join(distLib, "index.js")) || !fs.existsSync(path.join(distLib, "check", "compare.js"))) {
    throw new Error(`the compiled library is missing or predates lib/check (${distLib}): run \`npm run build\` first`);
  }
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "nn-grade-")));
  try {
    // Stops Node's search for a package.json (module type) inside the sandbox.
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ private: true, type: "commonjs" }) + "\n");
    const libDir = path.join(dir, "lib");
    fs.cpSync(distLib, libDir, { recursive: true, filter: (src) => fs.statSync(src).isDirectory() || src.endsWith(".js") || src.endsWith(".json") });
    const gradingDir = path.join(dir, "grading");
    const grading = path.join(repoRoot, "grading");
    compileTree(grading, gradingDir, (file) => {
      const rel = path.relative(grading, file);
      return RUNTIME_SOURCES.includes(rel) || rel.startsWith(`checks${path.sep}`);
    });
    const fixtures = path.join(dir, "test", "fixtures");
    fs.mkdirSync(fixtures, { recursive: true });
    for (const name of fs.readdirSync(path.join(repoRoot, "test", "fixtures"))) {
      if (name.startsWith("grading_") && name.endsWith(".json")) fs.copyFileSync(path.join(repoRoot, "test", "fixtures", name), path.join(fixtures, name));
    }
    const nodeModules = fs.realpathSync(path.join(repoRoot, "node_modules"));
    fs.symlinkSync(nodeModules, path.join(dir, "node_modules"), "dir");
    const notebooksDir = path.join(dir, "notebooks");
    fs.mkdirSync(notebooksDir);
    return { dir, libDir, notebooksDir, gradingDir, nodeModules, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}
