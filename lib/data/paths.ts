/** Where the project lives on disk, from the source (lib/data) or the compiled build (dist/lib/data). */
import * as fs from "fs";
import * as path from "path";

const PROJECT_PACKAGE_NAME = "nn-basics-ts";

let cachedRoot: string | null | undefined;

/** The project's root folder (the one whose package.json is named nn-basics-ts), or null. */
export function projectRoot(): string | null {
  if (cachedRoot !== undefined) return cachedRoot;
  cachedRoot = null;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { name?: string };
      if (pkg.name === PROJECT_PACKAGE_NAME) {
        cachedRoot = dir;
        break;
      }
    } catch {
      // no package.json here: keep climbing
    }
    if (path.dirname(dir) === dir) break;
  }
  return cachedRoot;
}
