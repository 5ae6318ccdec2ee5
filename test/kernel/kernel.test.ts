/**
 * The course kernel against the Jupyter protocol, through Python drivers beside this file:
 * - test_course_kernel.py: the Jupyter team's conformance suite (jupyter_kernel_test);
 * - test_kernel_behaviour.py: interrupts, stop_on_error aborts, tracebacks, results, a notebook
 *   run through nbclient — driven with jupyter_client.
 * Both start the kernel from kernels/nn-basics-ts (JUPYTER_PATH=<repo>, as kernelEnv sets it) with Debian's python3.
 */
import { strict as assert } from "assert";
import { spawn } from "child_process";
import { existsSync } from "fs";
import * as path from "path";
import { REPO_ROOT, kernelEnv } from "../../scripts/notebook-runner";

/** Debian's python3 has jupyter_client, jupyter_kernel_test and nbclient (COMMON.md). */
const PYTHON = process.env.KERNEL_TEST_PYTHON ?? "/usr/bin/python3";

/** Runs `python3 -m unittest -v <module>` in this folder; resolves with its exit code and output. */
function runUnittest(module: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, ["-m", "unittest", "-v", module], {
      cwd: __dirname,
      env: kernelEnv({ PYTHONDONTWRITEBYTECODE: "1" }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

describe("course kernel over the Jupyter protocol", function () {
  this.timeout(180_000);

  before(function () {
    assert.ok(existsSync(PYTHON), `${PYTHON} not found: the kernel tests need Debian's python3 with jupyter_client`);
    assert.ok(
      existsSync(path.join(REPO_ROOT, "dist", "lib", "index.js")),
      "dist/lib/index.js is missing: run `npm run build` (cells import the compiled library)",
    );
    assert.ok(existsSync(path.join(REPO_ROOT, "notebooks")), "notebooks/ is missing: the kernel tests run there");
  });

  it("passes jupyter_kernel_test (test_course_kernel.py)", async function () {
    const { code, output } = await runUnittest("test_course_kernel");
    assert.equal(code, 0, `jupyter_kernel_test failed:\n${output}`);
    assert.match(output, /Ran \d+ tests/);
  });

  it("interrupts, aborts queued cells and reports errors like IPython (test_kernel_behaviour.py)", async function () {
    const { code, output } = await runUnittest("test_kernel_behaviour");
    assert.equal(code, 0, `kernel behaviour tests failed:\n${output}`);
    assert.match(output, /Ran \d+ tests/);
  });
});
