#!/usr/bin/env python3
"""Executes one notebook through its Jupyter kernel and writes the executed copy and its HTML.

Used by `npm start` (scripts/build-reports.ts) and by the notebook tests. The source notebook is
only read: outputs go to --out-dir. Prints one JSON line with the result on stdout, e.g.
{"notebook": "...", "status": "ok" | "error", "seconds": 3.1, "cells": 12,
 "errors": [{"cell": 4, "ename": "...", "evalue": "...", "source": "..."}]}
Exit status: 0 when the run finished (whatever the notebook's status), 2 on a usage or setup error.
"""
import argparse
import json
import os
import sys
import time

os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")

import nbformat  # noqa: E402
from nbclient import NotebookClient  # noqa: E402
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError  # noqa: E402


def error_outputs(nb):
    """Every `error` output of the executed notebook, with the cell it came from."""
    found = []
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                found.append({
                    "cell": index,
                    "ename": output.get("ename", ""),
                    "evalue": output.get("evalue", ""),
                    "source": cell.get("source", "")[:400],
                })
    return found


def write_html(nb, path):
    from nbconvert import HTMLExporter

    # The kit's template (nbconvert/templates/course, found through JUPYTER_PATH=<repo>): one
    # self-contained page with the charts' SVG, formulas and diagrams that render offline.
    exporter = HTMLExporter(template_name="course")
    body, _ = exporter.from_notebook_node(nb, resources={})
    with open(path, "w", encoding="utf-8") as f:
        f.write(body)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebook")
    parser.add_argument("--out-dir", required=True)
    parser.add_argument("--html", action="store_true", help="also write <name>.html")
    parser.add_argument("--timeout", type=int, default=600, help="seconds per cell")
    parser.add_argument("--kernel", default=None, help="kernel name (default: the notebook's)")
    args = parser.parse_args()

    source = os.path.abspath(args.notebook)
    name = os.path.splitext(os.path.basename(source))[0]
    os.makedirs(args.out_dir, exist_ok=True)
    nb = nbformat.read(source, as_version=4)

    client_args = dict(timeout=args.timeout, allow_errors=False,
                       resources={"metadata": {"path": os.path.dirname(source)}})
    if args.kernel:
        client_args["kernel_name"] = args.kernel
    client = NotebookClient(nb, **client_args)

    started = time.monotonic()
    failure = None
    try:
        client.execute()
    except CellExecutionError as err:
        failure = {"ename": getattr(err, "ename", "CellExecutionError"),
                   "evalue": getattr(err, "evalue", str(err))}
    except CellTimeoutError as err:
        failure = {"ename": "CellTimeoutError", "evalue": str(err).splitlines()[0]}
    except DeadKernelError as err:
        failure = {"ename": "DeadKernelError", "evalue": str(err)}
    seconds = time.monotonic() - started

    errors = error_outputs(nb)
    if failure and not errors:
        # The kernel failed without an error output (a timeout, a dead kernel): name the cell
        # that was running, the first one without an execution count.
        running = next((i for i, c in enumerate(nb.cells)
                        if c.cell_type == "code" and c.get("execution_count") is None), None)
        errors.append({"cell": running, **failure,
                       "source": nb.cells[running].source[:400] if running is not None else ""})

    nbformat.write(nb, os.path.join(args.out_dir, name + ".ipynb"))
    if args.html:
        write_html(nb, os.path.join(args.out_dir, name + ".html"))

    print(json.dumps({
        "notebook": source,
        "status": "error" if errors else "ok",
        "seconds": round(seconds, 2),
        "cells": sum(1 for c in nb.cells if c.cell_type == "code"),
        "errors": errors,
    }))


if __name__ == "__main__":
    sys.exit(main())
