"""Kernel latency and memory, measured the way a notebook front end sees them (jupyter_client).

For one kernel (by kernelspec name) this measures, and prints as one JSON document:
- startupMs: launching the process until it answers kernel_info (what opening a notebook waits for);
- firstCellMs: the first cell after start (a trivial cell), one fresh kernel per sample;
- importCellMs: a lesson's first cell, its import (TypeScript: the course library and
  `await nn.ready()`; Python: `import numpy as np`), one fresh kernel per sample;
- cells: per kind, the round trip (execute_request until idle) of distinct cells of that kind:
  trivial (`let n1 = 1` / `n1 = 1`), a library call on a small array or tensor, a type error
  (TypeScript) or a NameError (Python); each cell is new text, so nothing is served from a cache;
- history: cells that each declare a constant and a function, one after another in one session:
  the round trip of each, and the RSS of the kernel and its child processes every `--rss-every` cells.

Usage: python bench/kernel_latency.py --kernel python3|nn-basics-ts [--starts 3] [--cells 30] [--history 1000]
       (JUPYTER_PATH=<repo> finds nn-basics-ts; run from the repository root)
"""
import argparse
import json
import os
import sys
import time

from jupyter_client.manager import KernelManager

NOTEBOOKS = os.path.join(os.getcwd(), "notebooks")

CELLS = {
    "nn-basics-ts": {
        "trivial": "let n{k} = 1",
        "import": 'import * as nn from "../lib";\nconst tf = nn.tf;\nawait nn.ready();',
        "libcall": "nn.sigmoid(tf.tensor2d([[1, 2, {k}]]))",
        "error": 'let wrong{k}: number = "one";',
        "history": "const c{k} = {k};\nfunction f{k}(x: number) {{ return x + c{k}; }}",
    },
    "python3": {
        "trivial": "n{k} = 1",
        "import": "import numpy as np",
        "libcall": "1 / (1 + np.exp(-np.array([[1, 2, {k}]])))",
        "error": "undefined_name_{k}",
        "history": "c{k} = {k}\ndef f{k}(x):\n    return x + c{k}",
    },
}


def run_cell(client, code, timeout=120):
    """Executes code; returns (milliseconds until idle, error name or None)."""
    start = time.perf_counter()
    msg_id = client.execute(code, store_history=True)
    error = None
    while True:
        msg = client.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "error":
            error = msg["content"]["ename"]
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return (time.perf_counter() - start) * 1e3, error


def _children():
    """ppid -> [pid] for every process, from /proc."""
    tree = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                # pid (comm) state ppid ...: comm may hold spaces, so split after its closing ")".
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        tree.setdefault(ppid, []).append(int(entry))
    return tree


def _vm_rss_kb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def rss_mb(km):
    """Resident memory of the kernel and every process it started (the course kernel's compiler
    runs in child processes), from /proc."""
    tree, todo, total = _children(), [km.provisioner.process.pid], 0
    while todo:
        pid = todo.pop()
        total += _vm_rss_kb(pid)
        todo.extend(tree.get(pid, []))
    return total / 1024


class Kernel:
    def __init__(self, name):
        self.km = KernelManager(kernel_name=name)
        started = time.perf_counter()
        self.km.start_kernel(cwd=NOTEBOOKS)
        self.client = self.km.client()
        self.client.start_channels()
        self.client.wait_for_ready(timeout=120)
        self.startup_ms = (time.perf_counter() - started) * 1e3

    def run(self, code, expect_error=None):
        ms, error = run_cell(self.client, code)
        if error != expect_error:
            sys.exit(f"kernel {self.km.kernel_name}: {code!r} gave {error or 'no error'}, expected {expect_error or 'no error'}")
        return ms

    def close(self):
        self.client.stop_channels()
        self.km.shutdown_kernel(now=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kernel", required=True, choices=sorted(CELLS))
    parser.add_argument("--starts", type=int, default=3)
    parser.add_argument("--cells", type=int, default=30)
    parser.add_argument("--history", type=int, default=1000)
    parser.add_argument("--rss-every", type=int, default=10)
    args = parser.parse_args()
    cells = CELLS[args.kernel]
    error_name = "TSError" if args.kernel == "nn-basics-ts" else "NameError"
    out = {"kernel": args.kernel, "cellCode": cells, "startupMs": [], "firstCellMs": [], "importCellMs": [], "cells": {}, "history": {}}

    for attempt in range(args.starts):
        kernel = Kernel(args.kernel)
        out["startupMs"].append(kernel.startup_ms)
        out["firstCellMs"].append(kernel.run(cells["trivial"].format(k=0)))
        kernel.close()
        kernel = Kernel(args.kernel)
        out["startupMs"].append(kernel.startup_ms)
        out["importCellMs"].append(kernel.run(cells["import"]))
        if attempt < args.starts - 1:
            kernel.close()

    # Per-cell round trips, in the last kernel (the library imported and warm).
    for kind, expect in (("trivial", None), ("libcall", None), ("error", error_name)):
        kernel.run(cells[kind].format(k=10_000), expect)  # the first of each kind, not counted
        out["cells"][kind] = [kernel.run(cells[kind].format(k=10_001 + i), expect) for i in range(args.cells)]
    kernel.close()

    # Flat cost with history: a fresh session of declaring cells.
    kernel = Kernel(args.kernel)
    latencies, rss = [], []
    for k in range(1, args.history + 1):
        latencies.append(kernel.run(cells["history"].format(k=k)))
        if k == 1 or k % args.rss_every == 0:
            rss.append([k, rss_mb(kernel.km)])
    out["history"] = {"latencyMs": latencies, "rssMB": rss}
    kernel.close()

    json.dump(out, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
