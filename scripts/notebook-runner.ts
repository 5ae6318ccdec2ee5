/**
 * Executes notebooks through the course kernel (nbclient, via scripts/run_notebook.py), for
 * `npm start` and the notebook tests. Source notebooks are only read.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { pythonFor } from "./jupyter-env";

export const REPO_ROOT = path.resolve(__dirname, "..");
export const NOTEBOOK_DIR = path.join(REPO_ROOT, "notebooks");
/**
 * The Python that runs notebooks (nbclient) and renders their HTML (nbconvert): the first of
 * COURSE_PYTHON, the active virtualenv, the project's .venv, the `jupyter` on PATH and Debian's
 * python3 that has them (scripts/jupyter-env.ts; `npm start` and `npm test` install them first).
 */
export const PYTHON: string = pythonFor("reports")?.python ?? "python3";

export interface CellError {
  cell: number | null;
  ename: string;
  evalue: string;
  source: string;
}

export interface NotebookRun {
  notebook: string;
  status: "ok" | "error";
  seconds: number;
  cells: number;
  errors: CellError[];
}

/** The course notebooks, in course order (their file names start with the lesson number). */
export function listNotebooks(dir = NOTEBOOK_DIR): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".ipynb") && !f.startsWith("."))
    .sort()
    .map((f) => path.join(dir, f));
}

/**
 * Where the course's cat files come from, by the lib's own rules (lib/data/cat.ts): $COURSE_DATA_DIR,
 * else data/ in this checkout when it holds catvnoncat/; undefined means the embedded default images.
 */
export function courseDataDir(): string | undefined {
  const fromEnv = process.env.COURSE_DATA_DIR?.trim();
  if (fromEnv) return fromEnv;
  const inCheckout = path.join(REPO_ROOT, "data");
  return fs.existsSync(path.join(inCheckout, "catvnoncat")) ? inCheckout : undefined;
}

/** Environment for a kernel: finds the course kernel spec in this repo, with no global install. */
export function kernelEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const jupyterPath = [REPO_ROOT, process.env.JUPYTER_PATH].filter(Boolean).join(path.delimiter);
  return { ...process.env, JUPYTER_PATH: jupyterPath, PYDEVD_DISABLE_FILE_VALIDATION: "1", ...extra };
}

export function runNotebook(
  notebook: string,
  outDir: string,
  options: { html?: boolean; timeoutSeconds?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<NotebookRun> {
  const args = [path.join(__dirname, "run_notebook.py"), notebook, "--out-dir", outDir];
  if (options.html) args.push("--html");
  if (options.timeoutSeconds) args.push("--timeout", String(options.timeoutSeconds));
  if (!pythonFor("reports")) {
    return Promise.reject(new Error("no Python with nbclient and nbconvert was found: run `npm run setup` (or set COURSE_PYTHON)"));
  }
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, args, { env: kernelEnv(options.env), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => {
      const line = stdout.trim().split("\n").pop() ?? "";
      try {
        resolve(JSON.parse(line) as NotebookRun);
      } catch {
        reject(new Error(`running ${path.basename(notebook)} failed (exit ${code}):\n${stderr.slice(-3000)}`));
      }
    });
  });
}

/** Runs `items` through `worker`, at most `limit` at a time, keeping the input order in the result. */
export async function mapLimit<T, R>(items: T[], limit: number, worker: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await worker(items[index], index);
    }
  });
  await Promise.all(lanes);
  return results;
}

/** One line a learner can act on: which notebook, which cell, what went wrong. */
export function describeErrors(run: NotebookRun): string {
  return run.errors
    .map((e) => {
      // Cells counted from 1, the way a learner counts them in the notebook.
      const where = e.cell === null ? "a cell" : `cell ${e.cell + 1}`;
      const firstLine = e.source.split("\n")[0];
      return `${path.basename(run.notebook)}, ${where} (${firstLine}): ${e.ename}: ${e.evalue}`;
    })
    .join("\n");
}
