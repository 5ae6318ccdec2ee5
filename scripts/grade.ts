/**
 * `npm run grade -- <notebook.ipynb> [options]`: grades one assignment notebook (see grading/README.md).
 * `npm run grade -- <folder> [options]`: grades a class — nbgrader's submitted/<student>/<assignment>/
 * layout or a flat folder of notebooks — and writes the gradebook and feedback (grading/batch.ts).
 *
 *   --json                       print exactly one JSON object on stdout:
 *                                { notebook, score, maxScore, exercises: [{ id, points, maxPoints, passed, message }] }
 *   --reporter <name>            a mocha reporter for the per-check report: spec (default), junit
 *                                (= mocha's xunit: JUnit XML), json, or any other built-in reporter
 *   --reporter-output <file>     write that report to a file (junit/xunit and json); the human
 *                                (spec) report, or the --json object, still goes to stdout
 *   --time-limit <seconds>       per-exercise time limit, overriding the assignment's own
 *   --concurrency <n>            exercises graded at the same time (default 2); for a folder,
 *                                submissions graded at the same time (default: all cores)
 *   --out <dir>                  (folder) where autograded/, feedback/ and gradebook.csv go
 *                                (default: the parent of submitted/, else <folder>-graded)
 *   --force                      (folder) regrade submissions already graded and unchanged
 *
 * Exit status: 0 when the notebook was graded (whatever the score), 1 when grading could not run
 * (unreadable notebook, not an assignment, library not built), 2 for a usage error.
 * Tip: `npm run -s grade -- … --json` keeps npm's own banner off stdout.
 */
import * as fs from "fs";
import * as path from "path";
import { gradeClass } from "../grading/batch";
import { gradeNotebook, NotGradable, toJson } from "../grading/grade";
import { FILE_REPORTERS, mochaReporterName, report, totalLine } from "../grading/report";

interface Args {
  notebook: string;
  json: boolean;
  reporter?: string;
  reporterOutput?: string;
  timeLimitMs?: number;
  concurrency?: number;
  out?: string;
  force: boolean;
}

class UsageError extends Error {}

const USAGE =
  "usage: npm run grade -- <notebook.ipynb> [--json] [--reporter spec|junit|json] [--reporter-output <file>] [--time-limit <seconds>] [--concurrency <n>]\n" +
  "       npm run grade -- <folder> [--out <dir>] [--force] [--json] [--time-limit <seconds>] [--concurrency <n>]";

function parseArgs(argv: string[]): Args {
  const args: Partial<Args> & { json: boolean; force: boolean } = { json: false, force: false };
  const value = (i: number, flag: string): string => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith("--")) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const take = () => inline ?? value(i++, flag);
    switch (flag) {
      case "--json":
        args.json = true;
        break;
      case "--reporter":
        args.reporter = take();
        break;
      case "--reporter-output":
        args.reporterOutput = path.resolve(take());
        break;
      case "--time-limit": {
        const seconds = Number(take());
        if (!(seconds > 0)) throw new UsageError("--time-limit must be a positive number of seconds");
        args.timeLimitMs = seconds * 1000;
        break;
      }
      case "--concurrency": {
        const n = Number(take());
        if (!Number.isInteger(n) || n < 1) throw new UsageError("--concurrency must be a positive integer");
        args.concurrency = n;
        break;
      }
      case "--out":
        args.out = path.resolve(take());
        break;
      case "--force":
        args.force = true;
        break;
      case "--help":
      case "-h":
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        if (flag.startsWith("-")) throw new UsageError(`unknown option ${flag}`);
        if (args.notebook) throw new UsageError(`one notebook or folder at a time (got ${args.notebook} and ${arg})`);
        args.notebook = arg;
    }
  }
  if (!args.notebook) throw new UsageError("which notebook (or folder of submissions)? give its path");
  if (args.reporterOutput && !args.reporter) args.reporter = "junit";
  if (args.reporterOutput && !FILE_REPORTERS.has(mochaReporterName(args.reporter!))) {
    throw new UsageError(`--reporter-output works with the junit (xunit) and json reporters, not ${args.reporter}`);
  }
  if (args.json && args.reporter && !args.reporterOutput) {
    throw new UsageError("--json owns stdout: give --reporter-output <file> for the mocha report");
  }
  return args as Args;
}

async function main(): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`grade: ${err.message}\n${USAGE}`);
    return 2;
  }
  if (!fs.existsSync(args.notebook)) {
    console.error(`grade: no such file: ${args.notebook}`);
    return 1;
  }
  if (fs.statSync(args.notebook).isDirectory()) return gradeFolder(args);
  if (args.out || args.force) throw new Error("--out and --force are for a folder of submissions");
  let result;
  try {
    result = await gradeNotebook(args.notebook, { timeLimitMs: args.timeLimitMs, concurrency: args.concurrency });
  } catch (err) {
    if (err instanceof NotGradable) {
      console.error(`grade: ${err.message}`);
      return 1;
    }
    throw err;
  }
  if (args.reporterOutput) {
    fs.mkdirSync(path.dirname(args.reporterOutput), { recursive: true });
    await report(result, args.reporter!, args.reporterOutput);
  }
  if (args.json) {
    process.stdout.write(JSON.stringify(toJson(result)) + "\n");
  } else if (!args.reporterOutput && args.reporter && mochaReporterName(args.reporter) !== "spec") {
    await report(result, args.reporter);
  } else {
    await report(result, "spec");
    console.log(`${totalLine(result)}\n`);
  }
  return 0;
}

async function gradeFolder(args: Args): Promise<number> {
  if (args.reporter) throw new Error("--reporter is for one notebook; a folder writes gradebook.csv and feedback pages");
  const result = await gradeClass(args.notebook, { out: args.out, force: args.force, concurrency: args.concurrency, timeLimitMs: args.timeLimitMs });
  const count = (status: string) => result.rows.filter((r) => r.status === status).length;
  const problems = result.rows.filter((r) => r.status !== "graded");
  if (args.json) {
    process.stdout.write(JSON.stringify({ outDir: result.outDir, gradebook: result.gradebook, graded: result.graded, skipped: result.skipped, isolation: result.isolation, rows: result.rows }) + "\n");
    return 0;
  }
  console.log(`\n${result.rows.length} submissions: ${count("graded")} graded${problems.length ? `, ${problems.length} with problems` : ""} (${result.graded} graded now, ${result.skipped} unchanged and skipped) in ${(result.durationMs / 1000).toFixed(1)} s`);
  for (const r of problems) console.log(`  ${r.notebook}: ${r.status} — ${r.message.split("\n")[0]}`);
  const shown = (p: string) => (path.relative(process.cwd(), p).startsWith("..") ? p : path.relative(process.cwd(), p));
  console.log(`gradebook: ${shown(result.gradebook)}`);
  console.log(`feedback:  ${shown(path.join(result.outDir, "feedback"))}/<student>/…/<notebook>.html`);
  if (result.isolation !== "namespaces") console.log("note: student code ran without Linux namespaces (no bubblewrap here); see grading/README.md");
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    console.error(`grade: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  },
);
