"""The course kernel loses nothing and always answers, driven with jupyter_client and nbclient:
100,000 lines of output arrive whole and in order, the heartbeat and control requests are answered
while a cell is busy, memory exhaustion gets a message and the kernel keeps serving, a second
client with the same session id takes over (ROUTER handover), stdin, clear_output, updatable
displays, comms, shutdown_reply on IOPub, and UTF-8 split across writes.

The same through jupyter_server's websocket (what JupyterLab uses) is test_kernel_server.py.

Run by test/kernel/kernel.test.ts (npm test), or by hand from the repository root:
    JUPYTER_PATH=$PWD .venv/bin/python -m unittest -v test/kernel/test_kernel_robustness.py
"""

import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
import unittest
from pathlib import Path

import nbformat
import zmq
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

from test_kernel_behaviour import KERNEL, NOTEBOOKS, REPO, KernelSession, SharedKernelTest, stderr_of

LINES = 100_000
PRINT_LINES = f"for (let i = 0; i < {LINES}; i++) console.log(`line ${{i}}`);"


def stream_text(outputs, name="stdout"):
    return "".join(c["text"] for t, c in outputs if t == "stream" and c["name"] == name)


def assert_all_lines(test, text):
    lines = text.splitlines()
    test.assertEqual(len(lines), LINES, "every line arrived")
    test.assertEqual(lines[0], "line 0")
    test.assertEqual(lines[-1], f"line {LINES - 1}")
    test.assertEqual(lines, [f"line {i}" for i in range(LINES)], "in order")


class OutputTests(SharedKernelTest):
    def test_100000_lines_arrive_whole_in_few_messages_and_the_next_cell_is_intact(self):
        k = self.kernel
        msg_id = k.send(PRINT_LINES)
        self.assertEqual(k.reply(msg_id, timeout=120)["status"], "ok")
        outputs = k.outputs(msg_id, timeout=120)
        assert_all_lines(self, stream_text(outputs))
        messages = sum(1 for t, _ in outputs if t == "stream")
        self.assertLess(messages, LINES / 100, "output is coalesced, as ipykernel's is")
        self.assertEqual(k.result('console.log("next"); 42'), "42")

    def test_a_character_written_in_two_chunks_arrives_whole(self):
        reply, outputs = self.kernel.run("process.stdout.write(Buffer.from([0xe2, 0x82]));\nprocess.stdout.write(Buffer.from([0xac, 0x0a]));")
        self.assertEqual(reply["status"], "ok")
        self.assertEqual(stream_text(outputs), "€\n")

    def test_clear_output_and_updatable_displays(self):
        k = self.kernel
        k.result('import * as nn from "../lib";')
        reply, outputs = k.run(
            'console.log("old");\nnn.clearOutput({ wait: true });\n'
            'const status = nn.display({ data: { "text/plain": "epoch 1" } }, { displayId: true });\n'
            'status.update({ data: { "text/plain": "epoch 2" } });'
        )
        self.assertEqual(reply["status"], "ok")
        kinds = [t for t, _ in outputs if t not in ("status", "execute_input")]
        self.assertEqual(kinds, ["stream", "clear_output", "display_data", "update_display_data"])
        shown = [c for t, c in outputs if t in ("display_data", "update_display_data")]
        self.assertEqual(shown[0]["transient"]["display_id"], shown[1]["transient"]["display_id"])
        self.assertEqual(shown[1]["data"]["text/plain"], "epoch 2")
        self.assertTrue([c for t, c in outputs if t == "clear_output"][0]["wait"])


