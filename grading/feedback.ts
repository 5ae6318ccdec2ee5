/**
 * Per-student feedback, like nbgrader's generate_feedback: the student's notebook as one HTML
 * page, with each exercise's result — points, and every check's ✔/✘ and message — right after
 * the exercise's solution cell. The page is self-contained and safe to open: everything from the
 * notebook is escaped (markdown is rendered without raw HTML; outputs are text and images only).
 */
import { Marked, type Tokens } from "marked";
import { escapeHtml } from "../lib/display/format";
import { cellSource, nbgrader, type Cell, type Notebook } from "./notebook";
import type { ExerciseResult } from "./run";

const markdown = new Marked({
  gfm: true,
  renderer: {
    // No raw HTML from a submission reaches the page: tags are dropped, their text kept.
    html: ({ text }: Tokens.HTML | Tokens.Tag) => escapeHtml(text.replace(/<[^>]*>/g, "")),
  },
});

/** Markdown with its TeX kept verbatim (marked would read `a_1 … b_2` as emphasis). */
function renderMarkdown(source: string): string {
  const math: string[] = [];
  const shielded = source.replace(/\$\$[\s\S]+?\$\$|\$[^$\n]+\$/g, (m) => `\u0000${math.push(m) - 1}\u0000`);
  const html = markdown.parse(shielded, { async: false }) as string;
  return html.replace(/\u0000(\d+)\u0000/g, (_, i) => `<span class="math">${escapeHtml(math[Number(i)])}</span>`);
}

function text(value: unknown): string {
  return Array.isArray(value) ? value.join("") : typeof value === "string" ? value : "";
}

const IMAGE_TYPES = ["image/png", "image/jpeg", "image/gif"];

function renderOutputs(cell: Cell): string {
  const parts: string[] = [];
  for (const output of (cell.outputs ?? []) as Record<string, unknown>[]) {
    const type = output.output_type;
    if (type === "stream") parts.push(`<pre class="output">${escapeHtml(text(output.text))}</pre>`);
    else if (type === "error") parts.push(`<pre class="output error">${escapeHtml(`${String(output.ename)}: ${String(output.evalue)}`)}</pre>`);
    else if (type === "execute_result" || type === "display_data") {
      const data = (output.data ?? {}) as Record<string, unknown>;
      const image = IMAGE_TYPES.find((t) => typeof data[t] === "string");
      const svg = text(data["image/svg+xml"]);
      // An SVG as an <img> runs no script.
      if (image) parts.push(`<img class="output" alt="output image" src="data:${image};base64,${escapeHtml(String(data[image]).replace(/\s/g, ""))}">`);
      else if (svg) parts.push(`<img class="output" alt="output image" src="data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}">`);
      else if (data["text/plain"] !== undefined) parts.push(`<pre class="output">${escapeHtml(text(data["text/plain"]))}</pre>`);
    }
  }
  return parts.join("\n");
}

function renderResult(e: ExerciseResult): string {
  const checks = e.checks
    .map((c) => `<li class="${c.passed ? "pass" : "fail"}"><span class="mark">${c.passed ? "✔" : "✘"}</span> ${escapeHtml(c.title)}${c.message && !c.passed ? `<pre>${escapeHtml(c.message)}</pre>` : ""}</li>`)
    .join("\n");
  const why = e.status !== "passed" && e.status !== "failed" ? `<p class="status">${escapeHtml(e.message.split("\n")[0])}</p>` : "";
  return `<section class="result ${e.passed ? "pass" : "fail"}" id="result-${escapeHtml(e.id)}">
<h3>Exercise ${e.number} — ${escapeHtml(e.fnName)}: ${e.points} / ${e.maxPoints} ${e.maxPoints === 1 ? "point" : "points"}${e.status !== "passed" && e.status !== "failed" ? ` (${escapeHtml(e.status)})` : ""}</h3>
${why}<ul>${checks}</ul>
</section>`;
}

