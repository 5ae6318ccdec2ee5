/**
 * The course kernel against the Jupyter protocol, through Python drivers beside this file:
 * - test_course_kernel.py: the Jupyter team's conformance suite (jupyter_kernel_test);
 * - test_kernel_behaviour.py: interrupts (while compiling, busy, after awaits, in timers),
 *   stop_on_error aborts, tracebacks, type errors, results, a notebook run through nbclient;
 * - test_kernel_robustness.py: 100,000 lines, heartbeat and control while busy, memory
 *   exhaustion, ROUTER handover, stdin, clear_output, display updates, comms, shutdown;
 * - test_kernel_server.py: the same through jupyter_server's websocket, as JupyterLab talks.
 * They start the kernel from kernels/nn-basics-ts (JUPYTER_PATH=<repo>, as kernelEnv sets it).
 */
import { strict as assert } from "assert";
import { spawn } from "child_process";
import { existsSync } from "fs";
import * as path from "path";
import { REPO_ROOT, kernelEnv } from "../../scripts/notebook-runner";

/** Debian's python3 has jupyter_client, jupyter_kernel_test and nbclient. */
const PYTHON = process.env.KERNEL_TEST_PYTHON ?? "/usr/bin/python3";
/** jupyter_server (JupyterLab's server) comes from pip, in the project's virtualenv. */
const SERVER_PYTHON = process.env.JUPYTER_SERVER_PYTHON ?? path.join(REPO_ROOT, ".venv", "bin", "python");

/** Runs `python -m unittest -v <module>` in this folder; resolves with its exit code and output. */
function runUnittest(module: string, python = PYTHON): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(python, ["-m", "unittest", "-v", module], {
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

  it("loses no output and always answers (test_kernel_robustness.py)", async function () {
    this.timeout(900_000);
    const { code, output } = await runUnittest("test_kernel_robustness");
    assert.equal(code, 0, `kernel robustness tests failed:\n${output}`);
    assert.match(output, /Ran \d+ tests/);
  });

  it("works through jupyter_server's websocket, as JupyterLab uses it (test_kernel_server.py)", async function () {
    this.timeout(600_000);
    assert.ok(existsSync(SERVER_PYTHON), `${SERVER_PYTHON} not found: the JupyterLab-path tests need jupyter_server (npm test sets it up; see scripts/setup-jupyter.sh)`);
    const { code, output } = await runUnittest("test_kernel_server", SERVER_PYTHON);
    assert.equal(code, 0, `jupyter_server tests failed:\n${output}`);
    assert.match(output, /Ran \d+ tests/);
  });
});
