/**
 * A chart that shows itself: one bundle with the Vega-Lite spec (interactive in JupyterLab), a
 * static SVG (nbconvert, GitHub, plain viewers) and a one-line text/plain.
 *
 * Vega renders SVG asynchronously, while `_repr_mimebundle_` must answer synchronously, so a Chart is
 * only made by the async `Chart.render(spec)` (or the plot* helpers), which renders the SVG up front:
 * `await nn.plotCosts(costs)` as a cell's last line shows the finished chart.
 */
import * as fs from "fs";
import { createRequire } from "module";
import type * as Vega from "vega";
import type * as VegaLite from "vega-lite";
import type { TopLevelSpec } from "vega-lite";
import type { CompileOptions } from "vega-lite/build/src/compile/compile";
import type { Displayable, MimeBundle } from "../display/mimebundle";
import { VEGA_LITE_SCHEMA } from "./common";

export const VEGA_LITE_MIME = "application/vnd.vegalite.v5+json";

// vega and vega-lite take about a third of the kit's load time, and every notebook loads the kit:
// they are loaded on the first chart, not at import (as danfo is in lib/data/tabular.ts).
// vega 6 is ESM-only and awaits at its top level, so it cannot be require()d: it is import()ed, through
// a Function because TypeScript's CommonJS output would turn a plain `import()` into require().
const importModule = new Function("specifier", "return import(specifier)") as (specifier: string) => Promise<unknown>;
let vegaModule: Promise<typeof Vega> | undefined;
const vega = (): Promise<typeof Vega> => (vegaModule ??= importModule("vega") as Promise<typeof Vega>);

let vegaLiteModule: typeof VegaLite | undefined;
/**
 * vega-lite 5 (the Vega-Lite that JupyterLab 4 renders) ships one UMD file that takes from
 * `require("vega")` only vega-util's helpers, parseSelector and parseExpression. That require would
 * load vega 6 and fail (see above), so the file is run with a `require` that answers "vega" with those
 * helpers, from the CommonJS packages vega-lite depends on itself; everything else resolves as usual.
 */
function vegaLite(): typeof VegaLite {
  if (vegaLiteModule) return vegaLiteModule;
  const file = require.resolve("vega-lite");
  const requireHere = createRequire(file);
  const vegaHelpers = {
    ...(requireHere("vega-util") as object),
    parseSelector: (requireHere("vega-event-selector") as { parseSelector: unknown }).parseSelector,
    parseExpression: (requireHere("vega-expression") as { parseExpression: unknown }).parseExpression,
  };
  const module = { exports: {} as object };
  const requireForVegaLite = (id: string): unknown => (id === "vega" ? vegaHelpers : requireHere(id));
  new Function("exports", "require", "module", fs.readFileSync(file, "utf8")).call(module.exports, module.exports, requireForVegaLite, module);
  return (vegaLiteModule = module.exports as typeof VegaLite);
}

/** vega-lite's `compile` (Vega-Lite 5 to Vega), loaded on first use. */
export const compileVegaLite: typeof VegaLite.compile = (spec, options) => vegaLite().compile(spec, options);
const compile = compileVegaLite;

/**
 * Compiles a Vega-Lite spec and returns what vega-lite warned about (ignored channels, bad scale
 * settings ...); throws when it does not compile. An empty list means a clean spec.
 */
export function vegaLiteWarnings(spec: TopLevelSpec): string[] {
  const warnings: string[] = [];
  const logger = {
    level: () => logger,
    error: (...args: unknown[]) => (warnings.push(`error: ${args.join(" ")}`), logger),
    warn: (...args: unknown[]) => (warnings.push(args.join(" ")), logger),
    info: () => logger,
    debug: () => logger,
  };
  compile(spec, { logger: logger as unknown as CompileOptions["logger"] });
  return warnings;
}

/** Compiles a Vega-Lite spec to Vega and renders it to an SVG string in Node (no browser, no canvas). */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  let vegaSpec: Vega.Spec;
  try {
    // A copy: vega tags the data objects it ingests, and the caller's spec must stay plain JSON.
    vegaSpec = compile(JSON.parse(JSON.stringify(spec)) as TopLevelSpec).spec;
  } catch (err) {
    throw new Error(`Chart.render: the Vega-Lite spec does not compile: ${(err as Error).message}`);
  }
  // renderer "none": no DOM; toSVG renders headless. Without node-canvas, text widths are estimated.
  const { View, parse } = await vega();
  const view = new View(parse(vegaSpec), { renderer: "none" });
  try {
    return compactSvg(await view.toSVG());
  } finally {
    view.finalize();
  }
}

/**
 * Vega writes coordinates with full float precision ("310.2222222222223"); two decimals are far
 * below a pixel and make heatmaps and scatters several times smaller in the notebook file. Only
 * geometry attributes are touched, never text.
 */
export function compactSvg(svg: string): string {
  return svg.replace(/\s(d|transform|points)="([^"]*)"/g, (_, name: string, value: string) => {
    const short = value.replace(/(\d+\.\d{2})\d+/g, "$1").replace(/\.00(?!\d)/g, "");
    return ` ${name}="${short}"`;
  });
}

export class Chart implements Displayable {
  private constructor(
    /** the Vega-Lite 5 spec, data inline */
    readonly spec: TopLevelSpec,
    /** the same chart as a static SVG document */
    readonly svg: string,
    /** one line: what the chart shows */
    readonly description: string,
  ) {}

  /**
   * Renders `spec` (a Vega-Lite 5 spec; $schema is set if missing) and returns the ready Chart.
   * `description` defaults to the spec's own description.
   */
  static async render(spec: TopLevelSpec, description?: string): Promise<Chart> {
    if (typeof spec !== "object" || spec === null) throw new Error("Chart.render: expected a Vega-Lite spec object");
    const schema = (spec as { $schema?: string }).$schema;
    if (schema !== undefined && !/vega-lite\/v5(\.\d+)*\.json$/.test(schema)) {
      throw new Error(`Chart.render: expected a Vega-Lite 5 spec, its $schema is ${schema}`);
    }
    const full = { ...spec, $schema: VEGA_LITE_SCHEMA } as TopLevelSpec;
    const svg = await renderSvg(full);
    const text = description ?? (typeof full.description === "string" && full.description ? full.description : "chart");
    return new Chart(full, svg, text);
  }

  toString(): string {
    return `<Chart: ${this.description}>`;
  }

  /** Writes the SVG (or, for a .json path, the Vega-Lite spec) to a file. */
  save(path: string): void {
    fs.writeFileSync(path, path.endsWith(".json") ? JSON.stringify(this.spec, null, 1) : this.svg);
  }

  /** console.log and plain REPLs print the one-line description, not the whole object. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }

  _repr_mimebundle_(): MimeBundle {
    return {
      data: {
        [VEGA_LITE_MIME]: this.spec,
        "image/svg+xml": this.svg,
        "text/plain": this.toString(),
      },
    };
  }
}
