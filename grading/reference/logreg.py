#!/usr/bin/python3
"""Float64 numpy reference for the grader's checks of notebook 18 (logistic regression with a
neural-network mindset).

The routines are the course's solution written out in numpy (float64). The script asserts the
course's published example outputs (the 2021+ version of the assignment and its public tests), so a
wrong reference cannot be written, then adds edge cases and seeded random cases generated HERE with
numpy's default_rng. Output: grading/fixtures/logreg.json, read by
grading/checks/18-logistic-regression/* and by test/grading (which also checks that lib/check's
embedded course examples agree with it).

Regenerate:  /usr/bin/python3 grading/reference/logreg.py
"""
import numpy as np

from reference_paths import GRADING_FIXTURES
from course import (accuracy, close, initialize_with_zeros, model, optimize, predict, propagate,
                    sigmoid, tolist, write_json)

SEED = 1818
OUT = GRADING_FIXTURES / "logreg.json"


def activations(w, b, X):
    return sigmoid(np.dot(w.T, X) + b)


def model_case(X_train, Y_train, X_test, Y_test, num_iterations, learning_rate):
    d = model(X_train, Y_train, X_test, Y_test, num_iterations, learning_rate)
    w, b = d["w"], d["b"]
    # float32 (tfjs) must land on the same side of 0.5: keep every activation clear of it.
    margin = min(np.min(np.abs(activations(w, b, X_test) - 0.5)), np.min(np.abs(activations(w, b, X_train) - 0.5)))
    assert margin > 1e-4, margin
    return {
        "costs": d["costs"], "w": w, "b": b,
        "predictionsTest": d["Y_prediction_test"], "predictionsTrain": d["Y_prediction_train"],
        "trainAccuracy": accuracy(d["Y_prediction_train"], Y_train),
        "testAccuracy": accuracy(d["Y_prediction_test"], Y_test),
    }


def propagate_case(name, w, b, X, Y):
    grads, cost = propagate(w, b, X, Y)
    return {"name": name, "inputs": {"w": w, "b": b, "X": X, "Y": Y}, "dw": grads["dw"], "db": grads["db"], "cost": cost}


def optimize_case(name, w, b, X, Y, num_iterations, learning_rate):
    params, grads, costs = optimize(w, b, X, Y, num_iterations, learning_rate)
    return {"name": name, "inputs": {"w": w, "b": b, "X": X, "Y": Y, "numIterations": num_iterations,
                                     "learningRate": learning_rate},
            "w": params["w"], "b": params["b"], "dw": grads["dw"], "db": grads["db"], "costs": costs}


