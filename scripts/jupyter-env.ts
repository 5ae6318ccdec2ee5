/**
 * Which Python, and so which Jupyter, the kit uses; and how `npm start` / `npm test` get one.
 *
 * Candidates, first usable wins: $COURSE_PYTHON; the active virtualenv ($VIRTUAL_ENV); the project's
 * own .venv; the Python behind the `jupyter` command on PATH; Debian's /usr/bin/python3. A candidate
 * is usable for a need (reports, browser tests, kernel tests ...) when it has that need's Python
 * packages at their minimum versions. When none has them, `ensureJupyter` installs them with pip into
 * the active virtualenv, else into the project's .venv (created here; no root needed), and only when
 * pip cannot get them falls back to Debian's packages (apt-get, with sudo when not root, said first).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

export const REPO_ROOT = path.resolve(__dirname, "..");
/** The project's own virtualenv (git-ignored). */
export const PROJECT_VENV = path.join(REPO_ROOT, ".venv");

/** A Python distribution the kit needs: import name, pip name, Debian package, minimum version. */
interface Requirement {
  module: string;
  pip: string;
  /** Debian/Ubuntu package, or none (JupyterLab 4 and Notebook 7 are not in Debian 12). */
  apt?: string;
  min: string;
}

const req = (module: string, min: string, apt?: string, pip = module): Requirement => ({ module, pip, apt, min });

/** What each part of the kit needs from Python. */
export const NEEDS = {
  /** executing notebooks and rendering their HTML (npm start, the notebook tests) */
  reports: [
    req("nbclient", "0.7", "python3-nbclient"),
    req("nbconvert", "6.5", "jupyter-nbconvert"),
    req("nbformat", "5.1", "python3-nbformat"),
    req("jupyter_client", "7.4", "jupyter-client"),
  ],
  /** the browser tests: JupyterLab 4 and Notebook 7 */
  browser: [req("jupyterlab", "4.0"), req("notebook", "7.0")],
  /** the kernel conformance tests */
  kernelTests: [req("jupyter_client", "7.4", "jupyter-client"), req("jupyter_kernel_test", "0.4", "python3-jupyter-kernel-test")],
  /** the kernel's tests through jupyter_server's websocket, as JupyterLab talks to it */
  kernelServer: [req("jupyter_server", "2.0"), req("tornado", "6.1", "python3-tornado")],
  /** the float64 references in test/reference (numpy, h5py for the course's files) */
  references: [req("numpy", "1.21", "python3-numpy"), req("h5py", "3.0", "python3-h5py")],
} satisfies Record<string, Requirement[]>;
export type Need = keyof typeof NEEDS;

export interface Candidate {
  python: string;
  /** where it came from, for messages: "active virtualenv", "project .venv", ... */
  origin: string;
  /** module -> installed version (absent: not installed) */
  versions: Record<string, string>;
}

const PROBE = `
import importlib.metadata as md, importlib.util as iu, json, sys
out = {}
for name in sys.argv[1:]:
    try:
        if iu.find_spec(name) is not None:
            out[name] = md.version(name)
    except Exception:
        pass
print(json.dumps(out))
`;

const allModules = [...new Set(Object.values(NEEDS).flat().map((r) => r.module))];

function probe(python: string): Record<string, string> | undefined {
  const result = spawnSync(python, ["-c", PROBE, ...allModules], { encoding: "utf8", env: { ...process.env, PYDEVD_DISABLE_FILE_VALIDATION: "1" } });
  if (result.status !== 0) return undefined;
  try {
    return JSON.parse(result.stdout.trim().split("\n").pop() ?? "{}") as Record<string, string>;
  } catch {
    return undefined;
  }
}

/** The interpreter named on the first line of the `jupyter` script on PATH, if there is one. */
function pythonBehindJupyterOnPath(): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const script = path.join(dir, "jupyter");
    try {
      const firstLine = fs.readFileSync(script, "utf8").slice(0, 300).split("\n")[0];
      const interpreter = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(firstLine);
      if (!interpreter) continue;
      // "#!/usr/bin/env python3" names the python3 on PATH.
      return path.basename(interpreter[1]) === "env" ? interpreter[2] : interpreter[1];
    } catch {
      // not there, or not a script
    }
  }
  return undefined;
}

