/**
 * A JupyterLab 4 or Notebook 7 server on localhost for the browser tests, run as a learner runs it:
 * the course kernel found through JUPYTER_PATH=<repo>, the notebooks in a work folder (copies:
 * notebooks/ is never written), a fresh configuration, no network.
 */
import { spawn, type ChildProcess } from "child_process";
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { pythonFor, type Candidate } from "../../scripts/jupyter-env";
import { chromiumMissing } from "./chromium";
import { NOTEBOOK_DIR, REPO_ROOT, courseDataDir, kernelEnv } from "../../scripts/notebook-runner";

export type App = "lab" | "notebook";

export interface Server {
  app: App;
  /** http://127.0.0.1:<port> */
  base: string;
  token: string;
  /** the work folder the server serves: notebooks/ (copies) and lib (a link to the repo's) */
  work: string;
  /** the URL that opens `notebook` (a file name in notebooks/) in this app */
  urlOf(notebook: string): string;
  /** shuts down every kernel the server runs (the next notebook starts its own) */
  shutdownKernels(): Promise<void>;
  /** what the server printed, for failure messages */
  log(): string;
  stop(): Promise<void>;
}

/** Why the app cannot be started here, or undefined. */
export function jupyterMissing(): string | undefined {
  return pythonFor("browser") ? undefined : "no Python with JupyterLab 4 and Notebook 7 (npm test installs them into .venv with pip; see README)";
}

/** Skips (or, under CI, fails) when Chromium or JupyterLab 4 / Notebook 7 is not there. */
export function requireBrowserSetup(ctx: Mocha.Context): void {
  const why = chromiumMissing() ?? jupyterMissing();
  if (!why) return;
  if (process.env.CI) throw new Error(`browser tests cannot run: ${why}`);
  console.log(`      skipped: ${why}`);
  ctx.skip();
}


function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/** User settings a test needs: every cell in the page (no windowing), no news or update checks. */
function writeSettings(dir: string): void {
  const settings: Record<string, object> = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": { windowingMode: "none" },
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": { fetchNews: "false", checkForUpdates: false },
  };
  for (const [file, value] of Object.entries(settings)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), JSON.stringify(value));
  }
}

export async function startServer(app: App, extraNotebooks: Record<string, object> = {}): Promise<Server> {
  const python = pythonFor("browser") as Candidate;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), `nn-${app}-`));
  const work = path.join(scratch, "work");
  // A copy of the whole folder, as a learner has it: the notebooks and what they read (images/).
  fs.cpSync(NOTEBOOK_DIR, path.join(work, "notebooks"), { recursive: true, filter: (src) => !/\.ipynb_checkpoints/.test(src) });
  for (const [name, nb] of Object.entries(extraNotebooks)) fs.writeFileSync(path.join(work, "notebooks", name), JSON.stringify(nb, null, 1));
  // The notebooks' first cell imports "../lib": the copies see the repo's library, its compiled
  // "../dist/lib" and the packages its types name, as the type checker looks them up from here.
  for (const dir of ["lib", "dist", "node_modules"]) fs.symlinkSync(path.join(REPO_ROOT, dir), path.join(work, dir), "junction");
  const settings = path.join(scratch, "settings");
  writeSettings(settings);

  const port = await freePort();
  const token = randomBytes(16).toString("hex");
  const dataDir = courseDataDir();
  const env = kernelEnv({
    ...(dataDir ? { COURSE_DATA_DIR: dataDir } : {}),
    JUPYTER_CONFIG_DIR: path.join(scratch, "config"),
    JUPYTER_RUNTIME_DIR: path.join(scratch, "runtime"),
    JUPYTERLAB_SETTINGS_DIR: settings,
    JUPYTERLAB_WORKSPACES_DIR: path.join(scratch, "workspaces"),
  });
  const args = [
    "-m",
    app === "lab" ? "jupyterlab" : "notebook",
    "--no-browser",
    "--ServerApp.ip=127.0.0.1",
    `--ServerApp.port=${port}`,
    "--ServerApp.port_retries=0",
    `--IdentityProvider.token=${token}`,
    `--ServerApp.root_dir=${work}`,
    // CI runs as root; a learner's server would not need this.
    "--ServerApp.allow_root=True",
    ...(process.env.NN_DEBUG_EXPOSE ? ["--LabApp.expose_app_in_browser=True"] : []),
    ...(app === "lab" ? ["--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"] : []),
  ];
  const child: ChildProcess = spawn(python.python, args, { env, stdio: ["ignore", "pipe", "pipe"], cwd: work });
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const base = `http://127.0.0.1:${port}`;

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${app} exited (${child.exitCode}) before serving:\n${output.slice(-3000)}`);
    try {
      const response = await fetch(`${base}/api/status`, { headers: { Authorization: `token ${token}` } });
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${app} did not answer on ${base} within 60 s:\n${output.slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }

  return {
    app,
    base,
    token,
    work,
    urlOf: (notebook) =>
      // ?reset: a fresh workspace, so Lab opens this notebook only.
      app === "lab" ? `${base}/lab/tree/notebooks/${encodeURIComponent(notebook)}?reset&token=${token}` : `${base}/notebooks/notebooks/${encodeURIComponent(notebook)}?token=${token}`,
    log: () => output,
    async shutdownKernels() {
      const headers = { Authorization: `token ${token}` };
      const sessions = (await (await fetch(`${base}/api/sessions`, { headers })).json()) as { id: string }[];
      await Promise.all(sessions.map((s) => fetch(`${base}/api/sessions/${s.id}`, { method: "DELETE", headers })));
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
        await exited;
        clearTimeout(timer);
      }
      fs.rmSync(scratch, { recursive: true, force: true });
    },
  };
}
