"""The course kernel's IPython-like behaviour beyond jupyter_kernel_test, driven with jupyter_client:
interrupts (busy loops, loops after an await, awaiting cells), stop_on_error aborts of queued
requests, cells sent right after an error, tracebacks at cell lines, result display, and a
notebook run through nbclient (what `jupyter nbconvert --execute` uses).

Run by test/kernel/kernel.test.ts (npm test), or by hand from the repository root:
    JUPYTER_PATH=$PWD .venv/bin/python -m unittest -v test/kernel/test_kernel_behaviour.py   (or any python with jupyter_client and nbclient)
"""

import time
import unittest
from pathlib import Path

import nbformat
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = REPO / "notebooks"
KERNEL = "nn-basics-ts"
TIMEOUT = 120


class KernelSession:
    """One running kernel and the requests of a test."""

    def __init__(self, env=None):
        self.km = KernelManager(kernel_name=KERNEL)
        self.km.start_kernel(cwd=str(NOTEBOOKS), **({"env": env} if env else {}))
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=60)
        # IOPub messages of other requests seen while waiting for one (e.g. late stderr of a cell).
        self.others = []

    def close(self):
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=True)

    def send(self, code, **options):
        return self.kc.execute(code, **options)

    def reply(self, msg_id, timeout=TIMEOUT):
        deadline = time.monotonic() + timeout
        while True:
            msg = self.kc.get_shell_msg(timeout=max(0.1, deadline - time.monotonic()))
            if msg["parent_header"].get("msg_id") == msg_id:
                return msg["content"]

    def outputs(self, msg_id, timeout=TIMEOUT):
        """IOPub messages of a request, up to its idle status: [(msg_type, content)]."""
        deadline = time.monotonic() + timeout
        found = []
        while True:
            msg = self.kc.get_iopub_msg(timeout=max(0.1, deadline - time.monotonic()))
            if msg["parent_header"].get("msg_id") != msg_id:
                self.others.append((msg["msg_type"], msg["content"]))
                continue
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                return found
            found.append((msg["msg_type"], msg["content"]))

    def wait_for_stdout(self, msg_id, text, timeout=TIMEOUT):
        """Blocks until the request printed `text` (so the cell is really running)."""
        deadline = time.monotonic() + timeout
        while True:
            msg = self.kc.get_iopub_msg(timeout=max(0.1, deadline - time.monotonic()))
            if (
                msg["parent_header"].get("msg_id") == msg_id
                and msg["msg_type"] == "stream"
                and text in msg["content"]["text"]
            ):
                return

    def run(self, code, timeout=TIMEOUT, **options):
        """Executes and returns (reply content, iopub outputs)."""
        msg_id = self.send(code, **options)
        return self.reply(msg_id, timeout), self.outputs(msg_id, timeout)

    def result(self, code):
        """The text/plain execute_result of a cell that must succeed (None when it shows nothing)."""
        reply, outputs = self.run(code)
        if reply["status"] != "ok":
            raise AssertionError(f"{code!r} failed: {reply.get('ename')}: {reply.get('evalue')}")
        results = [c["data"]["text/plain"] for t, c in outputs if t == "execute_result"]
        return results[0] if results else None


def stderr_of(outputs):
    return "".join(c["text"] for t, c in outputs if t == "stream" and c["name"] == "stderr")


class SharedKernelTest(unittest.TestCase):
    """Tests of one class share one kernel (started once: the compiler's start-up is seconds)."""

    @classmethod
    def setUpClass(cls):
        cls.kernel = KernelSession()

    @classmethod
    def tearDownClass(cls):
        cls.kernel.close()