const venvPython = (venv: string) => path.join(venv, process.platform === "win32" ? "Scripts" : "bin", process.platform === "win32" ? "python.exe" : "python");

function candidatePythons(): { python: string; origin: string }[] {
  const list: { python: string; origin: string }[] = [];
  if (process.env.COURSE_PYTHON) list.push({ python: process.env.COURSE_PYTHON, origin: "COURSE_PYTHON" });
  if (process.env.VIRTUAL_ENV) list.push({ python: venvPython(process.env.VIRTUAL_ENV), origin: "the active virtualenv" });
  list.push({ python: venvPython(PROJECT_VENV), origin: "the project's .venv" });
  const behindJupyter = pythonBehindJupyterOnPath();
  if (behindJupyter) list.push({ python: behindJupyter, origin: "the `jupyter` on PATH" });
  list.push({ python: "/usr/bin/python3", origin: "Debian's python3" });
  const seen = new Set<string>();
  return list.filter(({ python }) => {
    let key = python;
    try {
      key = fs.realpathSync(python);
    } catch {
      if (path.isAbsolute(python)) return false; // an absolute path that does not exist
    }
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

let cached: Candidate[] | undefined;
/** Every candidate Python that runs, in order of preference, with what it has installed. */
export function candidates(refresh = false): Candidate[] {
  if (!cached || refresh) {
    cached = candidatePythons().flatMap(({ python, origin }) => {
      const versions = probe(python);
      return versions ? [{ python, origin, versions }] : [];
    });
  }
  return cached;
}

/** Compares dotted versions numerically ("7.17.1" >= "7.4"); pre-release tails are ignored. */
export function atLeast(version: string, min: string): boolean {
  const parts = (v: string) => v.split(".").map((p) => parseInt(p, 10) || 0);
  const [a, b] = [parts(version), parts(min)];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  }
  return true;
}

/** What `candidate` lacks for `needs` ("nbconvert>=6.5" ...), or nothing. */
export function missing(candidate: Candidate, needs: Need[]): Requirement[] {
  const wanted = new Map(needs.flatMap((n) => NEEDS[n]).map((r) => [r.module, r]));
  return [...wanted.values()].filter((r) => !(r.module in candidate.versions) || !atLeast(candidate.versions[r.module], r.min));
}

/** The first candidate that has everything `needs` asks for. */
export function pythonFor(...needs: Need[]): Candidate | undefined {
  return candidates().find((c) => missing(c, needs).length === 0);
}

/** One line for messages: "nbconvert 7.17.1, nbclient 0.11.0". */
export function describe(candidate: Candidate, needs: Need[]): string {
  const modules = [...new Set(needs.flatMap((n) => NEEDS[n]).map((r) => r.module))];
  return modules.filter((m) => m in candidate.versions).map((m) => `${m} ${candidate.versions[m]}`).join(", ");
}

const isVenv = (python: string) =>
  spawnSync(python, ["-c", "import sys; sys.exit(0 if sys.prefix != sys.base_prefix else 1)"], { stdio: "ignore" }).status === 0;

function run(command: string, args: string[], log: (line: string) => void): boolean {
  log(`$ ${[command, ...args].join(" ")}`);
  const result = spawnSync(command, args, { stdio: ["ignore", "inherit", "inherit"] });
  return result.status === 0;
}

/** pip-installs `requirements` into the virtualenv of `python`; returns the ones pip could not get. */
function pipInstall(python: string, requirements: Requirement[], log: (line: string) => void): Requirement[] {
  const spec = (r: Requirement) => `${r.pip}>=${r.min}`;
  // --retries 0: where the default index is unreachable, pip moves on to the next one at once.
  const pip = (rs: Requirement[]) => run(python, ["-m", "pip", "install", "--retries", "0", "-qq", "--disable-pip-version-check", ...rs.map(spec)], log);
  if (pip(requirements)) return [];
  // One failed: find which, keeping the others.
  return requirements.filter((r) => !pip([r]));
}

/** A new virtualenv in the project, from the first python3 that can make one. */
function createProjectVenv(log: (line: string) => void): string | undefined {
  for (const base of ["python3", "/usr/bin/python3"]) {
    if (spawnSync(base, ["--version"], { stdio: "ignore" }).status !== 0) continue;
    if (run(base, ["-m", "venv", PROJECT_VENV], log)) return venvPython(PROJECT_VENV);
    fs.rmSync(PROJECT_VENV, { recursive: true, force: true });
  }
  log("setup: could not create a virtualenv (on Debian/Ubuntu: apt install python3-venv)");
  return undefined;
}

function aptInstall(packages: string[], log: (line: string) => void): boolean {
  if (packages.length === 0 || spawnSync("apt-get", ["--version"], { stdio: "ignore" }).status !== 0) return false;
  const root = process.getuid?.() === 0;
  const prefix = root ? [] : ["sudo"];
  log(`setup: pip could not install everything; installing Debian's packages with ${root ? "apt-get" : "sudo apt-get (it may ask for your password)"}: ${packages.join(" ")}`);
  const [cmd, ...pre] = [...prefix, "apt-get"];
  return (
    run(cmd, [...pre, "update", "-qq"], log) &&
    spawnSync(cmd, [...pre, "install", "-y", "-qq", ...packages], { stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } }).status === 0
  );
}

/**
 * Makes every need in `needs` usable by some candidate, installing what is missing (see the top of
 * this file). Returns the needs that are still not met.
 */
export function ensureJupyter(needs: Need[], log: (line: string) => void = console.log): Need[] {
  const unmet = () => needs.filter((n) => !pythonFor(n));
  if (unmet().length === 0) return [];

  // A virtualenv the kit may install into: the active one, else the project's (made if needed).
  const active = process.env.VIRTUAL_ENV ? venvPython(process.env.VIRTUAL_ENV) : undefined;
  let target = active && fs.existsSync(active) && isVenv(active) ? active : undefined;
  if (!target) target = fs.existsSync(venvPython(PROJECT_VENV)) ? venvPython(PROJECT_VENV) : createProjectVenv(log);
  if (target) {
    const have = probe(target) ?? {};
    const wanted = [...new Map(unmet().flatMap((n) => NEEDS[n]).map((r) => [r.module, r])).values()];
    const toInstall = wanted.filter((r) => !(r.module in have) || !atLeast(have[r.module], r.min));
    log(`setup: installing into ${target === active ? "the active virtualenv" : "the project's .venv"} with pip: ${toInstall.map((r) => r.pip).join(" ")}`);
    const failed = pipInstall(target, toInstall, log);
    if (failed.length) log(`setup: pip could not install ${failed.map((r) => r.pip).join(", ")}`);
    candidates(true);
  }

  const still = unmet();
  const aptPackages = [...new Set(still.flatMap((n) => NEEDS[n]).filter((r) => r.apt).map((r) => r.apt as string))];
  if (still.length && aptPackages.length) {
    // Debian's stack is one piece: the need is met by /usr/bin/python3 as a whole.
    if (aptInstall(aptPackages, log)) candidates(true);
  }
  return unmet();
}

/**
 * A Jupyter command of a candidate ("kernelspec", "nbconvert", "lab" ...) as `python -m <module>`:
 * `python -m jupyter <command>` would run whichever `jupyter-<command>` is first on PATH, not
 * necessarily this Python's.
 */
export function jupyterCommand(candidate: Candidate, command: "kernelspec" | "nbconvert" | "lab" | "notebook"): [string, string[]] {
  const module = { kernelspec: "jupyter_client.kernelspecapp", nbconvert: "nbconvert", lab: "jupyterlab", notebook: "notebook" }[command];
  return [candidate.python, ["-m", module]];
}
