/**
 * A notebook open in JupyterLab 4 or Notebook 7, driven as a learner drives it: the menus, the
 * toolbar, the keyboard. What a test reads back comes from the page, as the learner sees it.
 */
import * as fs from "fs";
import * as path from "path";
import type { Page } from "playwright-core";


/** Opens a notebook and waits until the status bar shows its kernel, idle (as a learner waits). */
export async function openNotebook(page: Page, url: string, kernelName = "TypeScript (NN Basics course)"): Promise<void> {
  await page.goto(url);
  await page.locator(".jp-Notebook .jp-Cell").first().waitFor({ timeout: 60_000 });
  await waitForKernelIdle(page, 180_000, kernelName);
}

/** Waits until the kernel status in the status bar (Lab) or the toolbar (Notebook 7) reads idle. */
export async function waitForKernelIdle(page: Page, timeout: number, kernelName = "TypeScript (NN Basics course)"): Promise<void> {
  await page.waitForFunction(
    (name) => {
      // JupyterLab: "TypeScript (NN Basics course) | Idle" in the status bar; Notebook 7: the kernel
      // name in the toolbar and the execution indicator's status.
      const statusBar = Array.from(document.querySelectorAll(".jp-StatusBar-Widget .jp-StatusBar-TextItem")).map((e) => e.textContent ?? "");
      if (statusBar.some((t) => t.includes(name) && /\|\s*Idle\s*$/.test(t))) return true;
      const toolbarName = document.querySelector(".jp-KernelName")?.textContent ?? "";
      const indicator = document.querySelector(".jp-Notebook-ExecutionIndicator")?.getAttribute("data-status");
      return statusBar.length === 0 && toolbarName.includes(name) && indicator === "idle";
    },
    kernelName,
    { timeout, polling: 250 },
  );
}

/** Clicks a menu of the menu bar, then one of its items (e.g. "Run", "Run All Cells"). */
export async function menu(page: Page, name: string, item: RegExp): Promise<void> {
  await page.locator(".lm-MenuBar-itemLabel", { hasText: new RegExp(`^${name}$`) }).click();
  await page.locator(".lm-Menu-content .lm-Menu-item:not(.lm-mod-disabled) .lm-Menu-itemLabel", { hasText: item }).first().click();
}

/** Run > Run All Cells, then waits until every code cell has run and the kernel is idle again. */
export async function runAll(page: Page, timeout: number): Promise<void> {
  await menu(page, "Run", /^Run All Cells$/);
  await page.waitForFunction(
    () => {
      const prompts = Array.from(document.querySelectorAll(".jp-Notebook .jp-CodeCell .jp-InputPrompt")).map((p) => p.textContent ?? "");
      // A cell that raised stops Run All: the cells after it stay "[ ]" (the saved notebook names the error).
      return prompts.length > 0 && !prompts.some((p) => p.includes("*")) && /\[\d+\]/.test(prompts[0]);
    },
    undefined,
    { timeout, polling: 500 },
  );
  await waitForKernelIdle(page, timeout);
}

export interface PageReport {
  codeCells: number;
  /** code cells that did not run (Run All stops at the first error) */
  notRun: number;
  /** Vega-Lite outputs Lab drew: a .vega-embed with an svg or a canvas inside */
  chartsDrawn: number;
  images: { total: number; broken: string[] };
  /** typeset formulas, and markdown text that still shows $…$ */
  math: { typeset: number; raw: string[] };
  /** Mermaid diagrams drawn */
  mermaidDrawn: number;
}

/** What the page shows once the notebook has run. */
export async function report(page: Page): Promise<PageReport> {
  return page.evaluate(
    () => {
      const prompts = Array.from(document.querySelectorAll(".jp-Notebook .jp-CodeCell .jp-InputPrompt")).map((p) => p.textContent ?? "");
      const chartsDrawn = Array.from(document.querySelectorAll(".jp-Notebook .jp-OutputArea-output .vega-embed")).filter((e) =>
        e.querySelector("svg, canvas"),
      ).length;
      const images = Array.from(document.querySelectorAll(".jp-Notebook img")) as HTMLImageElement[];
      const broken = images.filter((i) => !i.complete || i.naturalWidth === 0).map((i) => i.src.slice(0, 80));
      const markdown = Array.from(document.querySelectorAll(".jp-MarkdownCell .jp-RenderedMarkdown, .jp-OutputArea-output[data-mime-type='text/markdown']"));
      const raw = markdown.flatMap((m) => {
        // Text outside formulas and code, as the learner reads it.
        const copy = m.cloneNode(true) as Element;
        copy.querySelectorAll("mjx-container, code, pre, script, .MathJax").forEach((n) => n.remove());
        return (copy.textContent ?? "").match(/\$[^$\n]{1,80}\$/g) ?? [];
      });
      const typeset = document.querySelectorAll(".jp-Notebook mjx-container").length;
      const drawn = document.querySelectorAll(".jp-Notebook .jp-RenderedMermaid svg, .jp-Notebook .jp-RenderedMermaid img").length;
      return {
        codeCells: prompts.length,
        notRun: prompts.filter((p) => !/\[\d+\]/.test(p)).length,
        chartsDrawn,
        images: { total: images.length, broken },
        math: { typeset, raw },
        mermaidDrawn: drawn,
      };
    },
  );
}

