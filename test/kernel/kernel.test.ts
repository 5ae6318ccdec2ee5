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
import { pythonFor, type Need } from "../../scripts/jupyter-env";
import { REPO_ROOT, kernelEnv } from "../../scripts/notebook-runner";

/**
 * Runs `python -m unittest -v <module>` in this folder with the first Python that has `needs`
 * (scripts/jupyter-env.ts; `npm test` installs them first); resolves with its exit code and output.
 * A suite still running after `limitMs` is killed, with what it printed so far: a hung kernel must
 * fail its test, not hold `npm test` open (its kernels end themselves once their launcher is gone).
 */
function runUnittest(module: string, limitMs: number, ...needs: Need[]): Promise<{ code: number | null; output: string }> {
  const python = pythonFor(...needs)?.python;
  assert.ok(python, `no Python here has what ${module}.py needs (${needs.join(", ")}): run \`npm run setup -- --with-tests\``);
  return new Promise((resolve, reject) => {
    const child = spawn(python, ["-m", "unittest", "-v", module], {
      cwd: __dirname,
      env: kernelEnv({ PYTHONDONTWRITEBYTECODE: "1" }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const killer = setTimeout(() => {
      output += `\n[killed after ${limitMs / 1000} s: the suite did not finish]\n`;
      child.kill("SIGKILL");
    }, limitMs);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(killer);
      resolve({ code, output });
    });
  });
}

describe("course kernel over the Jupyter protocol", function () {
  this.timeout(180_000);

  before(function () {
    assert.ok(
      existsSync(path.join(REPO_ROOT, "dist", "lib", "index.js")),
      "dist/lib/index.js is missing: run `npm run build` (cells import the compiled library)",
    );
    assert.ok(existsSync(path.join(REPO_ROOT, "notebooks")), "notebooks/ is missing: the kernel tests run there");
  });

  it("passes jupyter_kernel_test (test_course_kernel.py)", async function () {
    this.timeout(600_000);
    const { code, output } = await runUnittest("test_course_kernel", 590_000, "kernelTests");
    assert.equal(code, 0, `jupyter_kernel_test failed:\n${output}`);
    assert.match(output, /Ran \d+ tests/);
  });

  it("interrupts, aborts queued cells and reports errors like IPython (test_kernel_behaviour.py)", async function () {
    this.timeout(600_000);
    const { code, output } = await runUnittest("test_kernel_behaviour", 590_000, "reports");
    assert.equal(code, 0, `kernel behaviour tests failed:\n${output}`);
    assert.match(output, /Ran \d+ tests/);
  });

  it("loses no output and always answers (test_kernel_robustness.py)", async function () {
    this.timeout(900_000);
    const { code, output } = await runUnittest("test_kernel_robustness", 890_000, "reports");
    assert.equal(code, 0, `kernel robustness tests failed:\n${output}`);
    assert.match(output, /Ran \d+ tests/);
  });

  it("works through jupyter_server's websocket, as JupyterLab uses it (test_kernel_server.py)", async function () {
    this.timeout(600_000);
    const { code, output } = await runUnittest("test_kernel_server", 590_000, "kernelServer", "reports");
    assert.equal(code, 0, `jupyter_server tests failed:\n${output}`);
    assert.match(output, /Ran \d+ tests/);
  });
});
