/**
 * `npm run kernel:install` / `npm run kernel:uninstall`: registers the course kernel with the
 * user's own Jupyter / JupyterLab (`jupyter kernelspec install --user`), so notebooks open with it
 * outside this repo's JUPYTER_PATH too. The installed copy points at this checkout with absolute
 * paths, because `kernelspec install` copies the spec folder away from the repo.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const REPO_ROOT = path.resolve(__dirname, "..");
const SPEC_DIR = path.join(REPO_ROOT, "kernels", "nn-basics-ts");
const KERNEL_NAME = path.basename(SPEC_DIR);

function jupyter(args: string[]): number {
  const result = spawnSync("jupyter", args, { stdio: "inherit", env: { ...process.env, PYDEVD_DISABLE_FILE_VALIDATION: "1" } });
  if (result.error) {
    console.error(`could not run jupyter (${result.error.message}); run \`npm run setup\` first`);
    return 1;
  }
  return result.status ?? 1;
}

function install(): number {
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), "nn-kernelspec-"));
  const target = path.join(staging, KERNEL_NAME);
  fs.cpSync(SPEC_DIR, target, { recursive: true });
  const spec = JSON.parse(fs.readFileSync(path.join(SPEC_DIR, "kernel.json"), "utf8")) as { argv: string[] };
  // {resource_dir}/../.. is this repo only while the spec lives in kernels/: pin it.
  spec.argv = spec.argv.map((a) => a.replace("{resource_dir}/../..", REPO_ROOT));
  spec.argv[0] = spec.argv[0] === "node" ? process.execPath : spec.argv[0];
  fs.writeFileSync(path.join(target, "kernel.json"), JSON.stringify(spec, null, 2) + "\n");
  const status = jupyter(["kernelspec", "install", "--user", "--replace", "--name", KERNEL_NAME, target]);
  fs.rmSync(staging, { recursive: true, force: true });
  if (status === 0) console.log(`Installed kernel "${KERNEL_NAME}" for this user; it runs ${REPO_ROOT}/kernel with ${spec.argv[0]}.`);
  return status;
}

function uninstall(): number {
  const status = jupyter(["kernelspec", "remove", "-y", KERNEL_NAME]);
  if (status === 0) console.log(`Removed kernel "${KERNEL_NAME}".`);
  return status;
}

const command = process.argv[2];
if (command === "install") process.exit(install());
else if (command === "uninstall") process.exit(uninstall());
else {
  console.error("usage: tsx scripts/kernelspec.ts install|uninstall");
  process.exit(2);
}
