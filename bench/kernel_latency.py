#!/usr/bin/python3
"""Kernel start-up and per-cell latency, measured the way a notebook front end sees them.

For one Jupyter kernel (by kernelspec name) this starts the kernel `--starts` times (time from
launching the process until it answers a kernel_info request: what a user waits for when opening a
notebook), and in the last started kernel executes a trivial cell `--cells` times (time from
sending execute_request until the kernel reports idle again: the fixed cost of every cell).
Prints one JSON document: {"kernel", "cell": code, "startupMs": [...], "firstCellMs": [...] (the
first cell after each start), "cellMs": [...]}.

Usage: /usr/bin/python3 bench/kernel_latency.py --kernel python3 [--starts 3] [--cells 30]
       JUPYTER_PATH=/work/main /usr/bin/python3 bench/kernel_latency.py --kernel nn-basics-ts
"""
import argparse
import json
import sys
import time

from jupyter_client.manager import KernelManager

# A trivial cell in each language: the time is the kernel's per-cell overhead, not the work.
TRIVIAL_CELL = {"python3": "1 + 1", "nn-basics-ts": "1 + 1;"}


def run_cell(client, code, timeout=60):
    """Executes code; returns (milliseconds until idle, error text or None)."""
    start = time.perf_counter()
    msg_id = client.execute(code, store_history=False)
    error = None
    while True:
        msg = client.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "error":
            error = "\n".join(msg["content"].get("traceback", [])) or msg["content"].get("evalue")
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return (time.perf_counter() - start) * 1e3, error


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kernel", required=True)
    parser.add_argument("--starts", type=int, default=3)
    parser.add_argument("--cells", type=int, default=30)
    args = parser.parse_args()
    code = TRIVIAL_CELL.get(args.kernel, "1 + 1")
    startup, first_cell, cells = [], [], []
    for attempt in range(args.starts):
        km = KernelManager(kernel_name=args.kernel)
        start = time.perf_counter()
        km.start_kernel()
        client = km.client()
        client.start_channels()
        try:
            client.wait_for_ready(timeout=120)
            startup.append((time.perf_counter() - start) * 1e3)
            # The first cell may load the language's compiler: reported apart from the per-cell cost.
            ms, error = run_cell(client, code)
            if error:
                sys.exit(f"kernel {args.kernel}: the trivial cell {code!r} failed: {error}")
            first_cell.append(ms)
            if attempt == args.starts - 1:
                for _ in range(args.cells):
                    ms, error = run_cell(client, code)
                    if error:
                        sys.exit(f"kernel {args.kernel}: the trivial cell {code!r} failed: {error}")
                    cells.append(ms)
        finally:
            client.stop_channels()
            km.shutdown_kernel(now=True)
    json.dump({"kernel": args.kernel, "cell": code, "startupMs": startup, "firstCellMs": first_cell, "cellMs": cells}, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
