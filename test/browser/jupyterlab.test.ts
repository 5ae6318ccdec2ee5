/**
 * The learner's client: JupyterLab 4 in Chromium with the course kernel. Every notebook runs with
 * Run All and shows no error, its charts (drawn by Lab's own Vega-Lite renderer), images, formulas
 * and diagrams; then, on a scratch notebook with a fresh kernel: Tab completion, TypeScript
 * highlighting, the stop button and Kernel > Restart. Works on copies: notebooks/ is never written.
 * Screenshots of a few notebooks are kept in test-artifacts/.
 */
import { strict as assert } from "assert";
import { listNotebooks } from "../../scripts/notebook-runner";
import { keepScreenshot } from "./chromium";
import { browserSuite } from "./suite";
import { appendCell, lastCellText, menu, openNotebook, runAll, runNewCell, tokenColour, waitForKernelIdle } from "./notebook-page";
import { runAllAndCheck } from "./run-all";
import * as path from "path";

const SCRATCH = "00-browser-checks.ipynb";
const SCREENSHOTS = new Set(["01-binary-classification.ipynb", "06-computation-graph.ipynb", "18-assignment-logistic-regression.ipynb"]);

/** A notebook with only the course's first cell, for the checks that need a fresh kernel. */
export function scratchNotebook(): object {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: "nn-basics-ts", display_name: "TypeScript (NN Basics course)", language: "typescript" } },
    cells: [{ id: "import", cell_type: "code", metadata: {}, execution_count: null, outputs: [], source: 'import * as nn from "../lib";\nconst tf = nn.tf;\nawait nn.ready();' }],
  };
}

describe("JupyterLab 4 in Chromium @browser", function () {
  this.timeout(15 * 60_000);
  const b = browserSuite("lab", "lab", { [SCRATCH]: scratchNotebook() });

  // BROWSER_NOTEBOOKS=02,06 runs only those (while working on the test itself).
  const only = process.env.BROWSER_NOTEBOOKS?.split(",").filter(Boolean);
  for (const file of listNotebooks().filter((f) => !only || only.some((o) => path.basename(f).startsWith(o)))) {
    const name = path.basename(file);
    it(`${name}: Run All, no error output; every chart, image, formula and diagram shown`, async () => {
      await b.server.shutdownKernels(); // the previous notebook's
      await runAllAndCheck(b.page, b.server, name, { screenshot: SCREENSHOTS.has(name) ? `lab-${name.replace(/\.ipynb$/, "")}` : undefined });
    });
  }

  describe("on a fresh kernel", () => {
    before(async function () {
      this.timeout(5 * 60_000);
      await b.server.shutdownKernels();
      await openNotebook(b.page, b.server.urlOf(SCRATCH));
      await runAll(b.page, 3 * 60_000); // the course's first cell: import the kit
    });

    it("the first Tab completes nn.sig to nn.sigmoid", async () => {
      await appendCell(b.page, "nn.sig");
      await b.page.keyboard.press("Tab");
      // One Tab: Lab either inserts the only match or lists the matches (Enter takes the first).
      await b.page
        .waitForFunction(
          () => {
            const editors = document.querySelectorAll(".jp-Notebook .jp-Cell .cm-content");
            return document.querySelector(".jp-Completer-item") !== null || /nn\.sigmoid/.test(editors[editors.length - 1]?.textContent ?? "");
          },
          undefined,
          { timeout: 10_000, polling: 100 },
        )
        .catch(() => undefined);
      const item = b.page.locator(".jp-Completer-item").first();
      if (await item.isVisible()) {
        assert.equal((await item.locator(".jp-Completer-match").innerText()).trim(), "sigmoid", "the first completion of nn.sig");
        await b.page.keyboard.press("Enter");
      }
      assert.match(await lastCellText(b.page), /^nn\.sigmoid\b/, "the cell after one Tab");
      await b.page.keyboard.press("Escape");
    });

    it("cells are highlighted as TypeScript: interface is a keyword, number a type", async () => {
      await appendCell(b.page, "interface Point { x: number }\nconst plain = 1;");
      await b.page.waitForTimeout(500);
      const [iface, num, keyword, variable] = await Promise.all(["interface", "number", "const", "plain"].map((w) => tokenColour(b.page, w)));
      await keepScreenshot(b.page, "lab-highlighting");
      assert.equal(iface, keyword, "`interface` coloured like the keyword `const`");
      assert.notEqual(num, variable, "`number` coloured as a type, not as a variable name");
      await b.page.keyboard.press("Escape");
    });

    it("the stop button ends a busy cell, and the next cell still sees earlier variables", async () => {
      await runNewCell(b.page, "const kept = 41;");
      await appendCell(b.page, "while (true) {}");
      await b.page.keyboard.press("Shift+Enter");
      await b.page.waitForTimeout(3000);
      await b.page.locator('.jp-NotebookPanel-toolbar [data-command="notebook:interrupt-kernel"]').click();
      await waitForKernelIdle(b.page, 60_000);
      assert.match(await runNewCell(b.page, "kept + 1"), /\b42\b/);
    });

    it("Kernel > Restart Kernel restarts it: earlier variables are gone, cells run again", async () => {
      await menu(b.page, "Kernel", /^Restart Kernel…?$/);
      await b.page.locator(".jp-Dialog .jp-mod-accept").click();
      await waitForKernelIdle(b.page, 180_000);
      // `kept` is gone: the type checker no longer knows the name (plain JS would say "undefined").
      assert.match(await runNewCell(b.page, "typeof kept"), /Cannot find name 'kept'|kept is not defined|^'?undefined'?$/m);
      assert.match(await runNewCell(b.page, "2 * 21"), /\b42\b/);
    });
  });

  describe("afterwards", () => {
    it("no request left localhost", () => {
      assert.deepEqual(b.session.offsite, []);
    });
  });
});