def main():
    rng = np.random.default_rng(SEED)
    fx = {}

    # --- initialize_with_zeros: the course's dim = 2, plus 1 and 7 ---
    fx["initializeWithZeros"] = [{"dim": d, "w": tolist(initialize_with_zeros(d)[0]), "b": 0.0} for d in (2, 1, 7)]

    # --- propagate: the course's example (2021+ version and the older one), an edge, random ---
    w, b = np.array([[1.0], [2.0]]), 1.5
    X = np.array([[1.0, -2.0, -1.0], [3.0, 0.5, -3.2]])
    Y = np.array([[1.0, 1.0, 0.0]])
    grads, cost = propagate(w, b, X, Y)
    assert close(grads["dw"], [[0.25071532], [-0.06604096]]) and close(grads["db"], -0.1250040450043965)
    assert close(cost, 0.15900537707692405)
    # The earlier version of the assignment's example: asserted, not emitted (its cost needs log(1 - A)
    # for A within 1e-5 of 1, where a float32 course-style solution is off by ~5e-5 relative).
    w_old, b_old = np.array([[1.0], [2.0]]), 2.0
    X_old, Y_old = np.array([[1.0, 2.0, -1.0], [3.0, 4.0, -3.2]]), np.array([[1.0, 0.0, 1.0]])
    g_old, c_old = propagate(w_old, b_old, X_old, Y_old)
    assert close(g_old["dw"], [[0.99845601], [2.39507239]]) and close(g_old["db"], 0.00145557813678) and close(c_old, 5.801545319394553)
    n_x, m = 5, 9
    w_r = rng.normal(0.0, 0.5, size=(n_x, 1))
    X_r = rng.normal(0.0, 1.0, size=(n_x, m))
    Y_r = (rng.uniform(size=(1, m)) < 0.5).astype(float)
    fx["propagate"] = [
        propagate_case("the course's example", w, b, X, Y),
        propagate_case("w = 0, b = 0: cost log 2 whatever the data", np.zeros((4, 1)), 0.0, X_r[:4, :6], Y_r[:, :6]),
        propagate_case("a random case, n_x = 5, m = 9", w_r, -0.2, X_r, Y_r),
    ]

    # --- optimize ---
    opt_course = optimize_case("the course's example: 100 iterations, learning rate 0.009", w, b, X, Y, 100, 0.009)
    assert close(opt_course["w"], [[0.80956046], [2.0508202]]) and close(opt_course["b"], 1.5948713189708588)
    assert close(opt_course["dw"], [[0.17860505], [-0.04840656]]) and close(opt_course["db"], -0.08888460336847771)
    assert close(opt_course["costs"], [0.15900538])
    fx["optimize"] = [
        opt_course,
        optimize_case("a random case: 250 iterations (costs at 0, 100, 200), learning rate 0.1", w_r, -0.2, X_r, Y_r, 250, 0.1),
        optimize_case("one iteration from zeros", np.zeros((n_x, 1)), 0.0, X_r, Y_r, 1, 0.5),
    ]

    # --- predict ---
    w_p, b_p = np.array([[0.1124579], [0.23106775]]), -0.3
    X_p = np.array([[1.0, -1.1, -3.2], [1.2, 2.0, 0.1]])
    assert predict(w_p, b_p, X_p).tolist() == [[1.0, 1.0, 0.0]]
    X_pr = rng.normal(0.0, 1.0, size=(n_x, 12))
    a_pr = activations(w_r, 0.1, X_pr)
    assert np.min(np.abs(a_pr - 0.5)) > 1e-4
    fx["predict"] = [
        {"name": "the course's example", "inputs": {"w": w_p, "b": b_p, "X": X_p}, "YPrediction": predict(w_p, b_p, X_p)},
        {"name": "w = 0, b = 0: every activation is exactly 0.5, which predicts 0 (only a > 0.5 predicts 1)",
         "inputs": {"w": np.zeros((3, 1)), "b": 0.0, "X": X_pr[:3, :4]}, "YPrediction": np.zeros((1, 4))},
        {"name": "a random case, n_x = 5, m = 12", "inputs": {"w": w_r, "b": 0.1, "X": X_pr}, "YPrediction": predict(w_r, 0.1, X_pr)},
    ]

    # --- model: the course's public model_test (np.random.seed(0) data), and a random blob problem ---
    np.random.seed(0)
    Y_m = np.array([1, 0, 0, 1, 0, 0, 1]).reshape(1, 7).astype(float)
    X_m = np.random.randn(4, 7)
    x_test = np.random.randn(4, 3)
    y_test = np.array([[0.0, 1.0, 0.0]])
    d_course = model_case(X_m, Y_m, x_test, y_test, num_iterations=50, learning_rate=0.01)
    assert close(d_course["w"], [[0.08639757], [-0.08231268], [-0.11798927], [0.12866053]])
    assert close(d_course["b"], -0.03983236094816321) and close(d_course["costs"], [0.69314718])
    assert d_course["predictionsTest"].tolist() == [[1.0, 1.0, 0.0]]
    assert d_course["predictionsTrain"].tolist() == [[1.0, 1.0, 0.0, 1.0, 0.0, 0.0, 1.0]]

    # model() with its default options (2000 iterations, learning rate 0.5, the course's defaults).
    d_defaults = model_case(X_m, Y_m, x_test, y_test, num_iterations=2000, learning_rate=0.5)

    n_b, m_tr, m_te = 6, 40, 16
    centre = rng.normal(0.0, 0.4, size=(n_b, 1))

    def blobs(count):
        y = (rng.uniform(size=(1, count)) < 0.5).astype(float)
        return rng.normal(0.0, 1.0, size=(n_b, count)) + np.where(y > 0, centre, -centre), y

    X_tr, Y_tr = blobs(m_tr)
    X_te, Y_te = blobs(m_te)
    d_blobs = model_case(X_tr, Y_tr, X_te, Y_te, num_iterations=201, learning_rate=0.05)
    fx["model"] = [
        {"name": "the course's public test: 4 features, 7 training and 3 test examples, 50 iterations, learning rate 0.01",
         "inputs": {"Xtrain": X_m, "Ytrain": Y_m, "Xtest": x_test, "Ytest": y_test, "numIterations": 50, "learningRate": 0.01},
         **d_course},
        {"name": "two random blobs: 6 features, 40 training and 16 test examples, 201 iterations, learning rate 0.05",
         "inputs": {"Xtrain": X_tr, "Ytrain": Y_tr, "Xtest": X_te, "Ytest": Y_te, "numIterations": 201, "learningRate": 0.05},
         **d_blobs},
        {"name": "the course's public test data with the default options (2000 iterations, learning rate 0.5)",
         "inputs": {"Xtrain": X_m, "Ytrain": Y_m, "Xtest": x_test, "Ytest": y_test},
         "defaults": {"numIterations": 2000, "learningRate": 0.5},
         **d_defaults},
    ]

    # --- the first exercises (sizes, flattening) and sigmoid: a second generator keeps the draws above ---
    rng2 = np.random.default_rng(SEED + 1)
    assert close(sigmoid(np.array([0.0, 2.0])), [0.5, 0.88079708])
    z = rng2.normal(0.0, 3.0, size=(3, 4))
    fx["sigmoid"] = [
        {"name": "the course's example sigmoid([0, 2])", "inputs": {"z": [0.0, 2.0]}, "expected": sigmoid(np.array([0.0, 2.0]))},
        {"name": "a random (3, 4) matrix", "inputs": {"z": z}, "expected": sigmoid(z)},
    ]
    sizes = []
    for m_train, m_test, num_px in ((7, 3, 5), (12, 4, 8), (2, 9, 3)):
        train = rng2.integers(0, 256, size=(m_train, num_px, num_px, 3))
        test = rng2.integers(0, 256, size=(m_test, num_px, num_px, 3))
        sizes.append({"name": f"{m_train} training and {m_test} test images of {num_px} x {num_px} pixels",
                      "inputs": {"trainSetXOrig": train, "testSetXOrig": test},
                      "mTrain": train.shape[0], "mTest": test.shape[0], "numPx": train.shape[1]})
    fx["datasetSizes"] = sizes
    flats = []
    for shape in ((4, 3, 3, 3), (1, 2, 2, 3), (3, 2, 5, 3)):
        images = rng2.integers(0, 256, size=shape)
        flats.append({"name": f"images of shape ({', '.join(map(str, shape))})", "inputs": {"images": images},
                      "expected": images.reshape(images.shape[0], -1).T})
    fx["flattenImages"] = flats

    doc = {"generator": "grading/reference/logreg.py", "numpy": np.__version__, "seed": SEED, "fixtures": tolist(fx)}
    write_json(OUT, doc)
    print(f"wrote {OUT}")
    print("blobs model: costs", [round(c, 6) for c in d_blobs["costs"]], "train", d_blobs["trainAccuracy"], "test", d_blobs["testAccuracy"])


if __name__ == "__main__":
    main()
