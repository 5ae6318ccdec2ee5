/**
 * `npm run grade -- <notebook.ipynb> [options]`: grades one assignment notebook (see grading/README.md).
 *
 *   --json                       print exactly one JSON object on stdout:
 *                                { notebook, score, maxScore, exercises: [{ id, points, maxPoints, passed, message }] }
 *   --reporter <name>            a mocha reporter for the per-check report: spec (default), junit
 *                                (= mocha's xunit: JUnit XML), json, or any other built-in reporter
 *   --reporter-output <file>     write that report to a file (junit/xunit and json); the human
 *                                (spec) report, or the --json object, still goes to stdout
 *   --time-limit <seconds>       per-exercise time limit, overriding the assignment's own
 *   --concurrency <n>            exercises graded at the same time (default 2)
 *
 * Exit status: 0 when the notebook was graded (whatever the score), 1 when grading could not run
 * (unreadable notebook, not an assignment, library not built), 2 for a usage error.
 * Tip: `npm run -s grade -- … --json` keeps npm's own banner off stdout.
 */
import * as fs from "fs";
import * as path from "path";
import { gradeNotebook, toJson } from "../grading/grade";
import { FILE_REPORTERS, mochaReporterName, report, totalLine } from "../grading/report";

interface Args {
  notebook: string;
  json: boolean;
  reporter?: string;
  reporterOutput?: string;
  timeLimitMs?: number;
  concurrency?: number;
}

class UsageError extends Error {}

const USAGE =
  "usage: npm run grade -- <notebook.ipynb> [--json] [--reporter spec|junit|json] [--reporter-output <file>] [--time-limit <seconds>] [--concurrency <n>]";

function parseArgs(argv: string[]): Args {
  const args: Partial<Args> & { json: boolean } = { json: false };
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
      case "--help":
      case "-h":
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        if (flag.startsWith("-")) throw new UsageError(`unknown option ${flag}`);
        if (args.notebook) throw new UsageError(`one notebook at a time (got ${args.notebook} and ${arg})`);
        args.notebook = arg;
    }
  }
  if (!args.notebook) throw new UsageError("which notebook? give its path");
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
  const result = await gradeNotebook(args.notebook, { timeLimitMs: args.timeLimitMs, concurrency: args.concurrency });
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

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    console.error(`grade: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  },
);