const STYLE = `
body { font: 15px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
header { border-bottom: 1px solid #ddd; margin-bottom: 1.5rem; }
.score { font-size: 1.3rem; font-weight: 600; }
pre { background: #f6f8fa; padding: .6rem .8rem; overflow-x: auto; border-radius: 4px; white-space: pre-wrap; }
pre.output { background: #fff; border-left: 3px solid #ddd; }
pre.error { color: #a00; }
.cell { margin: .8rem 0; }
.result { border: 1px solid; border-radius: 6px; padding: .2rem 1rem; margin: 1rem 0 1.6rem; }
.result.pass { border-color: #2a7; background: #f3fbf6; }
.result.fail { border-color: #c33; background: #fdf4f4; }
.result h3 { margin: .6rem 0; }
.result ul { list-style: none; padding-left: 0; }
li.pass .mark { color: #2a7; } li.fail .mark { color: #c33; }
.math { font-family: "Latin Modern Math", serif; }
table { border-collapse: collapse; } td, th { border: 1px solid #ccc; padding: .2rem .5rem; }
img.output { max-width: 100%; }
`;

export interface FeedbackInput {
  student: string;
  assignment: string;
  notebookName: string;
  score: number;
  maxScore: number;
  gradedAt: string;
  exercises: ExerciseResult[];
}

/** The feedback page of one graded submission. */
export function feedbackHtml(nb: Notebook, input: FeedbackInput): string {
  const byId = new Map(input.exercises.map((e) => [e.id, e]));
  const shown = new Set<string>();
  const body: string[] = [];
  for (const cell of nb.cells) {
    const source = cellSource(cell);
    if (cell.cell_type === "markdown") body.push(`<div class="cell markdown">${renderMarkdown(source)}</div>`);
    else if (cell.cell_type === "code") body.push(`<div class="cell code"><pre><code>${escapeHtml(source)}</code></pre>${renderOutputs(cell)}</div>`);
    const meta = nbgrader(cell);
    // Beside the exercise: after its solution cell (its last one, if the student copied it).
    const id = meta?.solution ? meta.grade_id : undefined;
    const last = id !== undefined && nb.cells.filter((c) => nbgrader(c)?.solution && nbgrader(c)?.grade_id === id).at(-1) === cell;
    if (id && last && byId.has(id)) {
      body.push(renderResult(byId.get(id)!));
      shown.add(id);
    }
  }
  // Exercises whose solution cell is gone still get their result, at the end.
  const missing = input.exercises.filter((e) => !shown.has(e.id)).map(renderResult);
  const summary = input.exercises
    .map((e) => `<li><a href="#result-${escapeHtml(e.id)}">Exercise ${e.number} — ${escapeHtml(e.fnName)}</a>: ${e.points} / ${e.maxPoints} ${e.passed ? "✔" : "✘"}</li>`)
    .join("\n");
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(`${input.student} — ${input.assignment}`)}</title><style>${STYLE}</style></head>
<body>
<header>
<h1>${escapeHtml(input.assignment)} — feedback for ${escapeHtml(input.student)}</h1>
<p class="score">Score: ${input.score} / ${input.maxScore}</p>
<p>${escapeHtml(input.notebookName)}, graded ${escapeHtml(input.gradedAt)}</p>
<ul>${summary}</ul>
</header>
${body.join("\n")}
${missing.length ? `<h2>Exercises not found in the notebook</h2>\n${missing.join("\n")}` : ""}
</body></html>
`;
}

/** The feedback page of a file that could not be graded. */
export function unreadableHtml(input: { student: string; notebookName: string; status: string; message: string; gradedAt: string }): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(input.student)}</title><style>${STYLE}</style></head>
<body><h1>${escapeHtml(input.notebookName)} — feedback for ${escapeHtml(input.student)}</h1>
<section class="result fail"><h3>Not graded: ${escapeHtml(input.status)}</h3><pre>${escapeHtml(input.message)}</pre></section>
<p>Checked ${escapeHtml(input.gradedAt)}</p></body></html>
`;
}
