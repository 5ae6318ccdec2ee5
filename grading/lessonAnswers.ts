/**
 * The learner's copy of a lesson (notebooks 00-16): every "Check yourself" answer is cut out and the
 * blank the learner fills in takes its place. In the instructor's copy (notebooks/) an answer reads
 *
 *   // ### BEGIN ANSWER
 *   // ### BLANK: const myLoss = NaN; // your answer: the loss, a number
 *   const myLoss = 0.6931; // −log 0.5 = log 2
 *   // ### END ANSWER
 *
 * and the learner's copy has `const myLoss = NaN; // your answer: the loss, a number` there, so the
 * check below it (nn.checkAnswer) fails with "not answered yet" until the learner answers. Every
 * region needs at least one BLANK line: an answer is never cut without something in its place.
 * The graded assignments' BEGIN/END SOLUTION regions are grading/release.ts's job, not this one's.
 */
import { cellSource, toSourceLines, type Cell, type Notebook } from "./notebook";

export const BEGIN_ANSWER = /^\s*\/\/ ### BEGIN ANSWER\s*$/;
export const END_ANSWER = /^\s*\/\/ ### END ANSWER\s*$/;
/** `// ### BLANK: <code>`: one line of the learner's copy, at the marker's indentation. */
export const BLANK = /^(\s*)\/\/ ### BLANK: ?(.*)$/;

/** A cell's source with each answer region replaced by its BLANK lines; `where` names the cell in errors. */
export function blankAnswers(source: string, where: string): string {
  const out: string[] = [];
  let region: { begin: number; blanks: string[] } | undefined;
  source.split("\n").forEach((line, i) => {
    const n = i + 1;
    if (BEGIN_ANSWER.test(line)) {
      if (region) throw new Error(`${where}: BEGIN ANSWER on line ${n} inside another answer (opened on line ${region.begin})`);
      region = { begin: n, blanks: [] };
    } else if (END_ANSWER.test(line)) {
      if (!region) throw new Error(`${where}: END ANSWER on line ${n} without a BEGIN ANSWER`);
      if (region.blanks.length === 0) throw new Error(`${where}: the answer on lines ${region.begin}-${n} has no "// ### BLANK: …" line for the learner's copy`);
      out.push(...region.blanks);
      region = undefined;
    } else {
      const blank = BLANK.exec(line);
      if (blank && !region) throw new Error(`${where}: BLANK on line ${n} outside an answer region`);
      if (blank) region!.blanks.push(blank[1] + blank[2]);
      else if (!region) out.push(line);
    }
  });
  if (region) throw new Error(`${where}: BEGIN ANSWER on line ${region.begin} is never closed by END ANSWER`);
  return out.join("\n");
}

const isAnswerCell = (cell: Cell) => cell.cell_type === "code" && cellSource(cell).split("\n").some((l) => BEGIN_ANSWER.test(l));

export function hasAnswers(nb: Notebook): boolean {
  return nb.cells.some(isAnswerCell);
}

/** The learner's copy: answers blanked, outputs and execution counts cleared, all else kept. */
export function learnerVersion(nb: Notebook, notebookName = "notebook"): Notebook {
  const cells = nb.cells.map((cell, i): Cell => {
    if (cell.cell_type !== "code") return { ...cell };
    const source = blankAnswers(cellSource(cell), `${notebookName}, cell ${i + 1}`);
    return { ...cell, source: toSourceLines(source), outputs: [], execution_count: null };
  });
  return { ...nb, cells };
}
