/**
 * Grading a class, like nbgrader's autograde + export + generate_feedback in one command:
 * every submission of a folder in nbgrader's layout (submitted/<student>/<assignment>/<notebook>.ipynb),
 * or a flat folder of notebooks, graded in parallel on all cores in one shared sandbox image.
 *
 * Writes, in the output folder (for submitted/, its parent — nbgrader's course folder):
 * - autograded/<student>/<assignment>/<notebook>.json: each submission's result, with the hash of
 *   the file and of the grader that produced it; a second run skips a submission whose file and
 *   grader are unchanged (resumable: an interrupted run picks up where it stopped);
 * - feedback/<student>/<assignment>/<notebook>.html: the student's notebook with each check's ✔/✘;
 * - gradebook.csv: one row per submission — student, assignment, each exercise's points, total,
 *   max, time graded, status. A file that cannot be graded (empty, not JSON, nbformat 3, not an
 *   assignment, another assignment's notebook) is a row with that status, never a crash.
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ASSIGNMENTS, type Assignment } from "./assignments";
import { feedbackHtml, unreadableHtml } from "./feedback";
import { gradePrepared, newImage, readSubmission, REPO_ROOT, type GradeResult } from "./grade";
import { Preparer } from "./preparer";
import type { Preparation } from "./submission";
import { Progress } from "./progress";
import type { Isolation } from "./sandbox";

export interface Submission {
  student: string;
  /** The assignment folder of nbgrader's layout; undefined in a flat folder. */
  folder?: string;
  file: string;
  /** Where its results go, relative to autograded/ and feedback/, without extension. */
  rel: string;
}

type NotGradableStatus = Extract<Preparation, { ok: false }>["status"];
export type RowStatus = "graded" | "another assignment" | NotGradableStatus | "grader error";

export interface Row {
  student: string;
  assignment: string;
  notebook: string;
  status: RowStatus;
  message: string;
  /** `${assignment.name}:${grade_id}` -> points. */
  points: Record<string, number>;
  score?: number;
  maxScore?: number;
  gradedAt: string;
  durationMs: number;
}

export interface ClassOptions {
  /** Output folder; default: the parent of a folder named submitted/, else <folder>-graded. */
  out?: string;
  /** Submissions graded side by side; default: all cores. */
  concurrency?: number;
  timeLimitMs?: number;
  /** Regrade everything, even unchanged submissions. */
  force?: boolean;
  isolation?: Isolation;
  /** Progress on stderr (default true). */
  progress?: boolean;
}

export interface ClassResult {
  outDir: string;
  gradebook: string;
  rows: Row[];
  graded: number;
  skipped: number;
  durationMs: number;
  isolation: Isolation;
}

const isNotebook = (name: string) => name.endsWith(".ipynb") && !name.startsWith(".");
const isFolder = (dir: string, name: string) => !name.startsWith(".") && name !== "autograded" && name !== "feedback" && fs.statSync(path.join(dir, name)).isDirectory();
const stem = (file: string) => path.basename(file, ".ipynb");

/** The submissions in `root`: nbgrader's layout, <student>/<notebook>.ipynb, or a flat folder. */
export function discover(root: string): Submission[] {
  const found: Submission[] = [];
  const entries = (dir: string) => fs.readdirSync(dir).sort();
  for (const name of entries(root)) {
    const at = path.join(root, name);
    if (isNotebook(name) && fs.statSync(at).isFile()) {
      found.push({ student: stem(name), file: at, rel: stem(name) });
    } else if (isFolder(root, name)) {
      for (const inner of entries(at)) {
        const innerAt = path.join(at, inner);
        if (isNotebook(inner) && fs.statSync(innerAt).isFile()) {
          found.push({ student: name, file: innerAt, rel: `${name}/${stem(inner)}` });
        } else if (isFolder(at, inner)) {
          for (const file of entries(innerAt).filter(isNotebook)) {
            found.push({ student: name, folder: inner, file: path.join(innerAt, file), rel: `${name}/${inner}/${stem(file)}` });
          }
        }
      }
    }
  }
  return found;
}

/** What identifies the grader: its code, checks and fixtures, and the library it grades against. */
export function graderFingerprint(repoRoot = REPO_ROOT): string {
  const hash = createHash("sha256");
  const walk = (dir: string) => {
    for (const name of fs.readdirSync(dir).sort()) {
      const at = path.join(dir, name);
      if (fs.statSync(at).isDirectory()) walk(at);
      else if (/\.(ts|js|json)$/.test(name)) hash.update(path.relative(repoRoot, at)).update(fs.readFileSync(at));
    }
  };
  for (const dir of ["grading", path.join("dist", "lib")]) if (fs.existsSync(path.join(repoRoot, dir))) walk(path.join(repoRoot, dir));
  return hash.digest("hex").slice(0, 16);
}

