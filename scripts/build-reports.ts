/**
 * `npm start`: executes every course notebook through the course kernel and renders the report
 * site in reports/ (executed notebooks, one HTML page each, and index.html in course order).
 * notebooks/ is only read.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { cellSource, readNotebook } from "../grading/notebook";
import { escapeHtml } from "../lib/display/format";
import {
  NotebookRun,
  REPO_ROOT,
  courseDataDir,
  describeErrors,
  listNotebooks,
  mapLimit,
  runNotebook,
} from "./notebook-runner";
import { linkReportPages } from "./report-links";

const REPORT_DIR = path.join(REPO_ROOT, "reports");

interface Entry {
  file: string;
  title: string;
  run: NotebookRun;
}

function notebookTitle(file: string): string {
  for (const cell of readNotebook(file).cells) {
    if (cell.cell_type !== "markdown") continue;
    const heading = cellSource(cell).split("\n").find((l) => /^#\s/.test(l));
    // "# 08 · Gradient descent on $m$ examples" -> "Gradient descent on m examples": the index
    // has its own number column, and shows no LaTeX.
    if (heading) return heading.replace(/^#\s+/, "").replace(/^\d+\s*[·.:-]\s*/, "").replace(/\$([^$]*)\$/g, "$1").trim();
  }
  return path.basename(file, ".ipynb");
}

function indexPage(entries: Entry[], info: { data: string; seconds: number; when: string }): string {
  const rows = entries
    .map(({ file, title, run }) => {
      const name = path.basename(file, ".ipynb");
      const ok = run.status === "ok";
      const problem = ok ? "" : `<div class="err">${escapeHtml(describeErrors(run))}</div>`;
      return `<tr class="${ok ? "ok" : "fail"}">
  <td class="num">${escapeHtml(name.split("-")[0])}</td>
  <td><a href="${encodeURIComponent(name)}.html">${escapeHtml(title)}</a>${problem}</td>
  <td class="status">${ok ? "✔ ran" : "✘ error"}</td>
  <td class="time">${run.seconds.toFixed(1)} s</td>
  <td><a href="${encodeURIComponent(name)}.ipynb" download>.ipynb</a></td>
</tr>`;
    })
    .join("\n");
  const failed = entries.filter((e) => e.run.status !== "ok").length;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Neural Network Basics — executed notebooks</title>
<style>
  body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1f2328; }
  h1 { font-size: 1.6rem; margin-bottom: .2rem; }
  .sub { color: #57606a; margin-top: 0; }
  table { border-collapse: collapse; width: 100%; margin-top: 1.2rem; }
  th, td { text-align: left; padding: .45rem .6rem; border-bottom: 1px solid #d0d7de; vertical-align: top; }
  th { font-weight: 600; background: #f6f8fa; }
  td.num { color: #57606a; font-variant-numeric: tabular-nums; width: 2.5rem; }
  .time { font-variant-numeric: tabular-nums; text-align: right; white-space: nowrap; }
  tr.ok td.status { color: #1a7f37; white-space: nowrap; }
  tr.fail td.status { color: #cf222e; font-weight: 600; white-space: nowrap; }
  .err { color: #cf222e; font: 12px/1.4 ui-monospace, monospace; white-space: pre-wrap; margin-top: .3rem; }
  a { color: #0969da; text-decoration: none; } a:hover { text-decoration: underline; }
  .summary { margin-top: 1rem; padding: .6rem .8rem; border-radius: 6px; background: ${failed ? "#ffebe9" : "#dafbe1"}; }
</style></head>
<body>
<h1>Neural Network Basics</h1>
<p class="sub">Week 2 — logistic regression as a neural network. Every notebook executed through the course's TypeScript kernel.</p>
<div class="summary">${entries.length - failed} of ${entries.length} notebooks ran without errors in ${info.seconds.toFixed(0)} s · data: ${escapeHtml(info.data)} · built ${escapeHtml(info.when)}</div>
<table>
<thead><tr><th>#</th><th>Notebook</th><th>Status</th><th class="time">Run time</th><th></th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</body></html>
`;
}

async function main(): Promise<number> {
  const only = process.argv.slice(2).filter((a) => !a.startsWith("-"));
  const notebooks = listNotebooks().filter((f) => only.length === 0 || only.some((o) => path.basename(f).includes(o)));
  if (notebooks.length === 0) {
    console.error(`no notebooks matched ${only.join(", ") || "in notebooks/"}`);
    return 1;
  }
  const dataDir = courseDataDir();
  const data = dataDir ? `course files from ${dataDir}` : "embedded default images (course files not found; set COURSE_DATA_DIR)";
  const jobs = Math.max(1, Number(process.env.REPORT_JOBS) || Math.min(2, os.cpus().length));
  fs.rmSync(REPORT_DIR, { recursive: true, force: true });
  fs.mkdirSync(REPORT_DIR, { recursive: true });

  console.log(`Executing ${notebooks.length} notebooks through the course kernel, ${jobs} at a time`);
  console.log(`Data: ${data}`);
  const started = Date.now();
  let done = 0;
  const width = String(notebooks.length).length;
  const runs = await mapLimit(notebooks, jobs, async (file) => {
    const run = await runNotebook(file, REPORT_DIR, {
      html: true,
      env: dataDir ? { COURSE_DATA_DIR: dataDir } : {},
    });
    linkReportPages(path.join(REPORT_DIR, `${path.basename(file, ".ipynb")}.html`), listNotebooks());
    done++;
    const mark = run.status === "ok" ? "ok" : "FAILED";
    console.log(`[${String(done).padStart(width)}/${notebooks.length}] ${path.basename(file, ".ipynb").padEnd(44)} ${mark.padEnd(6)} ${run.seconds.toFixed(1).padStart(6)} s`);
    if (run.status !== "ok") console.log("    " + describeErrors(run).replace(/\n/g, "\n    "));
    return run;
  });
  const seconds = (Date.now() - started) / 1000;
  const entries: Entry[] = notebooks.map((file, i) => ({ file, title: notebookTitle(file), run: runs[i] }));
  const when = new Date().toISOString().replace("T", " ").slice(0, 16) + " UTC";
  fs.writeFileSync(path.join(REPORT_DIR, "index.html"), indexPage(entries, { data, seconds, when }));

  const failed = runs.filter((r) => r.status !== "ok");
  console.log(`\nReports: ${path.relative(process.cwd(), path.join(REPORT_DIR, "index.html")) || "reports/index.html"} (${seconds.toFixed(1)} s)`);
  if (failed.length) {
    console.error(`\n${failed.length} notebook(s) failed:\n${failed.map(describeErrors).join("\n")}`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