class KernelBehaviourTests(SharedKernelTest):

    def interrupt_when_printed(self, msg_id, marker):
        self.kernel.wait_for_stdout(msg_id, marker)
        time.sleep(0.2)
        self.kernel.km.interrupt_kernel()
        return self.kernel.reply(msg_id)

    # ------------------------------------------------------------- interrupts

    def test_busy_loop_is_interrupted_and_variables_survive(self):
        k = self.kernel
        self.assertIsNone(k.result("let survivor = 42;"))
        msg_id = k.send('console.log("looping"); while (true) {}')
        reply = self.interrupt_when_printed(msg_id, "looping")
        self.assertEqual(reply["status"], "error")
        self.assertEqual(reply["ename"], "KeyboardInterrupt")
        self.assertEqual(k.result("survivor"), "42")

    def test_busy_loop_after_an_await_is_interrupted(self):
        k = self.kernel
        msg_id = k.send('await Promise.resolve();\nlet spins = 0;\nconsole.log("looping");\nwhile (true) { spins++; }')
        reply = self.interrupt_when_printed(msg_id, "looping")
        self.assertEqual(reply["ename"], "KeyboardInterrupt")
        self.assertEqual(k.result("spins > 0"), "true")

    def test_interrupt_is_raised_at_the_await_of_a_waiting_cell(self):
        k = self.kernel
        msg_id = k.send(
            'let cleanedUp = false;\nconsole.log("waiting");\n'
            "try {\n  await new Promise(() => {});\n} finally {\n  cleanedUp = true;\n}"
        )
        reply = self.interrupt_when_printed(msg_id, "waiting")
        self.assertEqual(reply["ename"], "KeyboardInterrupt")
        self.assertEqual(k.result("cleanedUp"), "true", "the cell's finally block ran")

    def test_interrupt_aborts_the_queued_requests(self):
        k = self.kernel
        k.result("let untouched = 1;")
        loop = k.send('console.log("looping"); while (true) {}')
        queued = k.send("untouched = 2;")
        self.assertEqual(self.interrupt_when_printed(loop, "looping")["ename"], "KeyboardInterrupt")
        self.assertEqual(k.reply(queued)["status"], "aborted")
        self.assertEqual(k.result("untouched"), "1")

    def test_busy_loop_in_an_async_function_after_its_await_is_interrupted(self):
        k = self.kernel
        msg_id = k.send(
            "let asyncSpins = 0;\n"
            'async function spin() { await null; console.log("spinning"); while (true) { asyncSpins++; } }\n'
            "await spin();"
        )
        reply = self.interrupt_when_printed(msg_id, "spinning")
        self.assertEqual(reply["ename"], "KeyboardInterrupt")
        self.assertEqual(k.result("asyncSpins > 0"), "true")

    def test_busy_timer_callbacks_are_interrupted_and_their_interval_cleared(self):
        k = self.kernel
        k.result("let ticks = 0;\nsetInterval(() => { ticks++; const t = Date.now(); while (Date.now() - t < 1e9) {} }, 0);")
        # The runtime is busy in the callback: this cell waits behind it until the interrupt.
        waiting = k.send("ticks")
        time.sleep(0.5)
        k.km.interrupt_kernel()
        self.assertEqual(k.reply(waiting)["status"], "ok")
        outputs = k.outputs(waiting)
        self.assertIn("KeyboardInterrupt: a timer callback was interrupted", stderr_of(outputs))
        self.assertEqual([c["data"]["text/plain"] for t, c in outputs if t == "execute_result"], ["1"])
        time.sleep(0.3)
        self.assertEqual(k.result("ticks"), "1", "the interval was cleared")

    def test_a_type_error_stops_the_cell_that_started_before_its_check(self):
        reply, outputs = self.kernel.run("const label: string = 5;\nlet forever = 0;\nwhile (true) { forever++; }", timeout=60)
        self.assertEqual((reply["status"], reply["ename"]), ("error", "TSError"))
        traceback = "\n".join(reply["traceback"])
        self.assertIn("line 1, column 7: error TS2322", traceback)
        self.assertIn("was stopped", traceback)

    # ------------------------------------------------------------- errors and the queue

    def test_cell_sent_right_after_an_error_runs(self):
        k = self.kernel
        for _ in range(5):
            failing = k.send('throw new Error("boom")')
            self.assertEqual(k.reply(failing)["status"], "error")
            self.assertEqual(k.result("40 + 2"), "42")

    def test_requests_queued_behind_a_failing_busy_cell_are_aborted(self):
        k = self.kernel
        k.result("let guarded = 1;")
        failing = k.send('const t0 = Date.now();\nwhile (Date.now() - t0 < 700) {}\nthrow new Error("late")')
        queued = [k.send("guarded = 2;"), k.send("guarded = 3;")]
        self.assertEqual(k.reply(failing)["status"], "error")
        self.assertEqual([k.reply(q)["status"] for q in queued], ["aborted", "aborted"])
        self.assertEqual(k.result("guarded"), "1")

    def test_requests_queued_behind_a_failing_async_cell_are_aborted(self):
        k = self.kernel
        k.result("let guardedAsync = 1;")
        failing = k.send('await new Promise((r) => setTimeout(r, 500));\nthrow new Error("late")')
        queued = k.send("guardedAsync = 2;")
        self.assertEqual(k.reply(failing)["status"], "error")
        self.assertEqual(k.reply(queued)["status"], "aborted")
        self.assertEqual(k.result("guardedAsync"), "1")

    def test_stop_on_error_false_keeps_the_queue(self):
        k = self.kernel
        failing = k.send('throw new Error("tolerated")', stop_on_error=False)
        queued = k.send("7 * 6")
        self.assertEqual(k.reply(failing)["status"], "error")
        self.assertEqual(k.reply(queued)["status"], "ok")

    def test_errors_from_callbacks_are_reported_and_do_not_end_the_kernel(self):
        k = self.kernel
        # With tfjs's wasm backend loaded, whose listeners rethrow such errors (ending plain tslab).
        k.result('import * as nn from "../lib";\nawait nn.ready();')
        reply, scheduling = k.run(
            'setTimeout(() => { throw new Error("from a timer"); }, 1500);\nPromise.reject(new Error("never awaited"));'
        )
        self.assertEqual(reply["status"], "ok")
        own = stderr_of(scheduling)
        self.assertEqual(own.count("Unhandled promise rejection: Error: never awaited"), 1, "reported under its own cell")
        reply, outputs = k.run("await new Promise((r) => setTimeout(r, 2000));\n5")
        self.assertEqual(reply["status"], "ok")
        self.assertEqual(k.result("6"), "6")
        later = stderr_of(outputs)
        self.assertIn(f"[output of In[{reply['execution_count'] - 1}], after it finished]", later, "named after the cell it came from")
        self.assertIn("Uncaught exception (from a callback): Error: from a timer", later)

    # ------------------------------------------------------------- tracebacks

    def test_runtime_error_traceback_points_at_the_cell_lines(self):
        reply, outputs = self.kernel.run(
            "const limit: number = 1;\n"
            "function check(x: number): number {\n"
            "  if (x > limit) {\n"
            '    throw new RangeError(`x=${x} is above ${limit}`);\n'
            "  }\n"
            "  return x;\n"
            "}\n"
            "check(5)"
        )
        self.assertEqual(reply["status"], "error")
        self.assertEqual((reply["ename"], reply["evalue"]), ("RangeError", "x=5 is above 1"))
        errors = [c for t, c in outputs if t == "error"]
        self.assertEqual(len(errors), 1)
        self.assertEqual([t for t, _ in outputs if t not in ("status", "execute_input")], ["error"])
        traceback = "\n".join(errors[0]["traceback"])
        self.assertRegex(traceback, r"Cell In\[\d+\], line 4, column 11, in check")
        self.assertIn("throw new RangeError(`x=${x} is above ${limit}`);", traceback)
        self.assertRegex(traceback, r"Cell In\[\d+\], line 8, column 1\n")
        for internal in ("node:internal", "node:vm", "tslab", "kernel/", "evalmachine"):
            self.assertNotIn(internal, traceback)

    def test_typescript_diagnostics_are_errors_at_the_cell_position(self):
        reply, outputs = self.kernel.run('let epochs: number = 10;\nepochs = "ten";')
        self.assertEqual(reply["status"], "error")
        self.assertEqual(reply["ename"], "TSError")
        self.assertEqual(reply["evalue"], "2:1 - Type 'string' is not assignable to type 'number'.")
        traceback = "\n".join(reply["traceback"])
        self.assertIn("line 2, column 1: error TS2322", traceback)
        self.assertIn('epochs = "ten";', traceback)
        self.assertEqual([t for t, _ in outputs if t not in ("status", "execute_input")], ["error"])

    def test_declarations_of_a_failed_cell_stay_usable(self):
        k = self.kernel
        reply, _ = k.run('const computedBeforeFailure = 5;\nthrow new Error("after the assignment")')
        self.assertEqual(reply["status"], "error")
        self.assertEqual(k.result("computedBeforeFailure * 2"), "10")

    # ------------------------------------------------------------- results

    def test_tensor_results_are_readable(self):
        shown = self.kernel.result(
            'import * as nn from "../lib";\nawait nn.ready();\nnn.tf.tensor2d([[1, 2], [3, 4]])'
        )
        self.assertEqual(shown, "Tensor float32 [2,2]\n    [[1, 2],\n     [3, 4]]")
        nested = self.kernel.result("({ w: nn.tf.zeros([2, 1]), b: 0 })")
        self.assertIn("Tensor float32 [2,1]", nested)
        self.assertNotIn("dataId", nested)

    def test_what_shows_no_result(self):
        k = self.kernel
        self.assertIsNone(k.result("1 + 1;"), "a trailing semicolon hides the value")
        self.assertEqual(k.result("1 + 1"), "2")
        self.assertIsNone(k.result("undefined"))
        self.assertIsNone(k.result("let declared = 3"))
        self.assertIsNone(k.result("interface Shape { rows: number }"))

    def test_execute_input_and_result_carry_the_execution_count(self):
        reply, outputs = self.kernel.run("2 ** 10")
        count = reply["execution_count"]
        self.assertIn(("execute_input", {"code": "2 ** 10", "execution_count": count}), outputs)
        results = [c for t, c in outputs if t == "execute_result"]
        self.assertEqual(results[0]["execution_count"], count)
        self.assertEqual(results[0]["data"]["text/plain"], "1024")

    def test_shorthand_properties_of_earlier_variables(self):
        k = self.kernel
        k.result("let wShort = 1;\nlet bShort = 2;")
        self.assertEqual(k.result("({ wShort, bShort })"), "{ wShort: 1, bShort: 2 }")

    def test_user_expressions(self):
        k = self.kernel
        k.result("const exposed = 21;")
        reply, _ = k.run("", user_expressions={"double": "exposed * 2", "broken": "notDefinedAnywhere"})
        expressions = reply["user_expressions"]
        self.assertEqual(expressions["double"]["status"], "ok")
        self.assertEqual(expressions["double"]["data"]["text/plain"], "42")
        self.assertEqual(expressions["broken"]["status"], "error")
        self.assertEqual(expressions["broken"]["ename"], "ReferenceError")

    # ------------------------------------------------------------- completion

    def test_completion_of_an_imported_library(self):
        k = self.kernel
        k.result('import * as nn from "../lib";')
        msg_id = k.kc.complete("nn.backendN")
        content = k.reply(msg_id)
        self.assertEqual(content["matches"], ["backendName"])
        self.assertEqual((content["cursor_start"], content["cursor_end"]), (3, 11))


