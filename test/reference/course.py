"""The course's week-2 numpy solutions, written once, in float64, the way the assignments write them.

Imported by the reference scripts beside it (tensor_basics.py, grading_tensor_basics.py, logreg.py,
grading_logreg.py, cat_model.py), which are run as `/usr/bin/python3 test/reference/<name>.py`, so
this folder is first on sys.path. Running this file itself does nothing.

"Python Basics with Numpy": sigmoid, sigmoid_derivative, image2vector, normalize_rows, softmax,
L1, L2. "Logistic Regression with a Neural Network mindset": initialize_with_zeros, propagate,
optimize, predict, model, and the cat / non-cat data (load_dataset, flatten_and_standardize).
Plus the helpers the scripts share: FIXTURES, tolist, close, write_json.

Any change here changes every fixture these scripts write: regenerate them all and compare.
"""
import json
import pathlib

import numpy as np

FIXTURES = pathlib.Path(__file__).resolve().parents[1] / "fixtures"


# --- "Python Basics with Numpy" ---------------------------------------------------------------------
def sigmoid(x):
    """sigmoid(x) = 1 / (1 + e^(-x)), elementwise."""
    return 1 / (1 + np.exp(-x))


def sigmoid_derivative(x):
    """sigmoid'(x) = s (1 - s) with s = sigmoid(x)."""
    s = sigmoid(x)
    return s * (1 - s)


def image2vector(image):
    """An image of shape (length, height, depth) as a column vector (length * height * depth, 1)."""
    return image.reshape((image.shape[0] * image.shape[1] * image.shape[2], 1))


def normalize_rows(x):
    """Each row divided by its L2 norm: x / ||x|| with ||x|| = np.linalg.norm(x, axis=1, keepdims=True)."""
    x_norm = np.linalg.norm(x, ord=2, axis=1, keepdims=True)
    return x / x_norm


def softmax(x):
    """softmax(x)_ij = e^(x_ij) / sum_j e^(x_ij), row by row (no max shift, as the course writes it)."""
    x_exp = np.exp(x)
    return x_exp / np.sum(x_exp, axis=1, keepdims=True)


def L1(yhat, y):
    """L1(yhat, y) = sum_i |y(i) - yhat(i)|."""
    return float(np.sum(np.abs(y - yhat)))


def L2(yhat, y):
    """L2(yhat, y) = sum_i (y(i) - yhat(i))^2, written with np.dot as the course asks."""
    return float(np.sum(np.dot(y - yhat, y - yhat)))


# --- "Logistic Regression with a Neural Network mindset" --------------------------------------------
def initialize_with_zeros(dim):
    """w = zeros of shape (dim, 1), b = 0."""
    return np.zeros((dim, 1)), 0.0


def propagate(w, b, X, Y):
    """A = sigmoid(w^T X + b); J = -1/m sum(Y log A + (1 - Y) log(1 - A)); dw = 1/m X (A - Y)^T;
    db = 1/m sum(A - Y). Returns ({"dw", "db"}, cost)."""
    m = X.shape[1]
    A = sigmoid(np.dot(w.T, X) + b)
    cost = -1 / m * np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A))
    dw = 1 / m * np.dot(X, (A - Y).T)
    db = 1 / m * np.sum(A - Y)
    return {"dw": dw, "db": float(db)}, float(np.squeeze(cost))


def optimize(w, b, X, Y, num_iterations, learning_rate, record_every=100):
    """Gradient descent w := w - alpha dw, b := b - alpha db; the cost is recorded every 100 iterations
    (the course's choice; `record_every` for finer curves). Returns ({"w", "b"}, the last iteration's
    grads, costs)."""
    w = w.copy()
    costs = []
    grads = None
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        w = w - learning_rate * grads["dw"]
        b = b - learning_rate * grads["db"]
        if i % record_every == 0:
            costs.append(cost)
    return {"w": w, "b": float(b)}, grads, costs


def predict(w, b, X):
    """Yhat = A = sigmoid(w^T X + b); the prediction is 1 where A > 0.5, else 0. Shape (1, m)."""
    m = X.shape[1]
    Y_prediction = np.zeros((1, m))
    A = sigmoid(np.dot(w.T, X) + b)
    for i in range(A.shape[1]):
        Y_prediction[0, i] = 1 if A[0, i] > 0.5 else 0
    return Y_prediction


def accuracy(Y_prediction, Y):
    """The percentage the course prints: 100 - mean(|Y_prediction - Y|) * 100."""
    return float(100 - np.mean(np.abs(Y_prediction - Y)) * 100)


def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5):
    """initialize_with_zeros -> optimize -> predict on both sets; the course's dictionary d."""
    w, b = initialize_with_zeros(X_train.shape[0])
    params, grads, costs = optimize(w, b, X_train, Y_train, num_iterations, learning_rate)
    w, b = params["w"], params["b"]
    Y_prediction_test = predict(w, b, X_test)
    Y_prediction_train = predict(w, b, X_train)
    return {
        "costs": costs,
        "Y_prediction_test": Y_prediction_test,
        "Y_prediction_train": Y_prediction_train,
        "w": w,
        "b": b,
        "learning_rate": learning_rate,
        "num_iterations": num_iterations,
    }


# --- the cat / non-cat data (the course's lr_utils.load_dataset and its preprocessing) ---------------
def load_dataset(folder):
    """The course's load_dataset, from `folder` (the catvnoncat/ folder itself): the uint8 images
    (m, 64, 64, 3), labels reshaped to (1, m), and the class names."""
    import h5py  # only the cat scripts need it

    folder = pathlib.Path(folder)
    with h5py.File(folder / "train_catvnoncat.h5", "r") as f:
        train_set_x_orig = np.array(f["train_set_x"][:])
        train_set_y_orig = np.array(f["train_set_y"][:])
    with h5py.File(folder / "test_catvnoncat.h5", "r") as f:
        test_set_x_orig = np.array(f["test_set_x"][:])
        test_set_y_orig = np.array(f["test_set_y"][:])
        classes = np.array(f["list_classes"][:])
    train_set_y_orig = train_set_y_orig.reshape((1, train_set_y_orig.shape[0]))
    test_set_y_orig = test_set_y_orig.reshape((1, test_set_y_orig.shape[0]))
    return train_set_x_orig, train_set_y_orig, test_set_x_orig, test_set_y_orig, classes


def flatten_and_standardize(x_orig):
    """X_flatten = X.reshape(X.shape[0], -1).T, then / 255: images (m, h, w, c) -> (h * w * c, m)."""
    return x_orig.reshape(x_orig.shape[0], -1).T / 255.0


# --- helpers shared by the scripts ------------------------------------------------------------------
def tolist(v):
    """numpy arrays and scalars (also inside dicts, lists and tuples) as plain JSON-able Python values."""
    if isinstance(v, np.ndarray):
        return v.tolist()
    if isinstance(v, dict):
        return {k: tolist(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [tolist(x) for x in v]
    if isinstance(v, (np.floating, np.integer)):
        return v.item()
    return v


def close(a, b, rtol=1e-7, atol=1e-9):
    """Whether a matches a published course value (printed to ~8 digits) within rtol / atol."""
    return np.allclose(np.asarray(a, dtype=float), np.asarray(b, dtype=float), rtol=rtol, atol=atol)


def write_json(path, doc):
    """Write doc as the fixtures are written: indent 1, a final newline."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, indent=1) + "\n")
