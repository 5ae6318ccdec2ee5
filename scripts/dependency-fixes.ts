/**
 * Dependencies the kit replaces inside two of its packages, written where every npm reads them.
 *
 * danfojs-node 1.2.0 asks for the native @tensorflow/tfjs-node 3 (a libtensorflow download), for
 * SheetJS as a CDN URL, for the deprecated `request` (which pulls form-data 2.3.3 and tough-cookie
 * 2.5.0) and for mathjs 9; vega-lite 5.23 asks for vega-expression 5.1 and has vega 5 as its peer.
 * Each of those has a published advisory (form-data's critical, the others high) except the first
 * two, which cannot install offline. package.json `overrides` could say this, but npm 9.2 (Debian 12's
 * and Ubuntu 24.04's npm) cannot load an override whose value or whose target is not a semver range:
 * `npm ci` stops with a misleading EUSAGE. So the replacements live here, and are written
 * - into package-lock.json (`tsx scripts/dependency-fixes.ts --lockfile`, after npm rewrote the
 *   lockfile), which `npm ci` of every npm version installs exactly as written; and
 * - into the installed packages' own package.json (`postinstall`), so that `npm ls` and later
 *   `npm install`s agree with what is installed.
 * The postinstall also links danfo's tfjs to the project's: one copy of tfjs on disk and in memory.
 */
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");
const LOCKFILE = path.join(ROOT, "package-lock.json");
/** tfjs, SheetJS, request and mathjs versions the replacements name. */
const TFJS = "4.22.0";

type Fields = Partial<Record<"dependencies" | "peerDependencies", Record<string, string>>>;

/** Package (by its node_modules path) -> the dependency specs it gets instead of its own. */
export const REPLACEMENTS: Record<string, Fields> = {
  "node_modules/danfojs-node": {
    dependencies: {
      // The pure-JS tfjs the kit uses (native TensorFlow stays the project's optional dependency).
      "@tensorflow/tfjs-node": `npm:@tensorflow/tfjs@${TFJS}`,
      mathjs: "15.2.0",
      // Cypress's maintained fork of request, same API (form-data 4, tough-cookie 5).
      request: "npm:@cypress/request@4.0.1",
      // SheetJS's own build, as published to the registry by @e965.
      xlsx: "npm:@e965/xlsx@0.20.3",
    },
  },
  "node_modules/vega-lite": {
    dependencies: { "vega-expression": "5.2.1" },
    // vega-lite 5 reads only helpers from vega (lib/plot/chart.ts gives it them); vega 6 renders.
    peerDependencies: { vega: "^5.24.0 || ^6.2.0" },
  },
};

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, "utf8")) as T;
}

/** Writes the replacements into `fields` (a lockfile entry or a package.json); true when it changed. */
function apply(fields: Fields, replacement: Fields): boolean {
  let changed = false;
  for (const [field, specs] of Object.entries(replacement) as [keyof Fields, Record<string, string>][]) {
    for (const [name, spec] of Object.entries(specs)) {
      const own = (fields[field] ??= {});
      if (own[name] !== spec) {
        own[name] = spec;
        changed = true;
      }
    }
  }
  return changed;
}

/** `--lockfile`: writes the replacements into package-lock.json. */
function fixLockfile(): void {
  const lock = readJson<{ packages: Record<string, Fields> }>(LOCKFILE);
  let changed = false;
  for (const [location, replacement] of Object.entries(REPLACEMENTS)) {
    const entry = lock.packages[location];
    if (!entry) throw new Error(`package-lock.json has no ${location}`);
    changed = apply(entry, replacement) || changed;
  }
  if (changed) fs.writeFileSync(LOCKFILE, JSON.stringify(lock, null, 2) + "\n");
  console.log(changed ? "package-lock.json: replacements written; run `npm ci`" : "package-lock.json already has the replacements");
}

/** postinstall: the installed manifests say what the lockfile installed. */
function fixInstalled(): void {
  for (const [location, replacement] of Object.entries(REPLACEMENTS)) {
    const manifest = path.join(ROOT, location, "package.json");
    if (!fs.existsSync(manifest)) continue;
    const pkg = readJson<Fields>(manifest);
    if (apply(pkg, replacement)) fs.writeFileSync(manifest, JSON.stringify(pkg, null, 2) + "\n");
  }
  linkDanfoTfjs();
}

/**
 * npm installs danfo's "@tensorflow/tfjs-node" (the alias of the project's tfjs) as a second, nested
 * copy of tfjs (141 MB): the alias has another name, so npm cannot share the project's. Same
 * package, same version: a link to the project's copy changes nothing for npm and saves the copy.
 */
function linkDanfoTfjs(): void {
  const ours = path.join(ROOT, "node_modules", "@tensorflow", "tfjs");
  const danfos = path.join(ROOT, "node_modules", "danfojs-node", "node_modules", "@tensorflow", "tfjs-node");
  if (!fs.existsSync(danfos) || fs.lstatSync(danfos).isSymbolicLink()) return;
  const version = (dir: string) => {
    const pkg = readJson<{ name?: string; version?: string }>(path.join(dir, "package.json"));
    return `${pkg.name}@${pkg.version}`;
  };
  if (!fs.existsSync(ours) || version(ours) !== version(danfos)) {
    console.warn(`dependency-fixes: kept danfojs-node's own ${version(danfos)} (the project has ${fs.existsSync(ours) ? version(ours) : "no tfjs"})`);
    return;
  }
  fs.rmSync(danfos, { recursive: true, force: true });
  fs.symlinkSync(path.relative(path.dirname(danfos), ours), danfos, "junction");
}

if (require.main === module) {
  if (process.argv.includes("--lockfile")) fixLockfile();
  else fixInstalled();
}
