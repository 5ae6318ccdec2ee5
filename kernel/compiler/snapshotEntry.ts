/**
 * Builds the compiler's V8 startup snapshot (run by snapshot.ts as
 * `node --snapshot-blob <blob> --build-snapshot snapshotEntry.js <options> <manifest>`):
 * loads TypeScript and the compiler, builds a session with the course library's types, warms its
 * checker up, and records every file that went in (the manifest that tells when the snapshot is
 * stale). A compiler process started from the snapshot is then ready at once.
 *
 * A snapshot's builder may `require` Node's own modules only, so the kernel's and TypeScript's
 * CommonJS files are loaded here by a small loader of their own.
 */
// No import statements: the builder runs this file as a plain script (no `exports`).
const fs = require("fs") as typeof import("fs");
const Module = require("module") as typeof import("module");
const path = require("path") as typeof import("path");
const v8 = require("v8") as typeof import("v8");
const vm = require("vm") as typeof import("vm");
type CompilerOptionsData = import("../shared/messages").CompilerOptionsData;

const loaded = new Map<string, { exports: unknown }>();

function load(file: string): unknown {
  const cached = loaded.get(file);
  if (cached) return cached.exports;
  const module = { exports: {} as unknown };
  loaded.set(file, module);
  const dir = path.dirname(file);
  const localRequire = ((id: string) => {
    if (Module.isBuiltin(id)) return require(id);
    return load(resolveFile(id, dir));
  }) as NodeJS.Require;
  localRequire.resolve = ((id: string) => resolveFile(id, dir)) as NodeJS.RequireResolve;
  const run = vm.runInThisContext(Module.wrap(fs.readFileSync(file, "utf8")), { filename: file }) as (...args: unknown[]) => void;
  run.call(module.exports, module.exports, localRequire, module, file, dir);
  return module.exports;
}

/** Node's resolution, enough for the kernel and TypeScript: relative files, packages' main or a file in them. */
function resolveFile(id: string, from: string): string {
  const candidates = (base: string) => [base, `${base}.js`, `${base}.json`, path.join(base, "index.js")];
  if (id.startsWith(".") || path.isAbsolute(id)) {
    const found = candidates(path.resolve(from, id)).find(isFile);
    if (found) return found;
    throw new Error(`snapshot loader: cannot find ${id} from ${from}`);
  }
  const [scope, name, ...rest] = id.split("/");
  const packageName = scope.startsWith("@") ? `${scope}/${name}` : scope;
  const subpath = (scope.startsWith("@") ? rest : [name, ...rest]).filter(Boolean).join("/");
  for (let dir = from; ; dir = path.dirname(dir)) {
    const root = path.join(dir, "node_modules", packageName);
    if (fs.existsSync(root)) {
      if (subpath) return candidates(path.join(root, subpath)).find(isFile) ?? path.join(root, subpath);
      const main = (JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { main?: string }).main ?? "index.js";
      const found = candidates(path.join(root, main)).find(isFile);
      if (found) return found;
    }
    if (dir === path.dirname(dir)) throw new Error(`snapshot loader: no package ${packageName} above ${from}`);
  }
}

function isFile(file: string): boolean {
  return fs.existsSync(file) && fs.statSync(file).isFile();
}

const [optionsJson, manifestFile] = process.argv.slice(2);
const options = JSON.parse(optionsJson) as CompilerOptionsData;
const service = load(path.join(__dirname, "service.js")) as typeof import("./service");
const started = performance.now();
const session = service.createSession(options);
const buildMs = Math.round(performance.now() - started);
const files = [...new Set([...session.sourceFileNames(), ...loaded.keys()])].filter((f) => fs.existsSync(f));
const manifest = { node: process.version, arch: process.arch, files: files.map((f) => [f, fs.statSync(f).size, fs.statSync(f).mtimeMs]) };
fs.writeFileSync(manifestFile, JSON.stringify(manifest));

v8.startupSnapshot.setDeserializeMainFunction(() => {
  process.on("SIGINT", () => {});
  // The notebook's folder, given by the kernel when it starts the process.
  const cwd = process.argv[2];
  if (cwd && cwd !== session.cwd) session.setCwd(cwd);
  service.serve(session, buildMs);
});
