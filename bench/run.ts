/**
 * `npm run bench`: the lib against numpy + OpenBLAS and the course kernel against IPython, measured
 * side by side in one run on this machine. See bench/README.md for what is measured and how.
 *
 * Prints a table of medians and ratios; writes bench/results/bench-<time>.json (+ latest.json) and
 * two Vega-Lite charts (spec .vl.json + .svg). Exits 1 when the lib's results differ from the
 * reference (cost curve to 1e-5 relative, the accuracies exactly) or a measurement could not run.
 * Ratio targets are reported (✔/✘), not failed: the machine is shared.
 *
 * Sections, each in its own file: bench/model.ts (the model, every way), bench/dot.ts (np.dot), bench/kernel.ts
 * (the kernel against IPython), bench/typescript7.ts, bench/class.ts (a class graded); npm start below.
 *
 * Flags: --quick                  shorter: rows on tfjs's own kernels and cpu rows on fewer iterations (extrapolated), no npm start
 *        --repeats N              timed runs of the numpy reference and the fast path (default 5)
 *        --path-repeats N         timed runs of the learner's code, the propagate loop and the lib's tfjs ops (default 3)
 *        --tfjs-kernel-iterations N, --tfjs-kernel-repeats N
 *                                 the rows on tfjs's own kernels (default 2000 iterations, 1 run; shorter runs are extrapolated, said so)
 *        --cpu-iterations N       the cpu rows other than the fast path (default 500, extrapolated)
 *        --dot-repeats N          timed runs per dot-product way (default 25)
 *        --skip-cpu --skip-tfjs-kernels --skip-start --skip-kernel --skip-typescript7 --skip-class
 *        --class-size N           submissions in the graded class (default 300)
 *        --only a,b               just these sections: model, dot, kernel, typescript7, start, class
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { COURSE_DATA_ENV, findCatDataDir } from "../lib/data/cat";
import { formatMs } from "../lib/display/format";
import { renderSvg } from "../lib/plot/chart";
import { timingBarsSpec } from "../lib/plot/timingBars";
import { median } from "../lib/timing";
import { child, lastJson, log, PYTHON, REPO, RESULTS, run, type Row } from "./common";
import { dotSection } from "./dot";
import { kernelRows, writeHistoryChart, type KernelMeasurement } from "./kernel";
import { memoryLine, modelSection, NUM_ITERATIONS, numpyScript, type NumpyResult } from "./model";
import type { TypeScriptComparison } from "./typescript7";

const TARGETS = { startSeconds: 180, classMinutes: 10 };

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
const SECTIONS = ["model", "dot", "kernel", "typescript7", "start", "class"] as const;
type Section = (typeof SECTIONS)[number];
/** --only kernel,class: just those sections (all by default). */
const only = (() => {
  const i = argv.indexOf("--only");
  if (i < 0) return undefined;
  const names = String(argv[i + 1] ?? "").split(",").filter(Boolean);
  const unknown = names.filter((n) => !(SECTIONS as readonly string[]).includes(n));
  if (names.length === 0 || unknown.length) throw new Error(`--only takes sections among ${SECTIONS.join(", ")}; got ${argv[i + 1]}`);
  return new Set(names as Section[]);
})();
const wanted = (section: Section) => !only || only.has(section);
const opts = {
  repeats: num("repeats", 5),
  pathRepeats: num("path-repeats", 3),
  tfjsKernelIterations: Math.min(num("tfjs-kernel-iterations", quick ? 300 : NUM_ITERATIONS), NUM_ITERATIONS),
  tfjsKernelRepeats: num("tfjs-kernel-repeats", 1),
  cpuIterations: Math.min(num("cpu-iterations", quick ? 100 : 500), NUM_ITERATIONS),
  dotRepeats: num("dot-repeats", 25),
  skipCpu: has("skip-cpu"),
  skipTfjsKernels: has("skip-tfjs-kernels"),
  skipModel: !wanted("model"),
  skipDot: !wanted("dot"),
  skipStart: has("skip-start") || quick || !wanted("start"),
  skipKernel: has("skip-kernel") || !wanted("kernel"),
  skipTypescript7: has("skip-typescript7") || !wanted("typescript7"),
  skipClass: has("skip-class") || !wanted("class"),
  classSize: num("class-size", 300),
};

