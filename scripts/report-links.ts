/**
 * Links between lessons in the HTML reports: a lesson's markdown links the next notebook as
 * `03-loss-and-cost.ipynb` (right in Jupyter); in reports/ the same link must open
 * `03-loss-and-cost.html`, not the notebook's raw JSON. The builder calls linkReportPages on each
 * page it writes.
 */
import * as fs from "fs";
import * as path from "path";

/**
 * `html` with every relative link to one of `notebooks` (file names, e.g. "03-loss-and-cost.ipynb")
 * pointing at its page instead ("03-loss-and-cost.html", keeping any #anchor). Links to other
 * .ipynb files (another folder, another site) are left alone.
 */
export function notebookLinksToPages(html: string, notebooks: Iterable<string>): string {
  const known = new Set(Array.from(notebooks, (f) => path.basename(f)));
  return html.replace(/(\bhref=")([^"/:?#]+)\.ipynb((?:#[^"]*)?")/g, (link, start: string, name: string, end: string) =>
    known.has(`${name}.ipynb`) ? `${start}${name}.html${end}` : link,
  );
}

/** Rewrites the report page `htmlFile` in place with notebookLinksToPages (no page, nothing to do). */
export function linkReportPages(htmlFile: string, notebooks: Iterable<string>): void {
  if (!fs.existsSync(htmlFile)) return;
  const html = fs.readFileSync(htmlFile, "utf8");
  const linked = notebookLinksToPages(html, notebooks);
  if (linked !== html) fs.writeFileSync(htmlFile, linked);
}