class StdinTests(SharedKernelTest):
    def answer_input(self, code, answer):
        k = self.kernel
        msg_id = k.kc.execute(code, allow_stdin=True)
        request = k.kc.get_stdin_msg(timeout=60)
        self.assertEqual(request["msg_type"], "input_request")
        k.kc.input(answer)
        return k.reply(msg_id), k.outputs(msg_id), request

    def test_prompt_blocks_like_pythons_input_and_returns_the_answer(self):
        reply, outputs, request = self.answer_input('const name = prompt("Your name? ");\nname', "Ada")
        self.assertEqual(request["content"]["prompt"], "Your name? ")
        self.assertEqual(reply["status"], "ok")
        self.assertEqual([c["data"]["text/plain"] for t, c in outputs if t == "execute_result"], ["'Ada'"])

    def test_the_library_asks_asynchronously(self):
        self.kernel.result('import * as nn from "../lib";')
        reply, outputs, _ = self.answer_input('await nn.input("epochs? ")', "12")
        self.assertEqual([c["data"]["text/plain"] for t, c in outputs if t == "execute_result"], ["'12'"])

    def test_without_stdin_a_prompt_is_a_clear_error(self):
        reply, _ = self.kernel.run('prompt("x")', allow_stdin=False)
        self.assertEqual(reply["ename"], "StdinNotImplementedError")


class AlwaysAnswersTests(SharedKernelTest):
    def test_heartbeat_and_control_answer_while_a_cell_is_busy(self):
        k = self.kernel
        busy = k.send('console.log("busy");\nconst until = Date.now() + 6000;\nwhile (Date.now() < until) {}')
        k.wait_for_stdout(busy, "busy")
        # Heartbeat: an echo within a second.
        context = zmq.Context.instance()
        hb = context.socket(zmq.REQ)
        hb.linger = 0
        hb.connect(f"{k.km.transport}://{k.km.ip}:{k.km.hb_port}")
        started = time.monotonic()
        hb.send(b"ping")
        self.assertTrue(hb.poll(1000), "the heartbeat answers while the cell is busy")
        self.assertEqual(hb.recv(), b"ping")
        hb.close()
        # kernel_info on the control channel.
        msg = k.kc.session.msg("kernel_info_request")
        k.kc.control_channel.send(msg)
        reply = k.kc.get_control_msg(timeout=2)
        self.assertEqual(reply["msg_type"], "kernel_info_reply")
        self.assertLess(time.monotonic() - started, 2)
        self.assertEqual(k.reply(busy, timeout=60)["status"], "ok")

    def test_comm_open_without_a_target_is_closed_as_ipykernel_does(self):
        k = self.kernel
        msg = k.kc.session.msg("comm_open", {"comm_id": "c0ffee", "target_name": "jupyter.widget", "data": {}})
        k.kc.shell_channel.send(msg)
        deadline = time.monotonic() + 20
        while True:
            got = k.kc.get_iopub_msg(timeout=max(0.1, deadline - time.monotonic()))
            if got["msg_type"] == "comm_close":
                self.assertEqual(got["content"]["comm_id"], "c0ffee")
                break


class HandoverTests(SharedKernelTest):
    """A client reusing a session id (a browser reconnecting through jupyter_server) takes over."""

    def test_a_second_client_with_the_same_session_takes_over(self):
        k = self.kernel
        self.assertEqual(k.result("1 + 1"), "2")
        # As jupyter_server does for a browser that reconnects: same session, so same routing id.
        second = k.km.client()
        second.session.session = k.kc.session.session
        second.start_channels()
        try:
            msg_id = second.execute("2 + 2")
            deadline = time.monotonic() + 20
            while True:
                reply = second.get_shell_msg(timeout=max(0.1, deadline - time.monotonic()))
                if reply["parent_header"].get("msg_id") == msg_id:
                    break
            self.assertEqual(reply["content"]["status"], "ok")
        finally:
            second.stop_channels()


