/**
 * The compiler's startup snapshot: where it lives, whether it is fresh, how it is built.
 *
 * Building the type checker's session — parsing the standard library, @types/node and the course
 * library's types, and warming the checker up on them — takes seconds; starting a process from a
 * V8 snapshot of the finished session takes a fraction of one. The snapshot is specific to the
 * Node.js binary and to the files that went in: it lives in node_modules/.cache/nn-basics-ts/,
 * one per Node.js version, with a manifest of those files (path, size, mtime). `npm run build`
 * builds it (`node dist/kernel/compiler/snapshot.js`); a kernel that finds it missing or stale
 * starts its compilers the slow way and builds a new one in the background for the next start.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { CompilerOptionsData } from "../shared/messages";

export const PROJECT_ROOT = path.resolve(__dirname, "..", "..", "..");
/** Where snapshots live; NN_KERNEL_CACHE_DIR moves them (a read-only install, the kernel tests). */
const CACHE = process.env.NN_KERNEL_CACHE_DIR || path.join(PROJECT_ROOT, "node_modules", ".cache", "nn-basics-ts");

/**
 * The environment of compiler processes and snapshot builds: without the user's NODE_OPTIONS, whose
 * V8 flags (--max-old-space-size …) would make a snapshot unloadable by a process without them.
 */
/**
 * V8 flags of compiler processes and of the snapshot builds they start from (V8 loads a snapshot
 * only with the flags it was built with): a heap that stays small, since a long session's checking
 * otherwise leaves ~100 KB of touched memory resident per cell.
 */
export const COMPILER_V8_FLAGS: readonly string[] = ["--optimize-for-size"];

export function compilerEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  return env;
}
const LIB_ENTRY = path.join(PROJECT_ROOT, "dist", "lib", "index.d.ts");

export interface SnapshotFiles {
  blob: string;
  manifest: string;
}

export function snapshotFiles(): SnapshotFiles {
  const base = path.join(CACHE, `compiler-${process.version}-${process.arch}`);
  return { blob: `${base}.blob`, manifest: `${base}.json` };
}

/**
 * A cell touching the library's types as the lessons do, checked once the program is built, so a
 * lesson's first real cell finds the checker warm.
 */
function warmUpCell(lib: string): string {
  return [
    `import * as nn from ${JSON.stringify(lib)};`,
    `import { tf } from ${JSON.stringify(lib)};`,
    "const X: tf.Tensor2D = tf.tensor2d([[1, 2, 3]]);",
    "nn.sigmoid(tf.matMul(tf.transpose(tf.zeros([1, 1])), X)).add(1).shape;",
    "nn.propagate(tf.zeros([1, 1]), 0, X, tf.tensor2d([[1, 0, 1]])).cost;",
  ].join("\n");
}

/** The full session's options: the course library's types loaded and warm (when it is built). */
export function fullSessionOptions(cwd: string): CompilerOptionsData {
  if (!fs.existsSync(LIB_ENTRY)) return { cwd, preludeModules: [] };
  return { cwd, preludeModules: [LIB_ENTRY], warmUp: warmUpCell(LIB_ENTRY.replace(/\.d\.ts$/, "")) };
}

/** The snapshot's blob when it matches this Node.js and every file that went into it. */
export function freshSnapshot(files = snapshotFiles()): string | undefined {
  try {
    const manifest = JSON.parse(fs.readFileSync(files.manifest, "utf8")) as { node: string; arch: string; binary?: string; files: [string, number, number][] };
    if (manifest.node !== process.version || manifest.arch !== process.arch || manifest.binary !== nodeBinary() || !fs.existsSync(files.blob)) return undefined;
    for (const [file, size, mtimeMs] of manifest.files) {
      const stat = fs.statSync(file, { throwIfNoEntry: false });
      if (!stat || stat.size !== size || stat.mtimeMs !== mtimeMs) return undefined;
    }
    return files.blob;
  } catch {
    return undefined;
  }
}

