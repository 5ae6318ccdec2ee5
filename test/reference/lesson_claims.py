#!/usr/bin/python3
"""float64 numpy reference for what the lessons say about gradient descent runs they do not print.

Lesson 16 trains from w = 0 with alpha = 0.002 instead of the assignment's 0.005, and says why: on the
cat images, steps of 0.005 overshoot in the first few dozen iterations (J goes up and down) while the
assignment's prints every 100 iterations fall steadily; with 0.002 every step lowers J on either
dataset. Writes test/fixtures/lesson_claims.json with the cost sequences the test checks that against:
  - "cat_0.005": J at iterations 0..60 and at 0, 100, ..., 2000 (the assignment's prints);
  - "cat_0.002", "digits_0.002": J at iterations 0..200 (lesson 16's 20 stretches of 10).
The digits are the kit's default dataset, rebuilt as data_digits.py rebuilds it. Needs the course's
files (COURSE_DATA_DIR or argv[1], the folder that contains catvnoncat/).

Regenerate:  COURSE_DATA_DIR=/work/shared/datasets /usr/bin/python3 test/reference/lesson_claims.py
"""
import os
import pathlib
import sys

import numpy as np

import data_digits
from course import FIXTURES, flatten_and_standardize, load_dataset, propagate, tolist, write_json

OUT = FIXTURES / "lesson_claims.json"


def costs(X, Y, learning_rate, iterations):
    """J at iterations 0..iterations of gradient descent from w = 0, b = 0 (the cost before each step)."""
    w, b, out = np.zeros((X.shape[0], 1)), 0.0, []
    for _ in range(iterations + 1):
        grads, cost = propagate(w, b, X, Y)
        out.append(cost)
        w, b = w - learning_rate * grads["dw"], b - learning_rate * grads["db"]
    return np.array(out)


def main():
    base = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else os.environ["COURSE_DATA_DIR"])
    train_x, train_y, _, _, _ = load_dataset(base / "catvnoncat")
    X_cat, Y_cat = flatten_and_standardize(train_x), train_y.astype(float)
    images = {d: data_digits.digit_bytes(d) for d in range(10)}
    digits, Y_digits, _ = data_digits.build(images, "train")
    # as the lib loads them: gray repeated in 3 channels, then flattened and standardized
    X_digits = flatten_and_standardize(np.repeat(digits[..., None], 3, axis=3))
    cat_fast = costs(X_cat, Y_cat, 0.005, 2000)
    write_json(OUT, {
        "generator": "test/reference/lesson_claims.py",
        "cat_0.005": {"first": tolist(cat_fast[:61]), "every_100": tolist(cat_fast[::100])},
        "cat_0.002": tolist(costs(X_cat, Y_cat, 0.002, 200)),
        "digits_0.002": tolist(costs(X_digits, Y_digits, 0.002, 200)),
    })
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
