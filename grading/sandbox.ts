/**
 * Where student code runs. A sandbox image is built once per grading run: a temporary folder with a
 * copy of the compiled library (dist/lib -> lib/) and the student runner compiled from
 * grading/student/ — no checks, no fixtures, no grader. Each submission gets its own folder of
 * compiled cells, and each student process sees only the image, node_modules, its own cells and
 * an empty /tmp:
 *
 * - with bubblewrap (Linux user, pid, network, IPC and UTS namespaces): a read-only view of just
 *   those paths (plus /usr for the node binary's libraries), no network, no other process visible
 *   (it cannot signal the grader or another submission), a new session, killed with the grader;
 * - in every case, Node's permission model: file reads limited to those paths, no file writes,
 *   child processes, worker threads or native addons.
 *
 * Where namespaces are not available (bwrap missing, or user namespaces disabled) only the second
 * layer holds; grading/README.md says what that leaves open.
 */
import { spawn, spawnSync, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ts from "typescript";

export type Isolation = "namespaces" | "permission-model";

export interface SandboxImage {
  dir: string;
  isolation: Isolation;
  /** Why namespaces are not used, when they are not. */
  isolationNote?: string;
  /** A folder for one submission's compiled cells (removed with the image). */
  submissionDir(): string;
  /** Where a student process sees the folder `cellsDir`. */
  cellsView(cellsDir: string): string;
  /** Starts a student process for the cells in `cellsDir`. */
  start(cellsDir: string): ChildProcess;
  remove(): void;
}

export interface ImageOptions {
  repoRoot: string;
  /** Every lib export name some exercise may not call (the runner guards them). */
  guardedLib: string[];
  /** Force an isolation (tests); default: namespaces when they work. */
  isolation?: Isolation;
}

/** nobody/nogroup: who student code runs as, without namespaces, when the grader is root. */
const NOBODY = 65534;

/** Where the image appears inside the namespaces. */
const VIEW_ROOT = "/sandbox";

const STUDENT_SOURCES = ["student/runner.ts", "student/encode.ts", "protocol.ts"];

function transpile(from: string, to: string): void {
  const out = ts.transpileModule(fs.readFileSync(from, "utf8"), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    fileName: from,
  });
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.writeFileSync(to, out.outputText);
}

/** The permission flag of this Node: `--permission` since 22.13 / 23.5, experimental before. */
export function permissionFlag(version = process.versions.node): string {
  const [major, minor] = version.split(".").map(Number);
  return major > 22 || (major === 22 && minor >= 13) ? "--permission" : "--experimental-permission";
}

/** `--allow-fs-read`, one flag per path (Node 20.20 reads a comma in the value as part of the path). */
export function allowReads(paths: string[]): string[] {
  return paths.map((p) => `--allow-fs-read=${p}`);
}

function nodeFlags(reads: string[]): string[] {
  // NN_FAST_THREADS=1 (below) keeps the library's trainer on one thread; the grader runs several
  // student processes side by side already.
  return [permissionFlag(), ...allowReads(reads), "--no-warnings", "--max-old-space-size=2048"];
}

function studentEnv(): Record<string, string> {
  const env: Record<string, string> = { PATH: "/usr/bin:/bin", LANG: "C.UTF-8", HOME: "/tmp", NN_FAST_THREADS: "1" };
  // The backend the caller chose; nothing else of the grader's environment (tokens, data paths).
  if (process.env.NN_BACKEND) env.NN_BACKEND = process.env.NN_BACKEND;
  return env;
}

/** bwrap's mounts for the system: /usr and the merged-usr links (or folders) beside it. */
function systemMounts(): string[] {
  const args = ["--ro-bind", "/usr", "/usr"];
  for (const top of ["/lib", "/lib64", "/lib32", "/bin", "/sbin"]) {
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(top);
    } catch {
      continue;
    }
    if (stat.isSymbolicLink()) args.push("--symlink", fs.readlinkSync(top), top);
    else if (stat.isDirectory()) args.push("--ro-bind", top, top);
  }
  return args;
}

/**
 * The folder of the Node.js binary, when /usr does not hold it (nvm, a Node from npm). Mounted
 * after the view's /tmp, which would hide a Node under /tmp (CI's Node 24 is in the clone).
 */
function nodeMount(): string[] {
  const nodeDir = path.dirname(fs.realpathSync(process.execPath));
  return nodeDir.startsWith("/usr/") ? [] : ["--ro-bind", nodeDir, nodeDir];
}

function bwrapArgs(image: string, nodeModules: string, cellsDir: string): string[] {
  const args = [
    "--unshare-all",
    "--die-with-parent",
    "--new-session",
    ...systemMounts(),
    "--ro-bind", image, VIEW_ROOT,
    "--ro-bind", nodeModules, `${VIEW_ROOT}/node_modules`,
    "--ro-bind", cellsDir, `${VIEW_ROOT}/notebooks`,
    "--proc", "/proc",
    "--dev", "/dev",
    "--tmpfs", "/tmp",
    ...nodeMount(),
    "--chdir", `${VIEW_ROOT}/notebooks`,
    "--clearenv",
  ];
  for (const [k, v] of Object.entries(studentEnv())) args.push("--setenv", k, v);
  return args;
}

