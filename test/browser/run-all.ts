/**
 * The check every browser test makes of a course notebook: Run All in the app, as a learner does,
 * then what the page shows and what the saved notebook holds.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import type { Page } from "playwright-core";
import { keepScreenshot } from "./chromium";
import type { Server } from "./jupyter-server";
import { errorOutputs, openNotebook, outputsWith, report, runAll, save } from "./notebook-page";

const VEGA_LITE_MIME = "application/vnd.vegalite.v5+json";

function sourceText(file: string): string {
  const nb = JSON.parse(fs.readFileSync(file, "utf8")) as { cells: { cell_type: string; source: string | string[] }[] };
  return nb.cells
    .filter((c) => c.cell_type === "markdown")
    .map((c) => (Array.isArray(c.source) ? c.source.join("") : c.source))
    .join("\n");
}

export async function runAllAndCheck(page: Page, server: Server, notebook: string, options: { screenshot?: string; timeout?: number } = {}): Promise<void> {
  const file = path.join(server.work, "notebooks", notebook);
  const markdown = sourceText(file);
  await openNotebook(page, server.urlOf(notebook));
  await runAll(page, options.timeout ?? 10 * 60_000);
  const shown = await report(page);
  if (options.screenshot) {
    // The first chart, or the top of the notebook: what the notebook is about, at a glance.
    const chart = page.locator(".jp-Notebook .vega-embed").first();
    await ((await chart.count()) ? chart : page.locator(".jp-Notebook .jp-Cell").first()).scrollIntoViewIfNeeded();
    await keepScreenshot(page, options.screenshot);
  }
  const saved = await save(page, file);

  assert.deepEqual(errorOutputs(saved), [], `${notebook}: error outputs`);
  assert.equal(shown.notRun, 0, `${notebook}: ${shown.notRun} of ${shown.codeCells} code cells did not run`);
  const charts = outputsWith(saved, VEGA_LITE_MIME);
  assert.equal(shown.chartsDrawn, charts, `${notebook}: ${server.app} drew ${shown.chartsDrawn} of its ${charts} Vega-Lite charts`);
  assert.deepEqual(shown.images.broken, [], `${notebook}: images that did not load`);
  assert.deepEqual(shown.math.raw, [], `${notebook}: TeX left raw in the page`);
  if (/\$[^$]+\$/.test(markdown)) assert.ok(shown.math.typeset > 0, `${notebook}: no formula was typeset`);
  const fences = (markdown.match(/```mermaid/g) ?? []).length;
  assert.equal(shown.mermaidDrawn, fences, `${notebook}: ${shown.mermaidDrawn} of ${fences} Mermaid diagrams drawn`);
}
