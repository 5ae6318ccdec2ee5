"""The course kernel through jupyter_server's websocket, the way JupyterLab talks to it: 100,000
lines arrive whole (past jupyter_server's IOPub rate limits, which drop messages) and the idle
status follows; the stop button (POST /api/kernels/<id>/interrupt) ends busy cells; a browser
that reconnects with the same session id gets its replies.

Needs jupyter_server (JupyterLab's server, installed with pip: `npm run setup -- --with-tests` puts it in .venv);
run by test/kernel/kernel.test.ts with that environment's python, or by hand:
    JUPYTER_PATH=$PWD .venv/bin/python -m unittest -v test/kernel/test_kernel_server.py
"""

import asyncio
from datetime import datetime, timezone
import json
import os
import socket
import subprocess
import sys
import time
import unittest
import urllib.request
import uuid
from pathlib import Path

from tornado.websocket import websocket_connect

REPO = Path(__file__).resolve().parents[2]
KERNEL = "nn-basics-ts"
TOKEN = uuid.uuid4().hex
LINES = 100_000


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self):
        self.port = free_port()
        env = dict(os.environ, JUPYTER_PATH=str(REPO))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "jupyter_server", "--no-browser", "--allow-root", f"--port={self.port}", "--ip=127.0.0.1",
             f"--IdentityProvider.token={TOKEN}", f"--ServerApp.root_dir={REPO}"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                self.request("GET", "/api/status")
                return
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise RuntimeError("jupyter_server did not start: " + self.process.stderr.read().decode()[-2000:])
                time.sleep(0.3)

    def request(self, method, path, body=None):
        req = urllib.request.Request(
            f"http://127.0.0.1:{self.port}{path}", method=method, data=None if body is None else json.dumps(body).encode(),
            headers={"Authorization": f"token {TOKEN}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(req, timeout=60) as response:
            text = response.read().decode()
            return json.loads(text) if text else None

    def close(self):
        self.process.terminate()
        self.process.wait(timeout=30)


class Channel:
    """One websocket to a kernel, as JupyterLab opens it."""

    def __init__(self, server, kernel_id, session):
        self.server, self.kernel_id, self.session = server, kernel_id, session

    async def __aenter__(self):
        url = f"ws://127.0.0.1:{self.server.port}/api/kernels/{self.kernel_id}/channels?session_id={self.session}"
        self.ws = await websocket_connect(
            __import__("tornado.httpclient", fromlist=["HTTPRequest"]).HTTPRequest(url, headers={"Authorization": f"token {TOKEN}"}),
            max_message_size=256 * 2**20,
        )
        return self

    async def __aexit__(self, *exc):
        self.ws.close()

    async def execute(self, code):
        msg_id = uuid.uuid4().hex
        await self.ws.write_message(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": "execute_request", "session": self.session, "username": "test",
                       "version": "5.3", "date": datetime.now(timezone.utc).isoformat().replace("+00:00", "Z")},
            "parent_header": {}, "metadata": {}, "channel": "shell",
            "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True},
        }))
        return msg_id

    async def collect(self, msg_id, timeout=300):
        """Messages of a request until both its reply and its idle status arrived: (reply, iopub list)."""
        reply, iopub, idle = None, [], False
        deadline = time.monotonic() + timeout
        while reply is None or not idle:
            raw = await asyncio.wait_for(self.ws.read_message(), max(0.1, deadline - time.monotonic()))
            if raw is None:
                raise AssertionError("the websocket closed")
            msg = json.loads(raw)
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                # jupyter_server's own notices (e.g. "IOPub message rate exceeded") have no parent.
                if msg.get("msg_type") == "stream":
                    iopub.append(msg)
                continue
            if msg["channel"] == "shell":
                reply = msg["content"]
            elif msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                idle = True
            else:
                iopub.append(msg)
        return reply, iopub


class JupyterServerTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server()

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def start_kernel(self):
        kernel = self.server.request("POST", "/api/kernels", {"name": KERNEL, "path": "notebooks"})
        self.addCleanup(lambda: self.server.request("DELETE", f"/api/kernels/{kernel['id']}"))
        return kernel["id"]

    def test_100000_lines_reach_the_browser_whole_and_the_idle_status_follows(self):
        kernel_id = self.start_kernel()

        async def run():
            async with Channel(self.server, kernel_id, uuid.uuid4().hex) as channel:
                msg_id = await channel.execute(f"for (let i = 0; i < {LINES}; i++) console.log(`line ${{i}}`);")
                reply, iopub = await channel.collect(msg_id)
                text = "".join(m["content"]["text"] for m in iopub if m["msg_type"] == "stream")
                self.assertNotIn("rate exceeded", text, "jupyter_server dropped output")
                lines = text.splitlines()
                self.assertEqual(len(lines), LINES)
                self.assertEqual(lines, [f"line {i}" for i in range(LINES)])
                self.assertEqual(reply["status"], "ok")
                msg_id = await channel.execute('console.log("next")')
                _, iopub = await channel.collect(msg_id)
                self.assertEqual([m["content"]["text"] for m in iopub if m["msg_type"] == "stream"], ["next\n"])

        asyncio.run(run())

    def stop_button(self, kernel_id):
        """What JupyterLab's stop button does: POST …/interrupt (interrupt_request on control)."""
        self.server.request("POST", f"/api/kernels/{kernel_id}/interrupt")

    def test_the_stop_button_ends_each_kind_of_busy_cell_within_2_s_and_variables_survive(self):
        kernel_id = self.start_kernel()
        busy_cells = {
            "a synchronous loop": "let n = 0;\nwhile (true) { n++; }",
            "a loop in an async function after its await": "async function spin() { await null; while (true) {} }\nawait spin();",
            "a timer callback loop (the cell waits on a timer meanwhile)":
                "setInterval(() => { const t = Date.now(); while (Date.now() - t < 1e9) {} }, 0);\nawait new Promise((r) => setTimeout(r, 60_000));",
        }

        async def run():
            async with Channel(self.server, kernel_id, uuid.uuid4().hex) as channel:
                await channel.collect(await channel.execute("let kept = 5;"))
                for what, code in busy_cells.items():
                    busy = await channel.execute(code)
                    await asyncio.sleep(1.0)
                    started = time.monotonic()
                    self.stop_button(kernel_id)
                    reply, _ = await channel.collect(busy, timeout=30)
                    self.assertEqual(reply["ename"], "KeyboardInterrupt", what)
                    self.assertLess(time.monotonic() - started, 2.0, what)
                    _, iopub = await channel.collect(await channel.execute("kept"))
                    self.assertEqual([m["content"]["data"]["text/plain"] for m in iopub if m["msg_type"] == "execute_result"], ["5"], what)

        asyncio.run(run())

    def test_the_stop_button_while_the_cell_compiles_keeps_it_from_running(self):
        kernel_id = self.start_kernel()

        async def run():
            async with Channel(self.server, kernel_id, uuid.uuid4().hex) as channel:
                # A fresh compiler has not read the typescript package's declarations (half a
                # megabyte): the cell is still compiling when the stop button is pressed; it would
                # then loop forever.
                busy = await channel.execute('import * as ts from "typescript";\nconsole.log("ran", typeof ts);\nlet spin = 0;\nwhile (true) { spin++; }')
                while json.loads(await channel.ws.read_message()).get("msg_type") != "execute_input":
                    pass
                self.stop_button(kernel_id)
                reply, iopub = await channel.collect(busy, timeout=60)
                self.assertEqual(reply["ename"], "KeyboardInterrupt")
                self.assertIn("before it ran", reply["evalue"])
                self.assertEqual([m for m in iopub if m["msg_type"] == "stream"], [], "the cell never ran")
                reply, _ = await channel.collect(await channel.execute("spin"))
                self.assertIn("Cannot find name 'spin'", reply["evalue"], "and later cells do not see its names")

        asyncio.run(run())

    def test_a_browser_that_reconnects_with_its_session_gets_replies(self):
        kernel_id = self.start_kernel()
        session = uuid.uuid4().hex

        async def run():
            async with Channel(self.server, kernel_id, session) as first:
                reply, _ = await first.collect(await first.execute("1 + 1"))
                self.assertEqual(reply["status"], "ok")
                async with Channel(self.server, kernel_id, session) as second:
                    reply, iopub = await second.collect(await second.execute("2 + 2"), timeout=30)
                    self.assertEqual(reply["status"], "ok")
                    self.assertEqual([m["content"]["data"]["text/plain"] for m in iopub if m["msg_type"] == "execute_result"], ["4"])

        asyncio.run(run())


if __name__ == "__main__":
    unittest.main()
