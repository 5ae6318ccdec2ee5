/**
 * `npm run setup` (and the first step of `npm start` / `npm test`): makes sure a Jupyter the kit can
 * use is there, installing what is missing (scripts/jupyter-env.ts says where from), and says which.
 *   --with-tests  also what the tests need: JupyterLab 4 and Notebook 7 (browser tests),
 *                 jupyter_kernel_test and jupyter_server (kernel tests), numpy and h5py (references)
 *   --quiet       print nothing when everything is already there
 */
import { NEEDS, Need, describe, ensureJupyter, pythonFor } from "./jupyter-env";

const args = process.argv.slice(2);
const unknown = args.filter((a) => !["--quiet", "--with-tests"].includes(a));
if (unknown.length) {
  console.error(`setup: unknown option ${unknown.join(" ")} (usage: tsx scripts/setup-jupyter.ts [--quiet] [--with-tests])`);
  process.exit(2);
}
const quiet = args.includes("--quiet");
const needs: Need[] = args.includes("--with-tests") ? ["reports", "browser", "kernelTests", "kernelServer", "references"] : ["reports"];

const WHAT: Record<Need, string> = {
  reports: "notebooks and reports",
  browser: "browser tests",
  kernelTests: "kernel tests",
  kernelServer: "kernel tests through jupyter_server",
  references: "numpy references",
};

let installed = false;
const unmet = ensureJupyter(needs, (line) => {
  installed = true;
  console.log(line);
});
if (!quiet || installed || unmet.length) {
  for (const need of needs) {
    const found = pythonFor(need);
    console.log(found ? `setup: ${WHAT[need]}: ${found.origin} (${describe(found, [need])})` : `setup: ${WHAT[need]}: not available`);
  }
}
for (const need of unmet) {
  const wanted = NEEDS[need].map((r) => `${r.pip}>=${r.min}`).join(" ");
  console.error(`setup: no Python here has ${wanted}, and installing them failed; ${need === "reports" ? "" : `the ${WHAT[need]} will fail. `}Install them (pip install ${wanted}) and run again.`);
}
process.exit(unmet.includes("reports") ? 1 : 0);
