/**
 * `npm run kernel:install [-- --user | --sys-prefix]` / `npm run kernel:uninstall`: registers the
 * course kernel with a Jupyter, so notebooks open with it outside this repo's JUPYTER_PATH too.
 *   --sys-prefix  into the environment of the Jupyter the kit uses (scripts/jupyter-env.ts): the
 *                 default when that is a virtualenv (the active one, or the project's .venv)
 *   --user        for this user, every Jupyter of theirs: the default otherwise
 * The installed copy points at this checkout with absolute paths, because `kernelspec install`
 * copies the spec folder away from the repo. Uninstall removes it from both places.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { jupyterCommand, pythonFor } from "./jupyter-env";

const REPO_ROOT = path.resolve(__dirname, "..");
const SPEC_DIR = path.join(REPO_ROOT, "kernels", "nn-basics-ts");
const KERNEL_NAME = path.basename(SPEC_DIR);

const candidate = pythonFor("reports");

function jupyter(args: string[], capture = false): { status: number; stdout: string } {
  if (!candidate) {
    console.error("no Jupyter found: run `npm run setup` first");
    return { status: 1, stdout: "" };
  }
  const [python, prefix] = jupyterCommand(candidate, "kernelspec");
  const result = spawnSync(python, [...prefix, ...args], {
    stdio: capture ? ["ignore", "pipe", "inherit"] : "inherit",
    encoding: "utf8",
    env: { ...process.env, PYDEVD_DISABLE_FILE_VALIDATION: "1" },
  });
  return { status: result.status ?? 1, stdout: result.stdout ?? "" };
}

const inVirtualenv = () =>
  !!candidate && spawnSync(candidate.python, ["-c", "import sys; sys.exit(0 if sys.prefix != sys.base_prefix else 1)"]).status === 0;

function install(where: "--user" | "--sys-prefix"): number {
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), "nn-kernelspec-"));
  const target = path.join(staging, KERNEL_NAME);
  fs.cpSync(SPEC_DIR, target, { recursive: true });
  const spec = JSON.parse(fs.readFileSync(path.join(SPEC_DIR, "kernel.json"), "utf8")) as { argv: string[] };
  // {resource_dir}/../.. is this repo only while the spec lives in kernels/: pin it.
  spec.argv = spec.argv.map((a) => a.replace("{resource_dir}/../..", REPO_ROOT));
  spec.argv[0] = spec.argv[0] === "node" ? process.execPath : spec.argv[0];
  fs.writeFileSync(path.join(target, "kernel.json"), JSON.stringify(spec, null, 2) + "\n");
  const { status } = jupyter(["install", where, "--replace", "--name", KERNEL_NAME, target]);
  fs.rmSync(staging, { recursive: true, force: true });
  const forWhom = where === "--user" ? "for this user" : `into ${candidate?.origin} (--sys-prefix)`;
  if (status === 0) console.log(`Installed kernel "${KERNEL_NAME}" ${forWhom}; it runs ${REPO_ROOT}/kernel with ${spec.argv[0]}.`);
  return status;
}

/** Every installed copy of the course kernel, user and environment alike (not this repo's own spec). */
function installedCopies(): string[] {
  const { status, stdout } = jupyter(["list", "--json"], true);
  if (status !== 0) return [];
  const specs = (JSON.parse(stdout) as { kernelspecs: Record<string, { resource_dir: string }> }).kernelspecs;
  const dir = specs[KERNEL_NAME]?.resource_dir;
  return dir && path.resolve(dir) !== SPEC_DIR ? [dir] : [];
}

function uninstall(): number {
  // `kernelspec remove` removes the copy Jupyter finds first: repeat until none is left.
  let removed = 0;
  for (let copy = installedCopies(); copy.length > 0 && removed < 5; copy = installedCopies()) {
    if (jupyter(["remove", "-y", KERNEL_NAME]).status !== 0) return 1;
    console.log(`Removed kernel "${KERNEL_NAME}" (${copy[0]}).`);
    removed++;
  }
  if (removed === 0) console.log(`Kernel "${KERNEL_NAME}" is not installed.`);
  return 0;
}

const [command, ...flags] = process.argv.slice(2);
if (command === "install") {
  const where = flags.includes("--user") ? "--user" : flags.includes("--sys-prefix") || inVirtualenv() ? "--sys-prefix" : "--user";
  process.exit(install(where));
}
else if (command === "uninstall") process.exit(uninstall());
else {
  console.error("usage: npm run kernel:install [-- --user | --sys-prefix] | npm run kernel:uninstall");
  process.exit(2);
}