class MemoryTests(unittest.TestCase):
    """Running out of memory gets a message that says what happened; the kernel keeps serving."""

    def test_a_full_javascript_heap_restarts_the_runtime_and_says_so(self):
        k = KernelSession(env={**os.environ, "NN_KERNEL_MAX_HEAP_MB": "256"})
        try:
            k.result("let before = 1;")
            reply, _ = k.run("const hog = [];\nwhile (true) hog.push(new Array(1e5).fill(Math.random()));", timeout=120)
            self.assertEqual(reply["ename"], "KernelRestart")
            self.assertIn("the JavaScript heap is full", reply["evalue"])
            self.assertIn("every variable is gone", "\n".join(reply["traceback"]))
            reply, _ = k.run("before")
            self.assertIn("Cannot find name 'before'", reply["evalue"], "the variables are gone, and the type checker knows")
            self.assertEqual(k.result("40 + 2"), "42")
        finally:
            k.close()

    def test_a_full_tensor_heap_is_explained_and_tfjs_starts_afresh(self):
        k = KernelSession()
        try:
            k.result('import * as nn from "../lib";\nawait nn.ready();')
            if k.result("nn.backendName()") != "'wasm'":
                self.skipTest("the tensor heap that fills up is tfjs's WebAssembly backend's")
            reply, _ = k.run("const kept = [];\nfor (let i = 0; i < 100; i++) kept.push(nn.tf.zeros([25_000_000]));", timeout=300)
            self.assertEqual(reply["status"], "error")
            traceback = "\n".join(reply["traceback"])
            self.assertIn("tfjs's WebAssembly heap) was full", traceback)
            self.assertIn("every tensor made before is gone", traceback)
            self.assertEqual(k.result("await nn.ready();\nnn.tf.tensor1d([1, 2]).add(1).arraySync()"), "[ 2, 3 ]", "tensors work again")
        finally:
            k.close()


class ShutdownTests(unittest.TestCase):
    def test_shutdown_reply_is_also_broadcast_on_iopub(self):
        k = KernelSession()
        k.kc.shutdown()
        deadline = time.monotonic() + 20
        seen = []
        while time.monotonic() < deadline:
            try:
                msg = k.kc.get_iopub_msg(timeout=1)
            except Exception:
                continue
            seen.append(msg["msg_type"])
            if msg["msg_type"] == "shutdown_reply":
                break
        self.assertIn("shutdown_reply", seen)
        k.km.shutdown_kernel(now=True)
        k.kc.stop_channels()


    def test_a_kernel_whose_launcher_died_ends_itself_and_its_processes(self):
        # A script that starts the kernel, sets it spinning and exits without shutting it down
        # (as a crashed notebook server would): the kernel must not run on as an orphan.
        launcher = textwrap.dedent(f"""
            import sys
            from jupyter_client.manager import KernelManager
            km = KernelManager(kernel_name={KERNEL!r})
            km.start_kernel(cwd={str(NOTEBOOKS)!r})
            kc = km.client(); kc.start_channels(); kc.wait_for_ready(timeout=60)
            kc.execute("let spinning = 0; while (true) {{ spinning++; }}")
            print(km.provisioner.process.pid, flush=True)
            import os; os._exit(0)
        """)
        out = subprocess.run([sys.executable, "-c", launcher], capture_output=True, text=True, timeout=120, env=os.environ)
        self.assertEqual(out.returncode, 0, out.stderr)
        pid = int(out.stdout.strip().splitlines()[-1])
        descendants = [p for p in os.listdir("/proc") if p.isdigit() and _parent_of(int(p)) == pid]
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and any(_alive(p) for p in [pid, *map(int, descendants)]):
            time.sleep(0.2)
        alive = [p for p in [pid, *map(int, descendants)] if _alive(p)]
        for p in alive:
            os.kill(p, 9)
        self.assertEqual(alive, [], "the orphaned kernel and its compiler ended within 15 s")


