/**
 * The same check as jupyterlab.test.ts, shorter, in Notebook 7 (the classic-style interface most
 * course material shows): two notebooks, Run All, no error, every chart, image, formula, diagram.
 */
import { strict as assert } from "assert";
import type { Page } from "playwright-core";
import { keepScreenshot, openChromium, type Session } from "./chromium";
import { requireBrowserSetup, startServer, type Server } from "./jupyter-server";
import { runAllAndCheck } from "./run-all";

const NOTEBOOKS = ["02-logistic-regression.ipynb", "13-broadcasting.ipynb"];

describe("Notebook 7 in Chromium @browser", function () {
  this.timeout(15 * 60_000);
  let server: Server | undefined;
  let session: Session | undefined;
  let page: Page;

  before(async function () {
    this.timeout(3 * 60_000);
    requireBrowserSetup(this);
    server = await startServer("notebook");
    session = await openChromium();
    page = await session.context.newPage();
  });

  after(async function () {
    this.timeout(60_000);
    await session?.close();
    await server?.stop();
  });

  afterEach(async function () {
    if (this.currentTest?.state === "failed" && page) await keepScreenshot(page, `notebook7-failed-${this.currentTest.title.slice(0, 30).replace(/\W+/g, "-")}`);
  });

  for (const name of NOTEBOOKS) {
    it(`${name}: Run All, no error output; every chart, image, formula and diagram shown`, async () => {
      await server?.shutdownKernels();
      await runAllAndCheck(page, server as Server, name, { screenshot: `notebook7-${name.replace(/\.ipynb$/, "")}` });
    });
  }

  it("no request left localhost", () => {
    assert.deepEqual(session?.offsite, []);
  });
});
