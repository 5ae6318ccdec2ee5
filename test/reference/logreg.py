#!/usr/bin/python3
"""Float64 numpy reference for lib/logreg (the course's "Logistic Regression with a Neural Network
mindset" assignment).

The routines (course.py) are the course's solution written out in numpy (float64). The script reproduces
the course's published test values (and asserts them, so a wrong reference cannot be written), then
adds seeded random cases generated HERE with numpy's default_rng. Output: test/fixtures/logreg.json.

Regenerate:  /usr/bin/python3 test/reference/logreg.py
"""
import numpy as np

from course import (FIXTURES, accuracy, close, initialize_with_zeros, model, optimize, predict, propagate,
                    sigmoid, tolist, write_json)

SEED = 20240602
OUT = FIXTURES / "logreg.json"
# The published values asserted below carry 8 or more digits: hold them to 1e-8.
TOL = {"rtol": 1e-8, "atol": 1e-8}


def gradient_one_example(w, b, x, y):
    """The course's 'Logistic regression derivatives' slide, for one example x (n_x,), label y."""
    z = float(np.dot(w, x) + b)
    a = float(sigmoid(z))
    loss = -(y * np.log(a) + (1 - y) * np.log(1 - a))
    dz = a - y
    return {"z": z, "a": a, "loss": float(loss), "dz": dz, "dw": x * dz, "db": dz}


def main():
    rng = np.random.default_rng(SEED)
    fx = {}

    # --- the course's own examples (values as published in the assignment) ---
    w0, b0 = initialize_with_zeros(2)
    fx["initializeWithZeros"] = {"dim": 2, "w": tolist(w0), "b": b0}

    w = np.array([[1.0], [2.0]])
    b = 2.0
    X = np.array([[1.0, 2.0, -1.0], [3.0, 4.0, -3.2]])
    Y = np.array([[1, 0, 1]])
    grads, cost = propagate(w, b, X, Y)
    assert close(grads["dw"], [[0.99845601], [2.39507239]], **TOL) and close(grads["db"], 0.00145557813678, **TOL)
    assert close(cost, 5.801545319394553, **TOL)
    course_propagate = {"inputs": {"w": w, "b": b, "X": X, "Y": Y}, "grads": grads, "cost": cost}

    params, grads_o, costs = optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009)
    assert close(params["w"], [[0.19033591], [0.12259159]], **TOL) and close(params["b"], 1.92535983008, **TOL)
    assert close(grads_o["dw"], [[0.67752042], [1.41625495]], **TOL) and close(grads_o["db"], 0.219194504541, **TOL)
    course_optimize = {
        "inputs": {"w": w, "b": b, "X": X, "Y": Y, "numIterations": 100, "learningRate": 0.009},
        "params": params, "grads": grads_o, "costs": costs,
    }

    wp = np.array([[0.1124579], [0.23106775]])
    bp = -0.3
    Xp = np.array([[1.0, -1.1, -3.2], [1.2, 2.0, 0.1]])
    pred = predict(wp, bp, Xp)
    assert pred.tolist() == [[1.0, 1.0, 0.0]]
    course_predict = {"inputs": {"w": wp, "b": bp, "X": Xp}, "predictions": pred}

    # --- seeded random cases ---
    n_x, m = 7, 25
    w_r = rng.normal(0.0, 0.5, size=(n_x, 1))
    b_r = 0.3
    X_r = rng.normal(0.0, 1.0, size=(n_x, m))
    Y_r = (rng.uniform(size=(1, m)) < sigmoid(np.dot(w_r.T, X_r) + 0.5 * rng.normal(size=(1, m)))).astype(float)
    grads_r, cost_r = propagate(w_r, b_r, X_r, Y_r)
    random_propagate = {"inputs": {"w": w_r, "b": b_r, "X": X_r, "Y": Y_r}, "grads": grads_r, "cost": cost_r}

    params_r, grads_or, costs_r = optimize(w_r, b_r, X_r, Y_r, num_iterations=250, learning_rate=0.1)
    random_optimize = {
        "inputs": {"w": w_r, "b": b_r, "X": X_r, "Y": Y_r, "numIterations": 250, "learningRate": 0.1},
        "params": params_r, "grads": grads_or, "costs": costs_r,
    }
    random_predict = {"inputs": {"w": w_r, "b": b_r, "X": X_r}, "predictions": predict(w_r, b_r, X_r)}

    # A small separable-ish problem for model(): 2 Gaussian blobs, 12 features.
    n_m, m_tr, m_te = 12, 80, 30
    centre = rng.normal(0.0, 0.15, size=(n_m, 1))  # weak signal: accuracies well below 100 %

    def blobs(count):
        y = (rng.uniform(size=(1, count)) < 0.5).astype(float)
        x = rng.normal(0.0, 1.0, size=(n_m, count)) + np.where(y > 0, centre, -centre)
        return x, y

    Xtr, Ytr = blobs(m_tr)
    Xte, Yte = blobs(m_te)
    d = model(Xtr, Ytr, Xte, Yte, num_iterations=300, learning_rate=0.05)
    random_model = {
        "inputs": {"Xtrain": Xtr, "Ytrain": Ytr, "Xtest": Xte, "Ytest": Yte,
                   "numIterations": 300, "learningRate": 0.05},
        "costs": d["costs"],
        "w": d["w"],
        "b": d["b"],
        "predictionsTrain": d["Y_prediction_train"],
        "predictionsTest": d["Y_prediction_test"],
        "trainAccuracy": accuracy(d["Y_prediction_train"], Ytr),
        "testAccuracy": accuracy(d["Y_prediction_test"], Yte),
    }

    # One-example gradient (the 'Logistic regression derivatives' slide) for a few columns of X_r.
    one = []
    for i in (0, 3, 11):
        x_i, y_i = X_r[:, i], float(Y_r[0, i])
        one.append({"inputs": {"w": w_r[:, 0], "b": b_r, "x": x_i, "y": y_i},
                    **gradient_one_example(w_r[:, 0], b_r, x_i, y_i)})

    fx.update({
        "propagate": {"course": course_propagate, "random": random_propagate},
        "optimize": {"course": course_optimize, "random": random_optimize},
        "predict": {"course": course_predict, "random": random_predict},
        "model": {"random": random_model},
        "gradientOneExample": one,
    })
    doc = {"generator": "test/reference/logreg.py", "numpy": np.__version__, "seed": SEED,
           "fixtures": tolist(fx)}
    write_json(OUT, doc)
    print(f"wrote {OUT}")
    print("random model: costs", [round(c, 6) for c in d["costs"]], "train", random_model["trainAccuracy"],
          "test", random_model["testAccuracy"])


if __name__ == "__main__":
    main()
