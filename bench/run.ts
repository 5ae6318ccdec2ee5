/**
 * `npm run bench`: the lib against numpy + OpenBLAS and the course kernel against IPython, measured
 * side by side in one run on this machine. See bench/README.md for what is measured and how.
 *
 * Prints a table of medians and ratios; writes bench/results/bench-<time>.json (+ latest.json) and
 * two Vega-Lite charts (spec .vl.json + .svg). Exits 1 when the lib's results differ from the
 * reference (cost curve to 1e-5 relative, the accuracies exactly) or a measurement could not run.
 *
 * Flags: --quick            shorter: tfjs-op rows on fewer iterations (extrapolated), no npm start
 *        --repeats N        timed runs of the numpy reference and the fast path (default 5)
 *        --tfjs-repeats N   timed runs of the tfjs-op rows (default 1; each is seconds to a minute)
 *        --tfjs-iterations N / --cpu-iterations N
 *                           shorten the tfjs-op rows on wasm / cpu (times extrapolated to 2000, said so)
 *        --dot-repeats N    timed runs per dot-product way (default 25)
 *        --skip-cpu --skip-tfjs --skip-start --skip-kernel
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { COURSE_DATA_ENV, findCatDataDir } from "../lib/data/cat";
import type { TimingRow } from "../lib/timing/table";
import { renderSvg } from "../lib/plot/chart";
import { timingBarsSpec } from "../lib/plot/specs";
import { median } from "../lib/timing/timeit";

const REPO = path.resolve(__dirname, "..");
const RESULTS = path.join(__dirname, "results");
const PYTHON = "/usr/bin/python3";
const NUM_ITERATIONS = 2000;
const COST_RTOL = 1e-5;
const TARGETS = { catRatio: 1.0, catStretch: 0.5, dotRatio: 2.0, startSeconds: 180 };

// ---------------------------------------------------------------------------------------------
// flags

const argv = process.argv.slice(2);
const has = (name: string) => argv.includes(`--${name}`);
function num(name: string, fallback: number): number {
  const i = argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(argv[i + 1]);
  if (!Number.isInteger(v) || v < 1) throw new Error(`--${name} needs a positive integer, got ${argv[i + 1]}`);
  return v;
}
const quick = has("quick");
const opts = {
  repeats: num("repeats", 5),
  tfjsRepeats: num("tfjs-repeats", 1),
  tfjsIterations: Math.min(num("tfjs-iterations", quick ? 500 : NUM_ITERATIONS), NUM_ITERATIONS),
  cpuIterations: Math.min(num("cpu-iterations", quick ? 100 : NUM_ITERATIONS), NUM_ITERATIONS),
  dotRepeats: num("dot-repeats", 25),
  skipCpu: has("skip-cpu"),
  skipTfjs: has("skip-tfjs"),
  skipStart: has("skip-start") || quick,
  skipKernel: has("skip-kernel"),
};

// ---------------------------------------------------------------------------------------------
// processes

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 30 * 60_000): Promise<Ran> {
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
function lastJson<T>(r: Ran, what: string): T {
  const line = r.stdout.trim().split("\n").reverse().find((l) => l.startsWith("{"));
  if (r.code !== 0 || !line) throw new Error(`${what} failed (exit ${r.code}):\n${r.stderr.trim().split("\n").slice(-15).join("\n")}`);
  return JSON.parse(line) as T;
}

const child = (args: string[], env: NodeJS.ProcessEnv) =>
  run(process.execPath, ["--require", "tsx/cjs", path.join(__dirname, "child.ts"), ...args], { PYDEVD_DISABLE_FILE_VALIDATION: "1", ...env });

const log = (s: string) => process.stderr.write(`${s}\n`);

// ---------------------------------------------------------------------------------------------
// shapes of the measurements

interface NumpyResult {
  numpy: string;
  blas: string[];
  blasThreads: number | null;
  blasEnv: Record<string, string>;
  peakRssMB: number;
  dot: { n: number; samplesMs: number[]; pythonLoopMsExtrapolated: number };
  cat: { skipped?: string; shape?: number[]; samplesMs?: number[]; costs?: number[]; trainAccuracy?: number; testAccuracy?: number };
}
interface MemorySnapshot {
  rssMB: number;
  heapUsedMB: number;
  maxRssMB: number;
  tensors: number;
  tensorMB: number;
  fastWasmMB: number;
  tfjsWasmHeapMB: number;
}
interface CatRun {
  implementation: "fast" | "tfjs";
  numIterations: number;
  samplesMs: number[];
  medianMs: number;
  costs: number[];
  trainAccuracy?: number;
  testAccuracy?: number;
  memoryBefore: MemorySnapshot;
  memoryAfter: MemorySnapshot;
}
interface CatResult {
  backend: string;
  data: { source: string; description: string };
  memoryAfterLoad: MemorySnapshot;
  runs: CatRun[];
}
interface KernelLatency {
  kernel: string;
  startupMs: number[];
  firstCellMs: number[];
  cellMs: number[];
}

/** One line of the summary table. */
interface Row {
  section: string;
  what: string;
  ms?: number;
  referenceMs?: number;
  ratio?: number;
  target?: string;
  check?: string;
  ok?: boolean;
  note?: string;
  /** measured on fewer iterations and scaled (said in note and in the chart's label) */
  extrapolated?: boolean;
}

