/**
 * The student version of a graded notebook, nbgrader-style: every BEGIN/END SOLUTION region
 * (markers included) becomes a stub that throws "not implemented yet", outputs and execution
 * counts are cleared, and everything else — cells, ids, metadata, the self-check cells — is kept.
 */
import { enclosingFunctionName, parseCell } from "./analyze";
import { cellSource, nbgrader, solutionRegions, toSourceLines, type Cell, type Notebook } from "./notebook";

/** The stub's lines, at the solution's indentation. */
export function stubLines(fnName: string, indent: string): string[] {
  return [`${indent}// YOUR CODE HERE`, `${indent}throw new Error(${JSON.stringify(`${fnName}: not implemented yet — replace this line with your code`)});`];
}

/** A cell's source with its solution regions replaced by stubs; `where` names the cell in errors. */
export function clearSolutions(source: string, where: string, fallbackName: string): string {
  const regions = solutionRegions(source, where);
  if (regions.length === 0) return source;
  const sf = parseCell(source);
  const lines = source.split("\n");
  // Replace from the last region up, so earlier line numbers stay valid.
  for (const region of [...regions].reverse()) {
    const fnName = enclosingFunctionName(sf, region.begin) ?? fallbackName;
    lines.splice(region.begin, region.end - region.begin + 1, ...stubLines(fnName, region.indent));
  }
  return lines.join("\n");
}

export function hasSolutions(nb: Notebook): boolean {
  return nb.cells.some((cell) => cell.cell_type === "code" && solutionRegions(cellSource(cell), "cell").length > 0);
}

export function studentVersion(nb: Notebook, notebookName = "notebook"): Notebook {
  const cells = nb.cells.map((cell, i): Cell => {
    if (cell.cell_type !== "code") return { ...cell };
    const where = `${notebookName}, cell ${i + 1}`;
    const source = clearSolutions(cellSource(cell), where, nbgrader(cell)?.grade_id ?? "this function");
    return { ...cell, source: toSourceLines(source), outputs: [], execution_count: null };
  });
  return { ...nb, cells };
}