// ---------------------------------------------------------------------------------------------

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

  let model: Awaited<ReturnType<typeof modelSection>> | undefined;
  let dot: Awaited<ReturnType<typeof dotSection>> | undefined;
  if (!opts.skipModel || !opts.skipDot) {
    // --- numpy reference, in this session (the model and np.dot) ---
    log(`numpy + OpenBLAS reference (${opts.repeats} runs of the ${modelName}, np.dot)…`);
    const numpyArgs = [numpyScript, "--repeats", String(opts.repeats), "--dot-repeats", String(opts.dotRepeats * 4)];
    if (rawDir) numpyArgs.push("--raw-dir", rawDir);
    const numpy = lastJson<NumpyResult>(await run(PYTHON, numpyArgs, courseDataEnv), "the numpy reference (bench/numpy_reference.py)");
    record.numpy = numpy;
    const blasName =
      (numpy.blas.some((l) => /openblas/i.test(l)) ? "OpenBLAS" : numpy.blas.length ? path.basename(numpy.blas[0]) : "BLAS unknown") +
      (numpy.blasThreads ? `, ${numpy.blasThreads} threads` : "");
    if (numpy.cat.skipped) problems.push(`numpy reference: ${numpy.cat.skipped}`);

    // --- the model, every way, on every backend ---
    if (!opts.skipModel) {
      model = await modelSection({ options: opts, numpy, numpyArgs, env: courseDataEnv, dataSource, modelName, blasName, problems });
      rows.push(...model.rows);
      Object.assign(record, model.record);
    }

    // --- the dot product of 10⁶ ---
    if (!opts.skipDot) {
      dot = await dotSection({ numpy, repeats: opts.dotRepeats, skipCpu: opts.skipCpu, blasName, problems });
      rows.push(...dot.rows);
      record.dot = dot.record;
    }
  }

  // --- the course kernel against IPython (bench/kernel.ts) ---
  let kernelMeasurements: KernelMeasurement[] = [];
  if (!opts.skipKernel) {
    const kSection = "Jupyter kernel against IPython (jupyter_client)";
    // ipykernel and jupyter_client from pip, in the project's virtualenv (npm run setup -- --with-tests).
    const python = process.env.KERNEL_BENCH_PYTHON ?? path.join(REPO, ".venv", "bin", "python");
    for (const kernel of ["python3", "nn-basics-ts"]) {
      log(`kernel latency and history: ${kernel}…`);
      try {
        kernelMeasurements.push(
          lastJson<KernelMeasurement>(
            await run(python, [path.join(__dirname, "kernel_latency.py"), "--kernel", kernel, "--starts", String(quick ? 2 : 3), "--cells", "30", "--history", String(quick ? 300 : 1000)], {
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
    record.kernels = kernelMeasurements;
    const py = kernelMeasurements.find((m) => m.kernel === "python3");
    const ts = kernelMeasurements.find((m) => m.kernel === "nn-basics-ts");
    if (py && ts) for (const row of kernelRows(ts, py)) rows.push({ section: kSection, ...row });
  }

  // --- TypeScript 7 (native) against the kernel's TypeScript 5.9 session, checking cells ---
  if (!opts.skipTypescript7) {
    const tsSection = "Type-checking a cell: TypeScript 5.9 session vs TypeScript 7";
    const dir = path.join(__dirname, ".typescript7");
    const pkg = path.join(dir, "node_modules", "typescript");
    if (!fs.existsSync(path.join(pkg, "package.json"))) {
      log("installing typescript@7 into bench/.typescript7 (git-ignored)…");
      const installed = await run("npm", ["install", "--prefix", dir, "--no-save", "--no-audit", "--no-fund", "typescript@7"]);
      if (installed.code !== 0) problems.push(`could not install typescript@7: ${installed.stderr.trim().split("\n").slice(-3).join(" ")}`);
    }
    if (fs.existsSync(path.join(pkg, "package.json"))) {
      log("type-checking cells with TypeScript 5.9 (the kernel's session) and TypeScript 7…");
      try {
        const comparison = lastJson<TypeScriptComparison>(await run(process.execPath, ["--require", "tsx/cjs", path.join(__dirname, "typescript7.ts"), pkg]), "TypeScript 7 comparison");
        record.typescript7 = comparison;
        for (const [kind, { ts59Ms, ts7Ms }] of Object.entries(comparison.kinds)) {
          rows.push({ section: tsSection, what: `TypeScript 5.9, kernel session: ${kind} cell`, ms: median(ts59Ms), note: `${ts59Ms.length} cells` });
          rows.push({ section: tsSection, what: `TypeScript ${comparison.typescript7Version} (updateSnapshot): ${kind} cell`, ms: median(ts7Ms), referenceMs: median(ts59Ms), ratio: median(ts7Ms) / median(ts59Ms), note: "ratio: against 5.9" });
        }
      } catch (err) {
        problems.push((err as Error).message);
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

  // --- a class graded: bench/class.ts generates the submissions and runs the batch grader ---
  if (!opts.skipClass) {
    log(`grading a class of ${opts.classSize} submissions (npm run grade -- <folder>)…`);
    const loadBefore = os.loadavg()[0];
    const r = await run(process.execPath, ["--require", "tsx/cjs", path.join(__dirname, "class.ts"), "--count", String(opts.classSize)], {}, 60 * 60_000);
    try {
      const c = lastJson<{ count: number; seconds: number; perMinute: number; peakMB: number; statuses: Record<string, number>; kinds: Record<string, number>; isolation: string; resume: { seconds: number; skipped: number } }>(r, "grading the class");
      record.classGrading = { ...c, loadAverageBefore: loadBefore };
      const mix = Object.entries(c.kinds).map(([k, n]) => `${n} ${k}`).join(", ");
      rows.push({
        section: "grading a class",
        what: `${c.count} submissions of both assignments (${mix})`,
        ms: c.seconds * 1000,
        target: `≤ ${TARGETS.classMinutes} min`,
        check: `${c.perMinute.toFixed(1)} submissions/min, peak ${c.peakMB.toFixed(0)} MB (grader + student processes)`,
        ok: c.seconds <= TARGETS.classMinutes * 60,
        note: `${c.isolation}; load ${loadBefore.toFixed(1)} at the start; a second run skips all ${c.resume.skipped} in ${c.resume.seconds.toFixed(1)} s`,
      });
    } catch (err) {
      problems.push((err as Error).message);
    }
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
  await writeCharts(base, rows, [...(model ? [["model", model.section] as [string, string]] : []), ...(dot ? [["dot", dot.section] as [string, string]] : [])]);
  if (kernelMeasurements.length > 0) await writeHistoryChart(base, kernelMeasurements);

  console.log(formatTable(rows));
  const memory = memoryLine(record, modelName);
  if (memory) console.log(`\n${memory}`);
  const loadAtStart = (record.machine as { loadAverageAtStart: number[] }).loadAverageAtStart;
  console.log(
    `\nLoad average ${loadAtStart.map((l) => l.toFixed(1)).join(" ")} at the start, ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} at the end, ` +
      `on ${os.cpus().length} cores: other work on the machine slows every row; compare ratios, not absolute times.`,
  );
  console.log(`Results: ${path.relative(REPO, base)}.json, charts ${path.relative(REPO, base)}-*.vl.json / .svg`);
  const missed = rows.filter((r) => r.targetMet === false);
  if (missed.length) {
    console.log(`\nTargets missed in this run (reported, not failed):\n- ${missed.map((r) => `${r.what}: ${r.ratio?.toFixed(2)}×, target ${r.target}`).join("\n- ")}`);
  }
  if (problems.length) {
    console.log(`\nFAILED:\n- ${problems.join("\n- ")}`);
    return 1;
  }
  console.log("\nAll lib results agree with the numpy reference.");
  return 0;
}

function formatTable(rows: Row[]): string {
  const header = ["", "median", "ratio", "target", "check", "note"];
  const lines: string[] = [];
  const cells = rows.map((r) => [
    r.what,
    r.ms === undefined ? "" : formatMs(r.ms),
    r.ratio !== undefined ? `${r.ratio < 10 ? r.ratio.toFixed(2) : r.ratio.toFixed(0)}×` : "",
    r.target ? `${r.target}${r.targetMet === undefined ? "" : r.targetMet ? " ✔" : " ✘"}` : "",
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

async function writeCharts(base: string, rows: Row[], charts: [name: string, section: string][]): Promise<void> {
  for (const [name, section] of charts) {
    const entries = rows.filter((r) => r.section === section && r.ms !== undefined && r.ms > 0).map((r) => ({ label: r.extrapolated ? `${r.what}, extrapolated` : r.what, ms: r.ms as number }));
    if (entries.length === 0) continue;
    const spec = timingBarsSpec(entries, { logScale: true, title: `${section} — median time (log scale)`, width: 520 });
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