// ---------------------------------------------------------------------------------------------

async function availableBackends(): Promise<string[]> {
  const list = ["wasm"];
  if (!opts.skipCpu) list.push("cpu");
  // Native TensorFlow only if tfjs-node is installed and loads (optional dependency).
  const probe = await run(process.execPath, ["-e", "require('@tensorflow/tfjs-node')"]);
  if (probe.code === 0) list.unshift("tensorflow");
  return list;
}

function maxRelativeDifference(actual: number[], expected: number[]): number {
  let worst = 0;
  for (let i = 0; i < Math.min(actual.length, expected.length); i++) worst = Math.max(worst, Math.abs(actual[i] - expected[i]) / Math.abs(expected[i]));
  return worst;
}

async function main(): Promise<number> {
  fs.mkdirSync(RESULTS, { recursive: true });
  const started = new Date();
  const problems: string[] = [];
  const rows: Row[] = [];
  const record: Record<string, unknown> = {
    started: started.toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, loadAverageAtStart: os.loadavg(), node: process.version },
    options: opts,
  };

  // --- data: the course's files, else the lib's default images (exported raw for numpy) ---
  const catDir = findCatDataDir();
  let dataSource: "course" | "default" = "course";
  let rawDir = "";
  if (!catDir) {
    dataSource = "default";
    rawDir = fs.mkdtempSync(path.join(os.tmpdir(), "nn-bench-"));
    log(`Course files not found (set COURSE_DATA_DIR to the folder containing catvnoncat/): the image-model rows use the lib's default images instead.`);
    lastJson(await child(["export-default", "--out", rawDir], {}), "exporting the default images");
  }
  const courseDataEnv = catDir ? { [COURSE_DATA_ENV]: path.dirname(catDir) } : {};
  const modelName = dataSource === "course" ? "cat model" : "image model (DEFAULT digits — course files not found)";
  record.data = { source: dataSource, dir: catDir ?? null };

  // --- numpy reference, in this session ---
  log(`numpy + OpenBLAS reference (${opts.repeats} runs of the ${modelName}, np.dot)…`);
  const numpyArgs = [path.join(__dirname, "numpy_reference.py"), "--repeats", String(opts.repeats), "--dot-repeats", String(opts.dotRepeats * 4)];
  if (rawDir) numpyArgs.push("--raw-dir", rawDir);
  const numpy = lastJson<NumpyResult>(await run(PYTHON, numpyArgs, courseDataEnv), "the numpy reference (bench/numpy_reference.py)");
  record.numpy = numpy;
  const blasName =
    (numpy.blas.some((l) => /openblas/i.test(l)) ? "OpenBLAS" : numpy.blas.length ? path.basename(numpy.blas[0]) : "BLAS unknown") +
    (numpy.blasThreads ? `, ${numpy.blasThreads} threads` : "");
  if (numpy.cat.skipped) problems.push(`numpy reference: ${numpy.cat.skipped}`);
  const section = `${modelName}: optimize, ${NUM_ITERATIONS} iterations, lr 0.005${numpy.cat.shape ? `, X ${numpy.cat.shape.join("×")}` : ""}`;

  // --- the lib on every backend ---
  const catResults: CatResult[] = [];
  for (const backend of await availableBackends()) {
    const tfjsIterations = backend === "cpu" ? opts.cpuIterations : opts.tfjsIterations;
    const impls = opts.skipTfjs ? "fast" : "fast,tfjs";
    log(`lib on ${backend}: ${impls} (fast ${opts.repeats}× ${NUM_ITERATIONS} iterations${opts.skipTfjs ? "" : `, tfjs ops ${opts.tfjsRepeats}× ${tfjsIterations}`})…`);
    try {
      catResults.push(
        lastJson<CatResult>(
          await child(
            ["cat", "--data", dataSource, "--impl", impls, "--iterations", String(NUM_ITERATIONS), "--repeats", String(opts.repeats),
              "--tfjs-iterations", String(tfjsIterations), "--tfjs-repeats", String(opts.tfjsRepeats)],
            { NN_BACKEND: backend, ...courseDataEnv },
          ),
          `the ${modelName} on ${backend}`,
        ),
      );
    } catch (err) {
      problems.push((err as Error).message);
    }
  }
  record.cat = catResults;

  // numpy again, after the lib's rows: the reference is the median of both sessions' samples, so a
  // burst of load on the machine during one of them weighs less.
  const numpyCatSamples = [...(numpy.cat.samplesMs ?? [])];
  if (numpy.cat.samplesMs) {
    log(`numpy reference again (${opts.repeats} runs)…`);
    const again = lastJson<NumpyResult>(await run(PYTHON, [...numpyArgs, "--skip-dot"], courseDataEnv), "the numpy reference (second session)");
    numpyCatSamples.push(...(again.cat.samplesMs ?? []));
    record.numpyAgain = again;
  }
  const refCat = numpyCatSamples.length ? median(numpyCatSamples) : undefined;
  if (refCat !== undefined) {
    rows.push({
      section,
      what: `numpy + ${blasName} (float64)`,
      ms: refCat,
      note: `reference (numpy ${numpy.numpy}, ${numpyCatSamples.length} runs in 2 sessions); accuracies ${numpy.cat.trainAccuracy} / ${numpy.cat.testAccuracy}`,
    });
  }
  for (const result of catResults) {
    const backend = result.backend;
    for (const r of result.runs) {
      const extrapolated = r.numIterations < NUM_ITERATIONS;
      const ms = (r.medianMs * NUM_ITERATIONS) / r.numIterations;
      const what = `lib, ${r.implementation === "fast" ? "fast path" : "tfjs ops"} (${backend})`;
      let check = "no reference";
      let ok: boolean | undefined;
      if (numpy.cat.costs) {
        const diff = maxRelativeDifference(r.costs, numpy.cat.costs);
        const accOk = extrapolated || (r.trainAccuracy === numpy.cat.trainAccuracy && r.testAccuracy === numpy.cat.testAccuracy);
        ok = diff <= COST_RTOL && accOk && r.costs.length === Math.ceil(r.numIterations / 100);
        check = `costs ≤${diff.toExponential(1)} rel${extrapolated ? ` (first ${r.costs.length})` : `; acc ${r.trainAccuracy} / ${r.testAccuracy}`}`;
        if (!ok) problems.push(`${what}: results differ from numpy (${check}; numpy acc ${numpy.cat.trainAccuracy} / ${numpy.cat.testAccuracy})`);
      }
      const leak = r.memoryAfter.tensors - r.memoryBefore.tensors;
      if (leak !== 0) problems.push(`${what}: ${leak} tensors leaked over the runs`);
      rows.push({
        section,
        what,
        ms,
        referenceMs: refCat,
        ratio: refCat ? ms / refCat : undefined,
        target: r.implementation === "fast" && backend === "wasm" ? `≤ ${TARGETS.catRatio} (stretch ${TARGETS.catStretch})` : undefined,
        check,
        ok,
        note: extrapolated ? `EXTRAPOLATED from ${r.numIterations} iterations ×${NUM_ITERATIONS / r.numIterations}` : `${r.samplesMs.length} run${r.samplesMs.length === 1 ? "" : "s"}`,
        extrapolated,
      });
    }
  }

  // --- the dot product of 10⁶ ---
  const dotSection = `dot product of 10⁶ numbers`;
  const npDot = median(numpy.dot.samplesMs);
  rows.push({ section: dotSection, what: `np.dot (float64, ${blasName})`, ms: npDot, note: "reference" });
  rows.push({ section: dotSection, what: "Python for loop", ms: numpy.dot.pythonLoopMsExtrapolated, referenceMs: npDot, ratio: numpy.dot.pythonLoopMsExtrapolated / npDot, note: "timed on 10⁵, ×10" });
  const dotResults: { backend: string; rows: TimingRow[] }[] = [];
  for (const backend of ["wasm", ...(opts.skipCpu ? [] : ["cpu"])]) {
    log(`dot product on ${backend}…`);
    try {
      const d = lastJson<{ backend: string; rows: TimingRow[] }>(await child(["dot", "--repeats", String(opts.dotRepeats)], { NN_BACKEND: backend }), `the dot product on ${backend}`);
      dotResults.push(d);
      const exact = d.rows.find((r) => r.label === "Float64Array loop")?.value as number;
      for (const r of d.rows) {
        if (backend !== "wasm" && !/^(nn|tf)\.dot/.test(r.label)) continue; // the JS loops do not depend on the backend
        const isLib = r.label.startsWith("nn.dot");
        const rel = Math.abs((r.value as number) - exact) / Math.abs(exact);
        // nn.dot sums in float64 blocks: it must agree with the float64 loop; tf.dot's float32 sum drifts (~1e-4), shown only.
        const ok = isLib ? rel <= 1e-6 : undefined;
        if (ok === false) problems.push(`${r.label}: value ${r.value} differs from the Float64Array loop's ${exact} (rel ${rel.toExponential(1)})`);
        rows.push({
          section: dotSection,
          what: r.label.includes("(") || backend === "wasm" ? r.label : `${r.label} (${backend})`,
          ms: r.medianMs,
          referenceMs: npDot,
          ratio: r.medianMs / npDot,
          target: isLib && backend === "wasm" ? `≤ ${TARGETS.dotRatio}` : undefined,
          check: `rel. diff. to float64 loop ${rel.toExponential(1)}`,
          ok,
          note: r.note,
        });
      }
    } catch (err) {
      problems.push((err as Error).message);
    }
  }
  record.dot = dotResults;

  // --- kernel start-up and per-cell latency ---
  if (!opts.skipKernel) {
    const kSection = "Jupyter kernel (jupyter_client)";
    const latencies: KernelLatency[] = [];
    for (const kernel of ["python3", "nn-basics-ts"]) {
      log(`kernel latency: ${kernel}…`);
      try {
        latencies.push(
          lastJson<KernelLatency>(
            await run(PYTHON, [path.join(__dirname, "kernel_latency.py"), "--kernel", kernel, "--starts", "3", "--cells", "30"], {
              JUPYTER_PATH: REPO,
              PYDEVD_DISABLE_FILE_VALIDATION: "1",
            }),
            `kernel latency of ${kernel}`,
          ),
        );
      } catch (err) {
        problems.push((err as Error).message);
      }
    }
    record.kernels = latencies;
    const py = latencies.find((l) => l.kernel === "python3");
    const ts = latencies.find((l) => l.kernel === "nn-basics-ts");
    for (const [label, key] of [["start-up (until kernel_info)", "startupMs"], ["first cell after start", "firstCellMs"], ["per cell (trivial cell)", "cellMs"]] as const) {
      if (py) rows.push({ section: kSection, what: `IPython: ${label}`, ms: median(py[key]), note: "reference" });
      if (ts) {
        const ref = py ? median(py[key]) : undefined;
        rows.push({ section: kSection, what: `nn-basics-ts: ${label}`, ms: median(ts[key]), referenceMs: ref, ratio: ref ? median(ts[key]) / ref : undefined, note: `${ts[key].length} samples` });
      }
    }
  }

  // --- npm start: every notebook executed and rendered ---
  if (!opts.skipStart) {
    log("npm start (all notebooks, executed and rendered)…");
    const r = await run("npm", ["start"], courseDataEnv, 15 * 60_000);
    const notebooks = (r.stdout.match(/^\[\s*\d+\/\d+\]/gm) ?? []).length;
    const failed = (r.stdout.match(/ FAILED /g) ?? []).length;
    const inner = /\((\d+(?:\.\d+)?) s\)\s*$/m.exec(r.stdout.split("Reports:").pop() ?? "");
    const seconds = r.ms / 1000;
    record.npmStart = { exitCode: r.code, seconds, notebooks, failed, buildReportsSeconds: inner ? Number(inner[1]) : undefined };
    rows.push({
      section: "npm start",
      what: `${notebooks} notebooks executed + rendered (incl. prestart build)`,
      ms: r.ms,
      target: `< ${TARGETS.startSeconds} s`,
      check: r.code === 0 ? "all ran" : `${failed} notebook(s) failed (exit ${r.code})`,
      note: inner ? `notebooks alone ${inner[1]} s` : undefined,
    });
    if (r.code !== 0) log(`npm start exited ${r.code}: ${failed} notebook(s) failed — reported, not a benchmark failure\n${r.stderr.split("\n").slice(-8).join("\n")}`);
  }

  // --- memory of the cat model run (fast path, default backend) ---
  const wasmCat = catResults.find((c) => c.backend === "wasm");
  const fastRun = wasmCat?.runs.find((r) => r.implementation === "fast");
  if (wasmCat && fastRun) {
    record.memory = {
      afterLoad: wasmCat.memoryAfterLoad,
      beforeFastRuns: fastRun.memoryBefore,
      afterFastRuns: fastRun.memoryAfter,
      numpyPeakRssMB: numpy.peakRssMB,
    };
  }

  // --- report ---
  record.rows = rows;
  record.problems = problems;
  record.finished = new Date().toISOString();
  record.loadAverageAtEnd = os.loadavg();
  const stamp = started.toISOString().replace(/[:.]/g, "-").slice(0, 19);
  const base = path.join(RESULTS, `bench-${stamp}`);
  fs.writeFileSync(`${base}.json`, JSON.stringify(record, null, 1));
  fs.writeFileSync(path.join(RESULTS, "latest.json"), JSON.stringify(record, null, 1));
  await writeCharts(base, rows, section, dotSection);

  console.log(formatTable(rows));
  if (record.memory) {
    const m = record.memory as { afterLoad: MemorySnapshot; afterFastRuns: MemorySnapshot; beforeFastRuns: MemorySnapshot; numpyPeakRssMB: number };
    console.log(
      `\nMemory, ${modelName} on wasm (fast path): peak RSS ${m.afterFastRuns.maxRssMB.toFixed(0)} MB ` +
        `(after loading the data ${m.afterLoad.rssMB.toFixed(0)} MB), JS heap ${m.afterFastRuns.heapUsedMB.toFixed(0)} MB, ` +
        `fast-path WebAssembly memory ${m.afterFastRuns.fastWasmMB.toFixed(1)} MB, tfjs wasm heap ${m.afterFastRuns.tfjsWasmHeapMB.toFixed(1)} MB, ` +
        `tensors ${m.beforeFastRuns.tensors} before / ${m.afterFastRuns.tensors} after the runs. numpy process peak RSS ${m.numpyPeakRssMB.toFixed(0)} MB.`,
    );
  }
  const loadAtStart = (record.machine as { loadAverageAtStart: number[] }).loadAverageAtStart;
  console.log(
    `\nLoad average ${loadAtStart.map((l) => l.toFixed(1)).join(" ")} at the start, ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} at the end, ` +
      `on ${os.cpus().length} cores: other work on the machine slows every row; compare ratios, not absolute times.`,
  );
  console.log(`Results: ${path.relative(REPO, base)}.json, charts ${path.relative(REPO, base)}-*.vl.json / .svg`);
  if (problems.length) {
    console.log(`\nFAILED:\n- ${problems.join("\n- ")}`);
    return 1;
  }
  console.log("\nAll lib results agree with the numpy reference.");
  return 0;
}

