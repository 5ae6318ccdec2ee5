/**
 * An HTML page rendered by nbconvert, opened from disk in an offline Chromium: what a reader sees
 * once the page's own scripts have run (MathJax, Mermaid), and whether it asked the network for
 * anything.
 */
import * as fs from "fs";
import { pathToFileURL } from "url";
import type { Session } from "./chromium";

export interface HtmlReport {
  /** requests that would have left the machine */
  offsite: string[];
  typeset: number;
  /** markdown text still showing $…$ */
  rawTex: string[];
  mermaidDrawn: number;
  /** inline SVG outputs and how many of them have drawn content */
  svgOutputs: { total: number; drawn: number };
  /** <img> outputs (e.g. base64 SVG or PNG) and the ones that did not load */
  images: { total: number; broken: number };
}

export async function readPage(session: Session, file: string, screenshot?: string): Promise<HtmlReport> {
  const page = await session.context.newPage();
  const before = session.offsite.length;
  try {
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
    const html = fs.readFileSync(file, "utf8");
    if (html.includes('data-course="mathjax-config"')) await page.waitForFunction(() => (window as any).MathJax?.startup?.promise, undefined, { timeout: 60_000 }).then(() => page.evaluate(() => (window as any).MathJax.startup.promise));
    if (html.includes("course-mermaid")) await page.waitForFunction(() => document.body.dataset.courseMermaid === "done", undefined, { timeout: 60_000 });
    if (screenshot) await page.screenshot({ path: screenshot, fullPage: false });
    const shown = await page.evaluate(() => {
      const markdown = Array.from(document.querySelectorAll(".jp-RenderedMarkdown"));
      const rawTex = markdown.flatMap((m) => {
        const copy = m.cloneNode(true) as Element;
        copy.querySelectorAll("mjx-container, code, pre, script").forEach((n) => n.remove());
        return (copy.textContent ?? "").match(/\$[^$\n]{1,80}\$/g) ?? [];
      });
      const svgs = Array.from(document.querySelectorAll(".jp-RenderedSVG > svg, .jp-RenderedSVG svg.marks"));
      const images = Array.from(document.querySelectorAll(".jp-OutputArea-output img, .jp-RenderedMarkdown img")) as HTMLImageElement[];
      return {
        typeset: document.querySelectorAll("mjx-container").length,
        rawTex,
        mermaidDrawn: document.querySelectorAll("figure.course-mermaid svg").length,
        // Drawn: on the page with a size, and with marks in it (not the empty <svg> of nbconvert#1849).
        svgOutputs: {
          total: svgs.length,
          drawn: svgs.filter((s) => s.getBoundingClientRect().width > 0 && s.querySelector("path, rect, text, circle, line, polyline, image")).length,
        },
        images: { total: images.length, broken: images.filter((i) => !i.complete || i.naturalWidth === 0).length },
      };
    });
    return { ...shown, offsite: session.offsite.slice(before) };
  } finally {
    await page.close();
  }
}