export function defaultOut(root: string): string {
  const abs = path.resolve(root);
  return path.basename(abs) === "submitted" ? path.dirname(abs) : `${abs}-graded`;
}

/** The gradebook's exercise columns: every assignment's, in manifest order. */
export function exerciseColumns(): string[] {
  return ASSIGNMENTS.flatMap((a) => a.exercises.map((e) => `${a.name}:${e.id}`));
}

function csvField(value: unknown): string {
  const s = value === undefined ? "" : String(value);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function gradebookCsv(rows: Row[]): string {
  const columns = exerciseColumns();
  const header = ["student", "assignment", "notebook", ...columns, "total", "max", "graded_at", "status", "message"];
  const lines = rows.map((r) =>
    [r.student, r.assignment, r.notebook, ...columns.map((c) => r.points[c]), r.score, r.maxScore, r.gradedAt, r.status, r.message.split("\n")[0]].map(csvField).join(","),
  );
  return [header.join(","), ...lines].join("\n") + "\n";
}

interface State {
  sha256: string;
  grader: string;
  row: Row;
}

function assignmentByFolder(folder: string | undefined): Assignment | undefined {
  if (!folder) return undefined;
  return ASSIGNMENTS.find((a) => a.name === folder || stem(a.notebook) === folder);
}

function rowOf(sub: Submission, root: string, result: GradeResult, gradedAt: string): Row {
  const expected = assignmentByFolder(sub.folder);
  const foreign = expected !== undefined && expected.name !== result.assignmentName;
  const points: Record<string, number> = {};
  for (const e of result.exercises) points[`${result.assignmentName}:${e.id}`] = e.points;
  const problems = result.exercises.filter((e) => e.status === "tampering" || e.status === "library call").map((e) => `${e.id}: ${e.status}`);
  return {
    student: sub.student,
    assignment: result.assignmentName,
    notebook: path.relative(root, sub.file),
    status: foreign ? "another assignment" : "graded",
    message: foreign
      ? `submitted as ${sub.folder}, but this notebook is ${result.assignmentName}'s (graded as ${result.assignmentName})`
      : problems.length
        ? problems.join("; ")
        : `${result.exercises.filter((e) => e.passed).length} of ${result.exercises.length} exercises passed`,
    points,
    score: result.score,
    maxScore: result.maxScore,
    gradedAt,
    durationMs: result.durationMs,
  };
}

/** Submissions prepared per type check: the first chunk small, to start grading soon. */
const FIRST_CHUNK = 2;
const CHUNK = 8;

export async function gradeClass(root: string, options: ClassOptions = {}): Promise<ClassResult> {
  const started = Date.now();
  const absRoot = path.resolve(root);
  const outDir = path.resolve(options.out ?? defaultOut(absRoot));
  const submissions = discover(absRoot);
  if (submissions.length === 0) throw new Error(`no notebooks found in ${root} (expected ${root}/<student>/<assignment>/<notebook>.ipynb, or notebooks directly in it)`);
  const grader = graderFingerprint();
  const concurrency = options.concurrency ?? os.availableParallelism?.() ?? os.cpus().length;
  const progress = options.progress === false ? undefined : new Progress(submissions.length);
  const image = newImage({ isolation: options.isolation });
  const rows: Row[] = [];
  let skipped = 0;

  // Unchanged since their last grade (same file, same grader): reuse the result.
  const toGrade: (Submission & { sha256: string })[] = [];
  for (const sub of submissions) {
    const sha256 = createHash("sha256").update(fs.readFileSync(sub.file)).digest("hex");
    const stateFile = path.join(outDir, "autograded", `${sub.rel}.json`);
    if (!options.force && fs.existsSync(stateFile) && fs.existsSync(path.join(outDir, "feedback", `${sub.rel}.html`))) {
      try {
        const state = JSON.parse(fs.readFileSync(stateFile, "utf8")) as State;
        if (state.sha256 === sha256 && state.grader === grader) {
          rows.push(state.row);
          skipped++;
          progress?.tick(sub.rel, "unchanged, skipped", true);
          continue;
        }
      } catch {
        // an unreadable state file: grade again
      }
    }
    toGrade.push({ ...sub, sha256 });
  }

  /** Writes a submission's feedback page and state, and counts it. */
  const record = (sub: Submission & { sha256: string }, row: Row, page: string) => {
    const stateFile = path.join(outDir, "autograded", `${sub.rel}.json`);
    const feedbackFile = path.join(outDir, "feedback", `${sub.rel}.html`);
    fs.mkdirSync(path.dirname(stateFile), { recursive: true });
    fs.mkdirSync(path.dirname(feedbackFile), { recursive: true });
    fs.writeFileSync(feedbackFile, page);
    fs.writeFileSync(stateFile, JSON.stringify({ sha256: sub.sha256, grader, row } satisfies State, null, 1) + "\n");
    rows.push(row);
    progress?.tick(sub.rel, row.score !== undefined ? `${row.score}/${row.maxScore}${row.status === "graded" ? "" : ` (${row.status})`}` : row.status, false);
  };

  const grade = async (sub: Submission & { sha256: string }, preparation: Preparation) => {
    const gradedAt = new Date().toISOString();
    let row: Row;
    let page: string;
    try {
      if (!preparation.ok) throw preparation;
      const result = await gradePrepared(preparation.prepared, { image, concurrency: 1, timeLimitMs: options.timeLimitMs });
      row = rowOf(sub, absRoot, result, gradedAt);
      page = feedbackHtml(readSubmission(sub.file), {
        student: sub.student,
        assignment: ASSIGNMENTS.find((a) => a.name === result.assignmentName)!.title,
        notebookName: path.basename(sub.file),
        score: result.score,
        maxScore: result.maxScore,
        gradedAt,
        exercises: result.exercises,
      });
    } catch (err) {
      // A file that is not a submission, or (never the batch's end) a grader error.
      const failed = err as { ok?: false; status?: NotGradableStatus; message?: string };
      const status: RowStatus = failed.ok === false ? failed.status! : "grader error";
      const message = failed.ok === false ? failed.message! : err instanceof Error ? (err.stack ?? err.message) : String(err);
      row = { student: sub.student, assignment: sub.folder ?? "", notebook: path.relative(absRoot, sub.file), status, message, points: {}, gradedAt, durationMs: 0 };
      page = unreadableHtml({ student: sub.student, notebookName: path.basename(sub.file), status, message, gradedAt });
    }
    record(sub, row, page);
  };

  // A pipeline: a worker thread type-checks the next chunk while student processes grade.
  const preparer = new Preparer(REPO_ROOT);
  const queue: { sub: Submission & { sha256: string }; preparation: Preparation }[] = [];
  let producing = true;
  // Everyone waiting (the producer for room, consumers for work) wakes at each change and looks again.
  let waiters: (() => void)[] = [];
  const notify = () => {
    const now = waiters;
    waiters = [];
    for (const w of now) w();
  };
  const change = () => new Promise<void>((resolve) => waiters.push(resolve));
  const produce = async () => {
    try {
      for (let at = 0; at < toGrade.length; ) {
        const chunk = toGrade.slice(at, at + (at === 0 ? FIRST_CHUNK : CHUNK));
        at += chunk.length;
        let preparations: Preparation[];
        try {
          preparations = await preparer.prepare(chunk.map((c) => c.file));
        } catch (err) {
          preparations = chunk.map(() => ({ ok: false as const, status: "unreadable" as const, message: `could not be prepared: ${(err as Error).message}` }));
        }
        chunk.forEach((sub, k) => queue.push({ sub, preparation: preparations[k] }));
        notify();
        // Stay about two chunks ahead of the graders.
        while (queue.length > 2 * CHUNK) await change();
      }
    } finally {
      producing = false;
      notify();
    }
  };
  const consume = async () => {
    for (;;) {
      const item = queue.shift();
      if (item) {
        notify();
        await grade(item.sub, item.preparation);
      } else if (producing) {
        await change();
      } else return;
    }
  };
  try {
    await Promise.all([produce(), ...Array.from({ length: Math.max(1, concurrency) }, consume)]);
  } finally {
    await preparer.close();
    image.remove();
  }
  const graded = toGrade.length;
  rows.sort((a, b) => a.student.localeCompare(b.student) || a.assignment.localeCompare(b.assignment) || a.notebook.localeCompare(b.notebook));
  const gradebook = path.join(outDir, "gradebook.csv");
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(gradebook, gradebookCsv(rows));
  return { outDir, gradebook, rows, graded, skipped, durationMs: Date.now() - started, isolation: image.isolation };
}