class FreshKernelTests(unittest.TestCase):
    """Interrupts that arrive before the cell runs: the kernel has just started and is compiling."""

    def test_interrupt_while_the_cell_compiles_ends_it_before_it_runs(self):
        km = KernelManager(kernel_name=KERNEL)
        km.start_kernel(cwd=str(NOTEBOOKS))
        kc = km.client()
        kc.start_channels()
        try:
            kc.wait_for_ready(timeout=60)
            # A fresh compiler has not read the typescript package's declarations yet (half a
            # megabyte): the cell is still compiling when the interrupt arrives.
            msg_id = kc.execute('import * as ts from "typescript";\nconsole.log("ran", typeof ts);\nlet spin = 0;\nwhile (true) { spin++; }')
            printed = []
            while True:
                msg = kc.get_iopub_msg(timeout=60)
                if msg["msg_type"] == "execute_input" and msg["parent_header"].get("msg_id") == msg_id:
                    break
            km.interrupt_kernel()
            errors = []
            deadline = time.monotonic() + 60
            while True:
                msg = kc.get_iopub_msg(timeout=max(0.1, deadline - time.monotonic()))
                if msg["parent_header"].get("msg_id") != msg_id:
                    continue
                if msg["msg_type"] == "stream":
                    printed.append(msg["content"]["text"])
                if msg["msg_type"] == "error":
                    self.assertEqual(msg["content"]["ename"], "KeyboardInterrupt")
                    self.assertIn("before it ran", msg["content"]["evalue"])
                    errors.append(msg)
                if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                    break
            self.assertEqual(printed, [], "the cell never ran")
            self.assertEqual(len(errors), 1, "one KeyboardInterrupt")
            check = kc.execute("spin")
            while True:
                msg = kc.get_iopub_msg(timeout=60)
                if msg["parent_header"].get("msg_id") == check and msg["msg_type"] == "error":
                    self.assertIn("Cannot find name 'spin'", msg["content"]["evalue"], "later cells do not see its names")
                    break
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)