/** Whether bwrap can make the namespaces here (it cannot where user namespaces are disabled). */
function probeNamespaces(): { ok: true } | { ok: false; why: string } {
  const probe = spawnSync("bwrap", ["--unshare-all", "--die-with-parent", ...systemMounts(), "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", ...nodeMount(), fs.realpathSync(process.execPath), "-e", "0"], {
    encoding: "utf8",
    timeout: 20000,
  });
  if (probe.error) return { ok: false, why: (probe.error as NodeJS.ErrnoException).code === "ENOENT" ? "bubblewrap (bwrap) is not installed" : probe.error.message };
  if (probe.status !== 0) return { ok: false, why: `bwrap cannot create namespaces here: ${(probe.stderr || `exit ${probe.status}`).trim().split("\n")[0]}` };
  return { ok: true };
}

let namespaceProbe: ReturnType<typeof probeNamespaces> | undefined;

export function createImage(options: ImageOptions): SandboxImage {
  const { repoRoot } = options;
  const distLib = path.join(repoRoot, "dist", "lib");
  if (!fs.existsSync(path.join(distLib, "index.js")) || !fs.existsSync(path.join(distLib, "check", "compare.js"))) {
    throw new Error(`the compiled library is missing or predates lib/check (${distLib}): run \`npm run build\` first`);
  }
  // base/image is what every student process sees; base/submissions holds each one's cells, of
  // which a process sees only its own.
  const base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "nn-grade-")));
  // Readable (not writable) by the unprivileged user student code may run as.
  fs.chmodSync(base, 0o755);
  const dir = path.join(base, "image");
  const submissions = path.join(base, "submissions");
  try {
    fs.mkdirSync(dir);
    fs.mkdirSync(submissions);
    // Stops Node's search for a package.json (module type) inside the image.
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ private: true, type: "commonjs" }) + "\n");
    fs.cpSync(distLib, path.join(dir, "lib"), { recursive: true, filter: (src) => fs.statSync(src).isDirectory() || src.endsWith(".js") || src.endsWith(".json") });
    for (const rel of STUDENT_SOURCES) transpile(path.join(repoRoot, "grading", rel), path.join(dir, "grading", rel.replace(/\.ts$/, ".js")));
    const nodeModules = fs.realpathSync(path.join(repoRoot, "node_modules"));
    // Inside the namespaces node_modules is mounted on the image's empty folder; without them,
    // Node's module search finds it one level up, beside the image and the submissions.
    fs.mkdirSync(path.join(dir, "node_modules"));
    fs.mkdirSync(path.join(dir, "notebooks"));
    fs.symlinkSync(nodeModules, path.join(base, "node_modules"), "dir");

    let isolation: Isolation = options.isolation ?? "namespaces";
    let isolationNote: string | undefined;
    if (isolation === "namespaces") {
      namespaceProbe ??= probeNamespaces();
      if (!namespaceProbe.ok) {
        isolation = "permission-model";
        isolationNote = namespaceProbe.why;
      }
    }
    // The runner's configuration, at the paths the student process sees.
    const root = isolation === "namespaces" ? VIEW_ROOT : dir;
    fs.writeFileSync(path.join(dir, "runner-config.json"), JSON.stringify({ libDir: path.join(root, "lib"), guardedLib: options.guardedLib }) + "\n");
    let count = 0;

    return {
      dir,
      isolation,
      isolationNote,
      submissionDir() {
        const sub = path.join(submissions, `s${++count}`);
        fs.mkdirSync(path.join(sub, "notebooks"), { recursive: true });
        fs.writeFileSync(path.join(sub, "package.json"), JSON.stringify({ private: true, type: "commonjs" }) + "\n");
        // `require("../lib")` from a cell resolves to the image's library (one module instance).
        fs.symlinkSync(path.join(dir, "lib"), path.join(sub, "lib"), "dir");
        return path.join(sub, "notebooks");
      },
      cellsView: (cellsDir) => (isolation === "namespaces" ? `${VIEW_ROOT}/notebooks` : cellsDir),
      start(cellsDir) {
        const stdio: ("pipe")[] = ["pipe", "pipe", "pipe", "pipe"];
        if (isolation === "namespaces") {
          const reads = [`${VIEW_ROOT}/`, "/tmp/"];
          const args = [...bwrapArgs(dir, nodeModules, cellsDir), fs.realpathSync(process.execPath), ...nodeFlags(reads), `${VIEW_ROOT}/grading/student/runner.js`, `${VIEW_ROOT}/runner-config.json`];
          return spawn("bwrap", args, { stdio, env: {} });
        }
        // The image (no secrets in it), this submission's own folder, node_modules by both paths.
        const reads = [`${dir}/`, `${path.dirname(cellsDir)}/`, `${path.join(base, "node_modules")}/`, `${nodeModules}/`];
        // A shell in between, so `process.kill(process.ppid)` ends the shell, not the grader; its own
        // process group, so a signal to its group reaches no grader process; and, when the grader
        // runs as root, the student process runs as nobody, so it cannot signal the grader's
        // processes at all (without namespaces it can still signal other student processes).
        const asNobody = typeof process.getuid === "function" && process.getuid() === 0;
        return spawn("/bin/sh", ["-c", '"$0" "$@"; exit $?', process.execPath, ...nodeFlags(reads), path.join(dir, "grading", "student", "runner.js"), path.join(dir, "runner-config.json")], {
          stdio,
          env: studentEnv(),
          cwd: cellsDir,
          detached: true,
          ...(asNobody ? { uid: NOBODY, gid: NOBODY } : {}),
        });
      },
      remove: () => fs.rmSync(base, { recursive: true, force: true }),
    };
  } catch (err) {
    fs.rmSync(base, { recursive: true, force: true });
    throw err;
  }
}
