/**
 * The grading benchmark: generates a class (bench/make-class.ts), grades it with the batch grader
 * (`npm run grade -- <dir>/submitted`, in-process: grading/batch.ts) and measures the wall time,
 * submissions per minute, and the peak memory of the grader with all its student processes
 * (sampled from /proc every 250 ms). Prints one JSON line last (read by bench/run.ts).
 *
 *   tsx bench/class.ts [--count 300] [--concurrency N] [--keep <dir>]
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { gradeClass } from "../grading/batch";
import { makeClass } from "./make-class";

/** Resident memory (MB) of a process and all its descendants, from /proc. */
function treeRssMB(root: number): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const name of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const status = fs.readFileSync(`/proc/${name}/status`, "utf8");
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]);
      const kb = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      rss.set(Number(name), kb);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // gone meanwhile
    }
  }
  let total = 0;
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    total += rss.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total / 1024;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const value = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const count = Number(value("count") ?? 300);
  const concurrency = value("concurrency") ? Number(value("concurrency")) : undefined;
  const dir = value("keep") ?? fs.mkdtempSync(path.join(os.tmpdir(), "nn-bench-class-"));
  const { submitted, kinds } = makeClass(dir, count);
  process.stderr.write(`class of ${count}: ${Object.entries(kinds).map(([k, n]) => `${n} ${k}`).join(", ")}\n`);
  const loadBefore = os.loadavg();
  let peakMB = 0;
  const sampler = setInterval(() => {
    peakMB = Math.max(peakMB, treeRssMB(process.pid));
  }, 250);
  const started = performance.now();
  const result = await gradeClass(submitted, { out: path.join(dir, "graded"), concurrency, force: true });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  // A second run: every submission unchanged, so nothing is graded again.
  const again = performance.now();
  const resumed = await gradeClass(submitted, { out: path.join(dir, "graded"), concurrency, progress: false });
  const resumeSeconds = (performance.now() - again) / 1000;
  const statuses: Record<string, number> = {};
  for (const row of result.rows) statuses[row.status] = (statuses[row.status] ?? 0) + 1;
  if (!value("keep")) fs.rmSync(dir, { recursive: true, force: true });
  console.log(
    JSON.stringify({
      count,
      kinds,
      statuses,
      seconds,
      perMinute: (count / seconds) * 60,
      peakMB,
      concurrency: concurrency ?? os.availableParallelism(),
      cores: os.cpus().length,
      isolation: result.isolation,
      resume: { seconds: resumeSeconds, skipped: resumed.skipped, graded: resumed.graded },
      loadBefore,
      loadAfter: os.loadavg(),
    }),
  );
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack : String(err));
  process.exit(1);
});