class CompilerSnapshotTests(unittest.TestCase):
    """The compiler starts from a V8 snapshot built for one Node.js binary and its V8 flags."""

    CELL = 'import * as nn from "../lib";\nawait nn.ready();\nnn.sigmoid(nn.tf.tensor2d([[0]])).dataSync()[0]'

    def snapshot_files(self, folder):
        return sorted(f for f in os.listdir(folder) if f.startswith("compiler-"))

    def check_cells(self, k):
        self.assertEqual(k.result(self.CELL), "0.5")
        reply, outputs = k.run("const wrongType: number = 'one';")
        self.assertEqual(reply["ename"], "TSError", "type errors are still reported")

    def test_the_users_node_options_do_not_break_the_snapshot(self):
        # NODE_OPTIONS=--max-old-space-size=… (common among Node developers) changes V8's flags, and
        # V8 refuses a snapshot built with other flags: the compiler must not see them.
        cache = REPO / "node_modules" / ".cache" / "nn-basics-ts"
        # The kernel's Node.js is the `node` on PATH (kernels/nn-basics-ts/kernel.json).
        version = subprocess.check_output(["node", "--version"], text=True).strip()
        blob = next(cache.glob(f"compiler-{version}-*.blob"), None)
        self.assertIsNotNone(blob, f"npm run build wrote a snapshot for Node.js {version}")
        built = blob.stat().st_mtime_ns
        k = KernelSession(env={**os.environ, "NODE_OPTIONS": "--max-old-space-size=4096"})
        try:
            self.check_cells(k)
        finally:
            k.close()
        self.assertEqual(blob.stat().st_mtime_ns, built, "the snapshot loaded (a kernel that cannot load it builds a new one)")

    def test_a_snapshot_that_does_not_load_is_replaced_and_the_kernel_works_meanwhile(self):
        cache = REPO / "node_modules" / ".cache" / "nn-basics-ts"
        with tempfile.TemporaryDirectory() as folder:
            for f in self.snapshot_files(cache):
                if f.endswith(".json"):
                    shutil.copy(cache / f, folder)
                    # Same name, same manifest: a blob this Node.js cannot load (another build's).
                    with open(os.path.join(folder, f[: -len(".json")] + ".blob"), "wb") as out:
                        out.write(b"not a snapshot" * 1000)
            env = {**os.environ, "NN_KERNEL_CACHE_DIR": folder}
            k = KernelSession(env=env)
            try:
                self.check_cells(k)
                # (The folder may hold other Node.js versions' manifests: the kernel's own is rebuilt.)
                rebuilt = lambda: [b for b in os.listdir(folder) if b.endswith(".blob") and os.path.getsize(os.path.join(folder, b)) > 1_000_000]
                deadline = time.monotonic() + 300
                while time.monotonic() < deadline and not rebuilt():
                    time.sleep(1)
                self.assertTrue(rebuilt(), "a new snapshot was built in the background")
            finally:
                k.close()
            k = KernelSession(env=env)
            try:
                self.check_cells(k)
            finally:
                k.close()


def _parent_of(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return int(f.read().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return None


def _alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


class NotebookOutputTests(unittest.TestCase):
    """100,000 lines through nbclient (nbconvert --execute) and through `npm start`'s runner."""

    def notebook_with_lines(self):
        return nbformat.v4.new_notebook(
            cells=[nbformat.v4.new_code_cell(PRINT_LINES), nbformat.v4.new_code_cell('console.log("after"); 7')],
            metadata={"kernelspec": {"name": KERNEL, "display_name": KERNEL, "language": "typescript"}},
        )

    def check(self, nb):
        first, second = nb.cells
        assert_all_lines(self, "".join(o.text for o in first.outputs if o.output_type == "stream"))
        self.assertEqual([o.output_type for o in second.outputs], ["stream", "execute_result"])

    def test_nbclient_keeps_every_line(self):
        nb = self.notebook_with_lines()
        NotebookClient(nb, kernel_name=KERNEL, timeout=300, resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
        self.check(nb)

    def test_npm_starts_runner_keeps_every_line(self):
        with tempfile.TemporaryDirectory() as out:
            source = Path(out) / "lines.ipynb"
            nbformat.write(self.notebook_with_lines(), source)
            result = subprocess.run(
                [sys.executable, str(REPO / "scripts" / "run_notebook.py"), str(source), "--out-dir", str(Path(out) / "run")],
                cwd=REPO,
                capture_output=True,
                text=True,
                timeout=600,
            )
            self.assertEqual(result.returncode, 0, result.stderr)
            self.check(nbformat.read(Path(out) / "run" / "lines.ipynb", as_version=4))


if __name__ == "__main__":
    unittest.main()
