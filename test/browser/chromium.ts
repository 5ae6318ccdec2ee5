/**
 * Debian's Chromium, driven by playwright-core (no browser download): headless, a fresh profile,
 * and a log of every request a page makes, so a test can assert that nothing left localhost.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

export const CHROMIUM = process.env.COURSE_CHROMIUM ?? "/usr/bin/chromium";
export const ARTIFACTS = path.resolve(__dirname, "..", "..", "test-artifacts");

/** Why the browser tests cannot run here, or undefined when they can. */
export function chromiumMissing(): string | undefined {
  return fs.existsSync(CHROMIUM) ? undefined : `no Chromium at ${CHROMIUM} (Debian/Ubuntu: apt install chromium; or set COURSE_CHROMIUM)`;
}

export interface Session {
  browser: Browser;
  context: BrowserContext;
  /** every URL requested that is neither on localhost nor a file, data: or blob: URL */
  offsite: string[];
  close(): Promise<void>;
}

const LOCAL = /^(file:|data:|blob:|about:|https?:\/\/(localhost|127\.0\.0\.1|\[::1\])[:/])/;

/**
 * A headless Chromium with a fresh profile. Requests that would leave the machine are refused and
 * recorded in `offsite` (a page that needs the network fails visibly instead of hanging).
 */
export async function openChromium(): Promise<Session> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "nn-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
    viewport: { width: 1280, height: 900 },
  });
  const offsite: string[] = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (LOCAL.test(url)) return route.continue();
    offsite.push(url);
    return route.abort("blockedbyclient");
  });
  const browser = context.browser() as Browser;
  return {
    browser,
    context,
    offsite,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A screenshot kept as a test artifact (test-artifacts/, git-ignored). */
export async function keepScreenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
