/**
 * One browser test suite's fixtures: a Jupyter server (JupyterLab or Notebook 7) on copies of the
 * notebooks, an offline Chromium and its page, set up before the suite and closed after it; a
 * screenshot of the page is kept when a test fails.
 */
import type { Page } from "playwright-core";
import { keepScreenshot, openChromium, type Session } from "./chromium";
import { requireBrowserSetup, startServer, type Server } from "./jupyter-server";

export interface BrowserSuite {
  readonly server: Server;
  readonly session: Session;
  readonly page: Page;
}

export function browserSuite(app: "lab" | "notebook", screenshotPrefix: string, extraNotebooks: Record<string, object> = {}): BrowserSuite {
  let server: Server | undefined;
  let session: Session | undefined;
  let page: Page | undefined;
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`browser suite: ${what} has not started (its before hook failed)`);
    return value;
  };

  before(async function () {
    this.timeout(3 * 60_000);
    requireBrowserSetup(this);
    server = await startServer(app, extraNotebooks);
    session = await openChromium();
    page = await session.context.newPage();
  });

  after(async function () {
    this.timeout(60_000);
    await session?.close();
    await server?.stop();
  });

  afterEach(async function () {
    // What the page showed when a check failed, kept beside the screenshots.
    if (this.currentTest?.state === "failed" && page) {
      await keepScreenshot(page, `${screenshotPrefix}-failed-${this.currentTest.title.slice(0, 40).replace(/\W+/g, "-")}`);
    }
  });

  return {
    get server() {
      return started(server, "the Jupyter server");
    },
    get session() {
      return started(session, "Chromium");
    },
    get page() {
      return started(page, "the page");
    },
  };
}
