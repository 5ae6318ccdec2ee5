#!/usr/bin/python3
"""Float64 numpy reference for lib/tensor (the course's "Python Basics with Numpy" exercises).

Writes test/fixtures/tensor_basics.json: for every routine, the course's own example inputs plus
seeded random inputs (generated HERE with numpy's default_rng, so the fixture is self-contained),
each with the expected output computed the way the course's solution computes it.

Regenerate:  /usr/bin/python3 test/reference/tensor_basics.py
"""
import numpy as np

from course import FIXTURES, L1, L2, image2vector, normalize_rows, sigmoid, sigmoid_derivative, tolist, write_json

SEED = 20240601
OUT = FIXTURES / "tensor_basics.json"


def softmax(x):
    # The course's version (course.softmax) is exp(x) / row sums; shifting by the row max is the same
    # number in exact arithmetic and keeps the float64 reference finite for the large-input case below.
    x_exp = np.exp(x - np.max(x, axis=1, keepdims=True))
    return x_exp / np.sum(x_exp, axis=1, keepdims=True)


def case(inputs, expected, note=""):
    out = {"inputs": tolist(inputs), "expected": tolist(expected)}
    if note:
        out["note"] = note
    return out


def main():
    rng = np.random.default_rng(SEED)
    fixtures = {}

    # sigmoid: the course's example, then random values including large |z| (saturation).
    x = np.array([1.0, 2.0, 3.0])
    z = rng.normal(0.0, 4.0, size=(4, 5))
    z[0, 0], z[0, 1] = 30.0, -30.0
    fixtures["sigmoid"] = [
        case({"z": x}, sigmoid(x), "course: sigmoid([1,2,3]) = [0.73105858, 0.88079708, 0.95257413]"),
        case({"z": z}, sigmoid(z), "random (4, 5), sd 4, with +-30"),
    ]
    scalars = [0.0, 1.0, -2.5, 12.0, -40.0]
    fixtures["sigmoidScalar"] = [case({"z": s}, float(sigmoid(s))) for s in scalars]

    z2 = rng.normal(0.0, 3.0, size=(3, 6))
    fixtures["sigmoidDerivative"] = [
        case({"x": x}, sigmoid_derivative(x), "course: [0.19661193, 0.10499359, 0.04517666]"),
        case({"x": z2}, sigmoid_derivative(z2), "random (3, 6)"),
    ]
    fixtures["sigmoidDerivativeScalar"] = [case({"x": s}, float(sigmoid_derivative(s))) for s in scalars]

    image = np.array([[[0.67826139, 0.29380381], [0.90714982, 0.52835647], [0.4215251, 0.45017551]],
                      [[0.92814219, 0.96677647], [0.85304703, 0.52351845], [0.19981397, 0.27417313]],
                      [[0.60659855, 0.00533165], [0.10820313, 0.49978937], [0.34144279, 0.94630077]]])
    image_r = rng.uniform(0.0, 1.0, size=(5, 4, 3))
    fixtures["image2vector"] = [
        case({"image": image}, image2vector(image), "course's (3, 3, 2) image"),
        case({"image": image_r}, image2vector(image_r), "random (5, 4, 3) image"),
    ]

    xn = np.array([[0.0, 3.0, 4.0], [1.0, 6.0, 4.0]])
    xr = rng.normal(0.0, 2.0, size=(6, 4))
    fixtures["normalizeRows"] = [
        case({"x": xn}, normalize_rows(xn), "course: [[0, 0.6, 0.8], [0.13736056, 0.82416338, 0.54944226]]"),
        case({"x": xr}, normalize_rows(xr), "random (6, 4)"),
    ]

    xs = np.array([[9.0, 2.0, 5.0, 0.0, 0.0], [7.0, 5.0, 0.0, 0.0, 0.0]])
    xs_r = rng.normal(0.0, 1.0, size=(5, 7))
    xs_big = rng.normal(0.0, 1.0, size=(3, 4)) * 60.0 + 200.0  # exp overflows float32 without the shift
    fixtures["softmax"] = [
        case({"x": xs}, softmax(xs), "course's (2, 5) example"),
        case({"x": xs_r}, softmax(xs_r), "random (5, 7)"),
        case({"x": xs_big}, softmax(xs_big), "large entries (~200 +- 60): needs the max shift in float32"),
    ]

    yhat = np.array([0.9, 0.2, 0.1, 0.4, 0.9])
    y = np.array([1.0, 0.0, 0.0, 1.0, 1.0])
    yhat_r = rng.uniform(0.0, 1.0, size=50)
    y_r = (rng.uniform(0.0, 1.0, size=50) > 0.5).astype(np.float64)
    fixtures["L1"] = [
        case({"yhat": yhat, "y": y}, L1(yhat, y), "course: 1.1"),
        case({"yhat": yhat_r, "y": y_r}, L1(yhat_r, y_r), "random, 50 entries"),
    ]
    fixtures["L2"] = [
        case({"yhat": yhat, "y": y}, L2(yhat, y), "course: 0.43"),
        case({"yhat": yhat_r, "y": y_r}, L2(yhat_r, y_r), "random, 50 entries"),
    ]

    doc = {
        "generator": "test/reference/tensor_basics.py",
        "numpy": np.__version__,
        "seed": SEED,
        "fixtures": fixtures,
    }
    write_json(OUT, doc)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
