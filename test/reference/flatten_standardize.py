#!/usr/bin/python3
"""numpy reference for flattenAndStandardize (lib/data/flattenAndStandardize.ts), the course's
preprocessing: X_flatten = X_orig.reshape(X_orig.shape[0], -1).T, then X_flatten / 255.

Writes test/fixtures/flatten_standardize.json:
  - "synthetic": a small uint8 image set (3 images of 2 x 2 x 3, pixel (i, r, c, ch) =
    (i * 50 + r * 20 + c * 7 + ch * 3) % 256) and its flattened, standardized float64 X;
  - "cat" (only when the course's files are found, COURSE_DATA_DIR or argv[1] containing
    catvnoncat/): shapes, the course's sanity check train_set_x_flatten[0:5, 0], a few single entries
    and every column sum of the standardized train and test X (summaries, never the images).

Regenerate:  COURSE_DATA_DIR=/work/shared/datasets /usr/bin/python3 test/reference/flatten_standardize.py
"""
import os
import pathlib
import sys

import numpy as np

from course import FIXTURES, flatten_and_standardize, load_dataset, tolist, write_json

OUT = FIXTURES / "flatten_standardize.json"
ENTRIES = [(0, 0), (1, 0), (12287, 0), (6000, 100), (12287, 208)]


def synthetic():
    i, r, c, ch = np.meshgrid(np.arange(3), np.arange(2), np.arange(2), np.arange(3), indexing="ij")
    images = ((i * 50 + r * 20 + c * 7 + ch * 3) % 256).astype(np.uint8)
    return {"images": images.tolist(), "X": tolist(flatten_and_standardize(images))}


def cat(folder):
    train_x_orig, _, test_x_orig, _, _ = load_dataset(folder)
    train_flatten = train_x_orig.reshape(train_x_orig.shape[0], -1).T
    train_x = flatten_and_standardize(train_x_orig)
    test_x = flatten_and_standardize(test_x_orig)
    return {
        "train_shape": list(train_x.shape),
        "test_shape": list(test_x.shape),
        "train_flatten_first_5_of_image_0": [int(v) for v in train_flatten[0:5, 0]],
        "train_entries": [{"index": [j, i], "value": float(train_x[j, i])} for j, i in ENTRIES],
        "train_column_sums": tolist(train_x.sum(axis=0)),
        "test_column_sums": tolist(test_x.sum(axis=0)),
    }


def main():
    base = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("COURSE_DATA_DIR")
    out = {"generator": "test/reference/flatten_standardize.py", "synthetic": synthetic()}
    folder = pathlib.Path(base) / "catvnoncat" if base else None
    if folder and (folder / "train_catvnoncat.h5").exists():
        out["cat"] = cat(folder)
    else:
        print("course files not found: the fixture has no \"cat\" part", file=sys.stderr)
    write_json(OUT, out)


if __name__ == "__main__":
    main()
