/**
 * What the sections of `npm run bench` share: starting the measuring processes, reading their JSON,
 * and the shape of a row of the summary table.
 */
import { spawn } from "child_process";
import * as path from "path";

export const REPO = path.resolve(__dirname, "..");
export const RESULTS = path.join(__dirname, "results");
export const PYTHON = "/usr/bin/python3";

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs a command in the repository, collecting its output; never rejects. */
export function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 30 * 60_000): Promise<Ran> {
  return new Promise((resolve) => {
    const start = performance.now();
    const child = spawn(cmd, args, { cwd: REPO, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGTERM"), timeoutMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: performance.now() - start });
    });
    child.on("error", (err) => {
      clearTimeout(timer);
      resolve({ code: -1, stdout, stderr: stderr + String(err), ms: performance.now() - start });
    });
  });
}

/** The last line of stdout that is a JSON object (libraries may print banners before it). */
export function lastJson<T>(r: Ran, what: string): T {
  const line = r.stdout.trim().split("\n").reverse().find((l) => l.startsWith("{"));
  if (r.code !== 0 || !line) throw new Error(`${what} failed (exit ${r.code}):\n${r.stderr.trim().split("\n").slice(-15).join("\n")}`);
  return JSON.parse(line) as T;
}

/** One measuring process of the lib (bench/child.ts), with its own tfjs backend (NN_BACKEND in env). */
export const child = (args: string[], env: NodeJS.ProcessEnv) =>
  run(process.execPath, ["--require", "tsx/cjs", path.join(__dirname, "child.ts"), ...args], { PYDEVD_DISABLE_FILE_VALIDATION: "1", ...env });

export const log = (s: string) => process.stderr.write(`${s}\n`);

/** One line of the summary table. */
export interface Row {
  section: string;
  what: string;
  ms?: number;
  referenceMs?: number;
  ratio?: number;
  /** e.g. "≤ 1.5"; targetMet says whether the ratio met it in this run */
  target?: string;
  targetMet?: boolean;
  check?: string;
  ok?: boolean;
  note?: string;
  /** measured on fewer iterations and scaled (said in note and in the chart's label) */
  extrapolated?: boolean;
}

export interface MemorySnapshot {
  rssMB: number;
  heapUsedMB: number;
  maxRssMB: number;
  tensors: number;
  tensorMB: number;
  fastWasmMB: number;
  tfjsWasmHeapMB: number;
}

export function maxRelativeDifference(actual: number[], expected: number[]): number {
  let worst = 0;
  for (let i = 0; i < Math.min(actual.length, expected.length); i++) worst = Math.max(worst, Math.abs(actual[i] - expected[i]) / Math.abs(expected[i]));
  return worst;
}
