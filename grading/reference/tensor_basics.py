#!/usr/bin/python3
"""Float64 numpy reference for the grader's checks of notebook 17 (tensor basics).

The routines are the course's "Python Basics with Numpy" solutions, written the way the course
writes them. The script asserts the course's published example outputs (so a wrong reference
cannot be written), then adds edge cases and seeded random cases generated HERE with numpy's
default_rng, so the fixture is self-contained. Output: grading/fixtures/tensor_basics.json,
read by grading/checks/17-tensor-basics/*.

Regenerate:  /usr/bin/python3 grading/reference/tensor_basics.py
"""
import math
import numpy as np

from reference_paths import GRADING_FIXTURES
from course import (L1, L2, close, image2vector, normalize_rows, sigmoid, sigmoid_derivative,
                    softmax, tolist, write_json)

SEED = 1717
OUT = GRADING_FIXTURES / "tensor_basics.json"


def basic_sigmoid(x):
    """The course's Exercise 2: one number, with math.exp (a list raises TypeError)."""
    return 1 / (1 + math.exp(-x))


def case(name, inputs, expected):
    return {"name": name, "inputs": tolist(inputs), "expected": tolist(expected)}


def main():
    rng = np.random.default_rng(SEED)
    fx = {}

    t_x = np.array([1.0, 2.0, 3.0])
    assert close(sigmoid(t_x), [0.73105858, 0.88079708, 0.95257413])
    z = rng.normal(0.0, 3.0, size=(4, 6))
    fx["sigmoid"] = [
        case("the course's example sigmoid([1, 2, 3])", {"z": t_x}, sigmoid(t_x)),
        case("a scalar (rank-0 tensor) 0", {"z": np.array(0.0)}, sigmoid(np.array(0.0))),
        case("large |z| (saturation): [-30, -10, 10, 30]", {"z": np.array([-30.0, -10.0, 10.0, 30.0])},
             sigmoid(np.array([-30.0, -10.0, 10.0, 30.0]))),
        case("a random (4, 6) matrix", {"z": z}, sigmoid(z)),
    ]

    assert close(sigmoid_derivative(t_x), [0.19661193, 0.10499359, 0.04517666])
    x2 = rng.normal(0.0, 2.0, size=(3, 5))
    fx["sigmoidDerivative"] = [
        case("the course's example sigmoid_derivative([1, 2, 3])", {"x": t_x}, sigmoid_derivative(t_x)),
        case("at 0 the slope is 1/4", {"x": np.array([0.0])}, sigmoid_derivative(np.array([0.0]))),
        case("a random (3, 5) matrix", {"x": x2}, sigmoid_derivative(x2)),
    ]

    t_image = np.array([[[0.67826139, 0.29380381], [0.90714982, 0.52835647], [0.4215251, 0.45017551]],
                        [[0.92814219, 0.96677647], [0.85304703, 0.52351845], [0.19981397, 0.27417313]],
                        [[0.60659855, 0.00533165], [0.10820313, 0.49978937], [0.34144279, 0.94630077]]])
    image_r = rng.uniform(0.0, 1.0, size=(4, 5, 3))
    fx["image2vector"] = [
        case("the course's (3, 3, 2) image", {"image": t_image}, image2vector(t_image)),
        case("a random (4, 5, 3) image (height != width)", {"image": image_r}, image2vector(image_r)),
        case("a (1, 1, 1) image", {"image": np.array([[[0.5]]])}, image2vector(np.array([[[0.5]]]))),
    ]

    t_x2 = np.array([[0.0, 3.0, 4.0], [1.0, 6.0, 4.0]])
    assert close(normalize_rows(t_x2), [[0.0, 0.6, 0.8], [0.13736056, 0.82416338, 0.54944226]])
    xr = rng.normal(0.0, 2.0, size=(5, 4))
    row = np.array([[3.0, -4.0]])
    fx["normalizeRows"] = [
        case("the course's example [[0, 3, 4], [1, 6, 4]]", {"x": t_x2}, normalize_rows(t_x2)),
        case("one row [[3, -4]]", {"x": row}, normalize_rows(row)),
        case("a random (5, 4) matrix", {"x": xr}, normalize_rows(xr)),
    ]

    t_xs = np.array([[9.0, 2.0, 5.0, 0.0, 0.0], [7.0, 5.0, 0.0, 0.0, 0.0]])
    assert close(softmax(t_xs), [[9.80897665e-01, 8.94462891e-04, 1.79657674e-02, 1.21052389e-04, 1.21052389e-04],
                                 [8.78679856e-01, 1.18916387e-01, 8.01252314e-04, 8.01252314e-04, 8.01252314e-04]])
    xs_r = rng.normal(0.0, 2.0, size=(4, 6))
    fx["softmax"] = [
        case("the course's (2, 5) example", {"x": t_xs}, softmax(t_xs)),
        case("one row [[1, 2, 3]]", {"x": np.array([[1.0, 2.0, 3.0]])}, softmax(np.array([[1.0, 2.0, 3.0]]))),
        case("equal entries give equal probabilities", {"x": np.full((3, 4), 2.5)}, softmax(np.full((3, 4), 2.5))),
        case("a random (4, 6) matrix", {"x": xs_r}, softmax(xs_r)),
    ]

    yhat = np.array([0.9, 0.2, 0.1, 0.4, 0.9])
    y = np.array([1.0, 0.0, 0.0, 1.0, 1.0])
    assert close(L1(yhat, y), 1.1) and close(L2(yhat, y), 0.43)
    yhat_r = rng.uniform(0.0, 1.0, size=40)
    y_r = (rng.uniform(0.0, 1.0, size=40) > 0.5).astype(np.float64)
    # The fixture keys stay "l1" / "l2" (the grader reads them by those names).
    for name, f in (("l1", L1), ("l2", L2)):
        fx[name] = [
            case("the course's example", {"yhat": yhat, "y": y}, f(yhat, y)),
            case("a perfect prediction costs 0", {"yhat": y, "y": y}, f(y, y)),
            case("40 random predictions", {"yhat": yhat_r, "y": y_r}, f(yhat_r, y_r)),
        ]

    # --- basic_sigmoid (scalar math.exp): drawn from a second generator so the cases above keep
    # their random draws ---
    assert close(basic_sigmoid(1), 0.7310585786300049)
    rng_scalar = np.random.default_rng(SEED + 1)
    xs = [1.0, 0.0, -3.5, 20.0, -20.0] + [float(v) for v in rng_scalar.normal(0.0, 4.0, size=3)]
    fx["basicSigmoid"] = [case(f"basicSigmoid({x!r})", {"x": x}, basic_sigmoid(x)) for x in xs]

    doc = {"generator": "grading/reference/tensor_basics.py", "numpy": np.__version__, "seed": SEED, "fixtures": fx}
    write_json(OUT, doc)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
