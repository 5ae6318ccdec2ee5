/**
 * The same check as jupyterlab.test.ts, shorter, in Notebook 7 (the classic-style interface most
 * course material shows): two notebooks, Run All, no error, every chart, image, formula, diagram.
 */
import { strict as assert } from "assert";
import { browserSuite } from "./suite";
import { runAllAndCheck } from "./run-all";

const NOTEBOOKS = ["02-logistic-regression.ipynb", "13-broadcasting.ipynb"];

describe("Notebook 7 in Chromium @browser", function () {
  this.timeout(15 * 60_000);
  const b = browserSuite("notebook", "notebook7");

  for (const name of NOTEBOOKS) {
    it(`${name}: Run All, no error output; every chart, image, formula and diagram shown`, async () => {
      await b.server.shutdownKernels();
      await runAllAndCheck(b.page, b.server, name, { screenshot: `notebook7-${name.replace(/\.ipynb$/, "")}` });
    });
  }

  it("no request left localhost", () => {
    assert.deepEqual(b.session.offsite, []);
  });
});