function formatMs(ms: number | undefined): string {
  if (ms === undefined) return "";
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 1) return `${ms.toFixed(1)} ms`;
  return `${(ms * 1000).toFixed(1)} µs`;
}

function formatTable(rows: Row[]): string {
  const header = ["", "median", "ratio", "target", "check", "note"];
  const lines: string[] = [];
  const cells = rows.map((r) => [
    r.what,
    formatMs(r.ms),
    r.ratio !== undefined ? `${r.ratio < 10 ? r.ratio.toFixed(2) : r.ratio.toFixed(0)}×` : "",
    r.target ?? "",
    (r.ok === true ? "✔ " : r.ok === false ? "✘ " : "") + (r.check ?? ""),
    r.note ?? "",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  let section = "";
  rows.forEach((r, k) => {
    if (r.section !== section) {
      section = r.section;
      lines.push("", `== ${section}`, header.map((h, i) => h.padEnd(widths[i])).join("  "));
    }
    lines.push(cells[k].map((c, i) => (i === 1 || i === 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ").trimEnd());
  });
  return lines.join("\n");
}

async function writeCharts(base: string, rows: Row[], catSection: string, dotSection: string): Promise<void> {
  for (const [name, section, title] of [
    ["cat", catSection, `${catSection} — median time (log scale)`],
    ["dot", dotSection, `${dotSection} — median time (log scale)`],
  ] as const) {
    const entries = rows.filter((r) => r.section === section && r.ms !== undefined && r.ms > 0).map((r) => ({ label: r.extrapolated ? `${r.what}, extrapolated` : r.what, ms: r.ms as number }));
    if (entries.length === 0) continue;
    const spec = timingBarsSpec(entries, { logScale: true, title, width: 520 });
    fs.writeFileSync(`${base}-${name}.vl.json`, JSON.stringify(spec, null, 1));
    fs.writeFileSync(`${base}-${name}.svg`, await renderSvg(spec));
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.stack : err);
    process.exit(1);
  },
);
