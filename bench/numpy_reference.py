#!/usr/bin/python3
"""The numpy + OpenBLAS (float64) side of `npm run bench`.

Times, in this process, the two things the course times in numpy:
  * the cat / non-cat model: propagate + gradient descent for 2000 iterations at learning rate 0.005
    on X of (12288, 209), exactly the course's code (data loading and preprocessing excluded);
  * np.dot of two vectors of 10**6 float64 numbers (the vectorization video).
Prints one JSON document on stdout (timings in milliseconds, every sample kept, the cost curve,
the accuracies, numpy's version and BLAS) for bench/run.ts to compare against.

Usage: /usr/bin/python3 bench/numpy_reference.py [--data-dir DIR] [--repeats N] [--dot-repeats N]
DIR (default $COURSE_DATA_DIR) must CONTAIN catvnoncat/. Without the course files, bench/run.ts
passes --raw-dir with the lib's default image dataset exported as raw uint8 pixels (meta.json,
train_x.u8, test_x.u8), so numpy trains on exactly the images the lib trains on.
"""
import argparse
import json
import os
import pathlib
import resource
import sys
import time

import numpy as np

# The course's float64 solutions, written once for the test fixtures (test/reference/course.py): the
# benchmark times exactly the code the fixtures come from.
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "test" / "reference"))
from course import accuracy, flatten_and_standardize, load_dataset, optimize, predict  # noqa: E402

NUM_ITERATIONS = 2000
LEARNING_RATE = 0.005
DOT_SIZE = 1_000_000


def blas_library():
    """Which BLAS numpy really loaded (Debian switches libblas.so.3 with update-alternatives)."""
    try:
        with open("/proc/self/maps") as maps:
            libs = {line.split()[-1] for line in maps if "blas" in line.lower() and "/" in line}
        return sorted(libs)
    except OSError:
        return []


def blas_threads(libs):
    """OpenBLAS's thread count (it splits each matrix-vector product over the cores), or None."""
    import ctypes

    for lib in libs:
        if os.path.basename(lib).startswith("libopenblas"):
            try:
                return int(ctypes.CDLL(lib).openblas_get_num_threads())
            except (OSError, AttributeError):
                pass
    return None


def load_cat(base):
    train_x, train_y, test_x, test_y, _classes = load_dataset(base)
    return flatten_and_standardize(train_x), train_y, flatten_and_standardize(test_x), test_y


def load_raw(raw_dir):
    """The lib's default images as exported by bench/child.ts (same layout as the course's h5)."""
    meta = json.loads((raw_dir / "meta.json").read_text())
    train_x = np.fromfile(raw_dir / "train_x.u8", dtype=np.uint8).reshape(meta["trainShape"])
    test_x = np.fromfile(raw_dir / "test_x.u8", dtype=np.uint8).reshape(meta["testShape"])
    return (flatten_and_standardize(train_x), np.array([meta["trainY"]], dtype=np.float64),
            flatten_and_standardize(test_x), np.array([meta["testY"]], dtype=np.float64))


def bench_cat(data_dir, raw_dir, repeats):
    if raw_dir:
        X, Y, X_test, Y_test = load_raw(pathlib.Path(raw_dir))
    else:
        base = pathlib.Path(data_dir or "") / "catvnoncat"
        if not data_dir or not (base / "train_catvnoncat.h5").exists():
            return {"skipped": f"course files not found in {base} (set COURSE_DATA_DIR to the folder containing catvnoncat/)"}
        X, Y, X_test, Y_test = load_cat(base)
    samples = []
    for _ in range(repeats):
        w, b = np.zeros((X.shape[0], 1)), 0.0
        start = time.perf_counter()
        params, _grads, costs = optimize(w, b, X, Y, NUM_ITERATIONS, LEARNING_RATE)
        samples.append((time.perf_counter() - start) * 1e3)
    w, b = params["w"], params["b"]
    train_acc = accuracy(predict(w, b, X), Y)
    test_acc = accuracy(predict(w, b, X_test), Y_test)
    return {
        "shape": list(X.shape),
        "numIterations": NUM_ITERATIONS,
        "learningRate": LEARNING_RATE,
        "samplesMs": samples,
        "costs": costs,
        "b": float(b),
        "trainAccuracy": train_acc,
        "testAccuracy": test_acc,
    }


def bench_dot(repeats):
    rng = np.random.default_rng(1)
    a, b = rng.random(DOT_SIZE), rng.random(DOT_SIZE)
    for _ in range(3):  # warm-up: page in the arrays, start OpenBLAS's threads
        np.dot(a, b)
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        np.dot(a, b)
        samples.append((time.perf_counter() - start) * 1e3)
    # The course's explicit loop, timed once on a tenth of the data (its time is linear in n, and long).
    start = time.perf_counter()
    total = 0.0
    for i in range(DOT_SIZE // 10):
        total += a[i] * b[i]
    loop_ms = (time.perf_counter() - start) * 1e3 * 10
    return {"n": DOT_SIZE, "samplesMs": samples, "pythonLoopMsExtrapolated": loop_ms}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", default=os.environ.get("COURSE_DATA_DIR", ""))
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--dot-repeats", type=int, default=50)
    parser.add_argument("--raw-dir", default="", help="train on raw exported images instead of the course's h5")
    parser.add_argument("--skip-cat", action="store_true")
    parser.add_argument("--skip-dot", action="store_true")
    args = parser.parse_args()
    doc = {
        "python": sys.version.split()[0],
        "numpy": np.__version__,
        "blas": blas_library(),
        "blasThreads": blas_threads(blas_library()),
        "blasEnv": {k: v for k, v in os.environ.items() if k.startswith(("OPENBLAS_", "OMP_"))},
        "dot": {"skipped": "--skip-dot"} if args.skip_dot else bench_dot(args.dot_repeats),
        "cat": {"skipped": "--skip-cat"} if args.skip_cat else bench_cat(args.data_dir, args.raw_dir, args.repeats),
        # ru_maxrss is in KiB on Linux
        "peakRssMB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    json.dump(doc, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