/**
 * The Node.js binary that builds or loads a snapshot: another build of the same version (a
 * distribution's, nvm's) cannot load it.
 */
function nodeBinary(): string {
  const stat = fs.statSync(process.execPath);
  return `${fs.realpathSync(process.execPath)}:${stat.size}:${stat.mtimeMs}`;
}

/**
 * Builds the snapshot (seconds: it does what a plain compiler does at start-up, once), written
 * beside the old one and then moved in place, so a kernel never reads half a file.
 */
export function buildSnapshot({ background = false } = {}): Promise<{ ok: boolean; output: string }> {
  const files = snapshotFiles();
  fs.mkdirSync(CACHE, { recursive: true });
  removeAbandonedPartials();
  const partial = `${files.blob}.${process.pid}.partial`;
  const partialManifest = `${files.manifest}.${process.pid}.partial`;
  const options = fullSessionOptions(path.join(PROJECT_ROOT, "notebooks"));
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [...COMPILER_V8_FLAGS, "--snapshot-blob", partial, "--build-snapshot", path.join(__dirname, "snapshotEntry.js"), JSON.stringify(options), partialManifest],
      { stdio: ["ignore", "pipe", "pipe"], env: compilerEnv() },
    );
    if (background && child.pid) {
      try {
        os.setPriority(child.pid, 15);
      } catch {
        // not allowed here: it builds at normal priority
      }
    }
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d));
    child.stderr.on("data", (d: Buffer) => (output += d));
    child.on("error", (err) => resolve({ ok: false, output: String(err) }));
    child.on("close", (code) => {
      const ok = code === 0 && fs.existsSync(partial) && fs.existsSync(partialManifest);
      if (ok) {
        const manifest = JSON.parse(fs.readFileSync(partialManifest, "utf8")) as Record<string, unknown>;
        fs.writeFileSync(partialManifest, JSON.stringify({ ...manifest, binary: nodeBinary() }));
        fs.renameSync(partial, files.blob);
        fs.renameSync(partialManifest, files.manifest);
      } else {
        fs.rmSync(partial, { force: true });
        fs.rmSync(partialManifest, { force: true });
      }
      resolve({ ok, output });
    });
  });
}

/** Partial files of builds whose process is gone (a build killed half-way). */
function removeAbandonedPartials(): void {
  for (const name of fs.readdirSync(CACHE)) {
    const pid = Number(/\.(\d+)\.partial$/.exec(name)?.[1]);
    if (!pid) continue;
    try {
      process.kill(pid, 0);
    } catch {
      fs.rmSync(path.join(CACHE, name), { force: true });
    }
  }
}

/**
 * Builds a snapshot for the next kernel start in a process of its own (low priority, detached), so
 * it completes even when the kernel that asked for it is shut down first.
 */
export function buildSnapshotInBackground(): void {
  const child = spawn(process.execPath, [__filename, "--background"], { detached: true, stdio: "ignore", env: compilerEnv() });
  child.on("error", () => {});
  child.unref();
}

if (require.main === module && process.argv.includes("--background")) {
  void buildSnapshot({ background: true });
} else if (require.main === module) {
  // `npm run build`'s last step.
  const started = Date.now();
  void buildSnapshot().then(({ ok, output }) => {
    const warnings = output.split("\n").filter((l) => l.trim() && !/Warning: It's not yet fully verified|may still work|To request support|--trace-warnings/.test(l));
    if (ok) {
      console.log(`kernel: compiler snapshot for Node.js ${process.version} built in ${((Date.now() - started) / 1000).toFixed(1)} s (${path.relative(PROJECT_ROOT, snapshotFiles().blob)})`);
    } else {
      // Not fatal: the kernel then starts its compilers the slow way.
      console.warn(`kernel: could not build the compiler snapshot; the kernel will start more slowly.\n${warnings.join("\n")}`);
    }
  });
}
