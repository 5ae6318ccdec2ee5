/**
 * `npm run release`: writes the student version of every notebook in notebooks/ to release/, same
 * file names: the assignments' BEGIN/END SOLUTION regions become stubs (grading/release.ts), the
 * lessons' BEGIN/END ANSWER regions become blanks (grading/lessonAnswers.ts).
 * Usage: npm run release [-- <notebook.ipynb> ...] [--out-dir <dir>]
 */
import * as fs from "fs";
import * as path from "path";
import { readNotebook } from "../grading/notebook";
import { hasAnswers, learnerVersion } from "../grading/lessonAnswers";
import { hasSolutions, studentVersion } from "../grading/release";

const REPO_ROOT = path.resolve(__dirname, "..");

function main(argv: string[]): number {
  let outDir = path.join(REPO_ROOT, "release");
  const inputs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--out-dir") outDir = path.resolve(argv[++i] ?? "");
    else if (argv[i] === "--help" || argv[i] === "-h") {
      console.log("usage: npm run release [-- <notebook.ipynb> ...] [--out-dir <dir>]  (default: every notebook in notebooks/ -> release/)");
      return 0;
    } else inputs.push(path.resolve(argv[i]));
  }
  const sourceDir = path.join(REPO_ROOT, "notebooks");
  const notebooks = inputs.length > 0 ? inputs : fs.readdirSync(sourceDir).filter((f) => f.endsWith(".ipynb")).sort().map((f) => path.join(sourceDir, f));
  if (path.resolve(outDir) === sourceDir) {
    console.error("release: refusing to write into notebooks/ (the source notebooks with solutions)");
    return 2;
  }
  fs.mkdirSync(outDir, { recursive: true });
  let written = 0;
  for (const file of notebooks) {
    const nb = readNotebook(file);
    const name = path.basename(file);
    if (!hasSolutions(nb) && !hasAnswers(nb) && inputs.length > 0) console.error(`release: ${name} has no solutions or answers to remove; copied as it is`);
    // Lessons' "Check yourself" answers become blanks (grading/lessonAnswers.ts), assignments' solutions stubs.
    const out = path.join(outDir, name);
    fs.writeFileSync(out, JSON.stringify(learnerVersion(studentVersion(nb, name), name), null, 1) + "\n");
    console.log(`release: ${path.relative(process.cwd(), out)}`);
    written++;
  }
  if (written === 0) console.error("release: no notebooks found");
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (err) {
  console.error(`release: ${(err as Error).message}`);
  process.exitCode = 1;
}