class NotebookRunTests(unittest.TestCase):
    """A notebook executed by nbclient: results as Out[n], errors as error outputs."""

    def test_outputs_of_an_executed_notebook(self):
        cells = [
            'import * as nn from "../lib";\nawait nn.ready();\nnn.backendName().length > 0',
            'console.log("printed");\nnn.tf.tensor1d([1, 2, 3])',
            'throw new Error("an error cell")',
            "40 + 2",
        ]
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
        NotebookClient(
            nb, kernel_name=KERNEL, allow_errors=True, timeout=60, resources={"metadata": {"path": str(NOTEBOOKS)}}
        ).execute()
        first, second, third, fourth = nb.cells
        self.assertEqual(first.outputs[0].output_type, "execute_result")
        self.assertEqual(first.outputs[0].execution_count, 1)
        self.assertEqual(first.outputs[0].data["text/plain"], "true")
        self.assertEqual([o.output_type for o in second.outputs], ["stream", "execute_result"])
        self.assertIn("Tensor float32 [3]", second.outputs[1].data["text/plain"])
        self.assertEqual(third.outputs[0].output_type, "error")
        self.assertEqual((third.outputs[0].ename, third.outputs[0].evalue), ("Error", "an error cell"))
        self.assertEqual(fourth.execution_count, 4)
        self.assertEqual(fourth.outputs[0].data["text/plain"], "42")


if __name__ == "__main__":
    unittest.main()
