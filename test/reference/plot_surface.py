#!/usr/bin/python3
"""numpy reference for the cost-surface chart (lib/plot/specs.ts costSurfaceSpec).

The logistic cost J(w, b) = -1/m * sum(y log a + (1 - y) log(1 - a)), a = sigmoid(w x + b), of a
tiny 1-feature dataset, sampled like the chart does: np.linspace over wRange and bRange with
`resolution` points each; cells span the midpoints between grid points (half a step beyond the ends).
Writes test/fixtures/plot_surface.json: the grid, the cell edges and J[i][j] (at b[i], w[j]).

Regenerate:  /usr/bin/python3 test/reference/plot_surface.py
"""
import json
import pathlib

import numpy as np

OUT = pathlib.Path(__file__).resolve().parents[1] / "fixtures" / "plot_surface.json"
X = np.array([0.5, 1.5, 2.0, 3.0, 3.5])
Y = np.array([0, 0, 1, 0, 1])
W_RANGE = (-1.0, 3.0)
B_RANGE = (-4.0, 1.0)
RESOLUTION = 5


def cost(w, b):
    a = 1 / (1 + np.exp(-(w * X + b)))
    return float(-np.mean(Y * np.log(a) + (1 - Y) * np.log(1 - a)))


def edges(c):
    mids = (c[1:] + c[:-1]) / 2
    return np.concatenate([[c[0] - (mids[0] - c[0])], mids, [c[-1] + (c[-1] - mids[-1])]])


def main():
    w = np.linspace(*W_RANGE, RESOLUTION)
    b = np.linspace(*B_RANGE, RESOLUTION)
    out = {
        "generator": "test/reference/plot_surface.py",
        "x": X.tolist(),
        "y": Y.tolist(),
        "wRange": W_RANGE,
        "bRange": B_RANGE,
        "resolution": RESOLUTION,
        "w": w.tolist(),
        "b": b.tolist(),
        "wEdges": edges(w).tolist(),
        "bEdges": edges(b).tolist(),
        "J": [[cost(wj, bi) for wj in w] for bi in b],
    }
    OUT.write_text(json.dumps(out, indent=1) + "\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
