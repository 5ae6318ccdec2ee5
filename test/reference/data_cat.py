#!/usr/bin/python3
"""h5py reference for the cat / non-cat loader (lib/data/cat.ts).

Reads the course's h5 files (never copied into the repo) from $COURSE_DATA_DIR/catvnoncat/ (or the
folder given as argv[1], which must CONTAIN catvnoncat/) and writes test/fixtures/data_cat.json with
only summaries, never the images: shapes, dtypes, class names, every label, the pixel sum of each
image (exact integers), the pixel sum per channel of the first images, a few single pixels, and the
sha256 of each file (so a test can tell whether it reads the same files).

Regenerate:  COURSE_DATA_DIR=/work/shared/datasets /usr/bin/python3 test/reference/data_cat.py
"""
import hashlib
import json
import os
import pathlib
import sys

import h5py
import numpy as np

OUT = pathlib.Path(__file__).resolve().parents[1] / "fixtures" / "data_cat.json"
# (image, row, col, channel) positions whose raw values the test compares one by one.
PIXELS = [(0, 0, 0, 0), (0, 31, 17, 1), (1, 63, 63, 2), (7, 10, 40, 0), (-1, 5, 60, 1)]
FIRST = 5


def summarize(path, split):
    with h5py.File(path, "r") as f:
        x = np.array(f[f"{split}_set_x"][:])
        y = np.array(f[f"{split}_set_y"][:])
        classes = [c.decode() for c in f["list_classes"][:]]
    sums = x.reshape(x.shape[0], -1).astype(np.int64).sum(axis=1)
    channel_sums = x[:FIRST].astype(np.int64).sum(axis=(1, 2))
    return {
        "file": path.name,
        "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        "x_shape": list(x.shape),
        "x_dtype": str(x.dtype),
        "y_shape": list(y.shape),
        "y_dtype": str(y.dtype),
        "classes": classes,
        "labels": [int(v) for v in y.reshape(-1)],
        "image_sums": [int(s) for s in sums],
        "first_channel_sums": channel_sums.tolist(),
        "pixels": [{"index": [i, r, c, ch], "value": int(x[i, r, c, ch])} for (i, r, c, ch) in PIXELS],
        "total_sum": int(sums.sum()),
    }


def main():
    base = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else os.environ["COURSE_DATA_DIR"]) / "catvnoncat"
    out = {
        "generator": "test/reference/data_cat.py",
        "train": summarize(base / "train_catvnoncat.h5", "train"),
        "test": summarize(base / "test_catvnoncat.h5", "test"),
    }
    OUT.write_text(json.dumps(out, separators=(",", ":")) + "\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
