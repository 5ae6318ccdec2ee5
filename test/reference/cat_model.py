#!/usr/bin/python3
"""Float64 numpy reference for the course's cat / non-cat logistic regression model.

Reads the course's h5 files (never copied into the repo) from $COURSE_DATA_DIR/catvnoncat/ (or the
folder given as argv[1], which must CONTAIN catvnoncat/), preprocesses them exactly as the course
does (flatten to (12288, m) with reshape(m, -1).T, divide by 255), trains model() for 2000
iterations at learning rate 0.005 in float64, and writes test/fixtures/cat_model.json with only the
20 recorded costs and the two accuracies (no image data).

Regenerate:  COURSE_DATA_DIR=/work/shared/datasets /usr/bin/python3 test/reference/cat_model.py
"""
import os
import pathlib
import sys

import numpy as np

from course import FIXTURES, accuracy, flatten_and_standardize, load_dataset, model, write_json

OUT = FIXTURES / "cat_model.json"
NUM_ITERATIONS = 2000
LEARNING_RATE = 0.005
# What the course's notebook prints for this run (print_cost=True), to 6 decimals.
COURSE_COSTS = [0.693147, 0.584508, 0.466949, 0.376007, 0.331463, 0.303273, 0.279880, 0.260042,
                0.242941, 0.228004, 0.214820, 0.203078, 0.192544, 0.183033, 0.174399, 0.166521,
                0.159305, 0.152667, 0.146542, 0.140872]


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else os.environ.get("COURSE_DATA_DIR", ""))
    base = root / "catvnoncat"
    if not (base / "train_catvnoncat.h5").exists():
        sys.exit(f"course data not found in {base}: set COURSE_DATA_DIR to the folder containing catvnoncat/")
    train_x_orig, train_y, test_x_orig, test_y, _classes = load_dataset(base)
    train_x = flatten_and_standardize(train_x_orig)
    test_x = flatten_and_standardize(test_x_orig)

    d = model(train_x, train_y, test_x, test_y, num_iterations=NUM_ITERATIONS, learning_rate=LEARNING_RATE)
    costs = d["costs"]
    train_acc = accuracy(d["Y_prediction_train"], train_y)
    test_acc = accuracy(d["Y_prediction_test"], test_y)
    # The reference must reproduce the course's published run before it is trusted.
    assert [round(c, 6) for c in costs] == COURSE_COSTS, costs
    assert (train_acc, test_acc) == (99.04306220095694, 70.0), (train_acc, test_acc)

    doc = {
        "generator": "test/reference/cat_model.py",
        "numpy": np.__version__,
        "numIterations": NUM_ITERATIONS,
        "learningRate": LEARNING_RATE,
        "mTrain": int(train_x.shape[1]),
        "mTest": int(test_x.shape[1]),
        "nX": int(train_x.shape[0]),
        "costs": costs,
        "courseCosts": COURSE_COSTS,
        "trainAccuracy": train_acc,
        "testAccuracy": test_acc,
    }
    write_json(OUT, doc)
    print(f"wrote {OUT}: train {train_acc} %, test {test_acc} %")


if __name__ == "__main__":
    main()