/**
 * Saves the notebook (Ctrl+S, as a learner does) and returns the saved file: what the learner
 * keeps, with each output's type (an error output looks like stderr on the page).
 */
export async function save(page: Page, file: string): Promise<SavedNotebook> {
  const before = fs.statSync(file).mtimeMs;
  await page.locator(".jp-Notebook").first().click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("Escape");
  await page.keyboard.press("Control+s");
  const deadline = Date.now() + 120_000;
  for (;;) {
    // A new mtime, and a file that parses: the server may still be writing when the mtime changes.
    if (fs.statSync(file).mtimeMs !== before) {
      try {
        return JSON.parse(fs.readFileSync(file, "utf8")) as SavedNotebook;
      } catch {
        // partly written
      }
    }
    if (Date.now() > deadline) throw new Error(`${path.basename(file)} was not saved within 120 s of Ctrl+S`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export interface SavedNotebook {
  cells: { cell_type: string; source: string | string[]; outputs?: { output_type: string; ename?: string; evalue?: string; data?: Record<string, unknown> }[] }[];
}

/** "cell 4: ReferenceError: x is not defined" for each error output of a saved notebook. */
export function errorOutputs(nb: SavedNotebook): string[] {
  return nb.cells.flatMap((cell, i) =>
    (cell.outputs ?? []).filter((o) => o.output_type === "error").map((o) => `cell ${i + 1}: ${o.ename}: ${(o.evalue ?? "").split("\n")[0]}`),
  );
}

/** Outputs of a saved notebook that carry `mime` (e.g. the Vega-Lite 5 charts). */
export function outputsWith(nb: SavedNotebook, mime: string): number {
  return nb.cells.reduce((n, cell) => n + (cell.outputs ?? []).filter((o) => o.data && mime in o.data).length, 0);
}

/** The text of the last cell's editor. */
export async function lastCellText(page: Page): Promise<string> {
  return page.locator(".jp-Notebook .jp-Cell").last().locator(".cm-content").innerText();
}

/**
 * Types `code` into a new cell at the end and runs it with Shift+Enter (as a learner does), then
 * waits for the kernel to be idle. Returns the cell's output text.
 */
export async function runNewCell(page: Page, code: string, timeout = 60_000): Promise<string> {
  const cell = await appendCell(page, code);
  await page.keyboard.press("Shift+Enter");
  await page.waitForFunction(
    (index) => {
      const c = document.querySelectorAll(".jp-Notebook .jp-Cell")[index];
      return /\[\d+\]/.test(c?.querySelector(".jp-InputPrompt")?.textContent ?? "");
    },
    cell,
    { timeout, polling: 250 },
  );
  await waitForKernelIdle(page, timeout);
  return page.locator(".jp-Notebook .jp-Cell").nth(cell).locator(".jp-OutputArea").innerText();
}

/** Adds a code cell at the end holding `code`, its editor focused; returns its index. */
export async function appendCell(page: Page, code: string): Promise<number> {
  const cells = page.locator(".jp-Notebook .jp-Cell");
  await cells.last().locator(".jp-InputPrompt").click(); // selects the cell (its left bar would collapse it)
  await page.keyboard.press("Escape");
  await page.keyboard.press("b"); // command mode: a new cell below, selected
  const index = (await cells.count()) - 1;
  await page.keyboard.press("Enter"); // edit mode
  await page.keyboard.insertText(code);
  return index;
}

/** The computed colour of the first token in the last cell's editor whose text is `text`. */
export async function tokenColour(page: Page, text: string): Promise<string | undefined> {
  return page.evaluate((text) => {
    const editors = document.querySelectorAll(".jp-Notebook .jp-Cell .cm-content");
    const editor = editors[editors.length - 1];
    const walker = document.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = (node.textContent ?? "").search(new RegExp(`\\b${text}\\b`));
      if (at >= 0 && node.parentElement) return getComputedStyle(node.parentElement).color;
    }
    return undefined;
  }, text);
}
