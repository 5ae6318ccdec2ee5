import { strict as assert } from "assert";
import * as message from "./messages";

describe("messages", () => {
  it("name the function, the argument and both shapes, with the rank-1 and transposed fixes", () => {
    assert.equal(message.wrongShape("propagate", "w", [3, 1], [3]), "propagate: w must have shape (3, 1), got (3,) — a rank-1 array; reshape it to (3, 1)");
    assert.equal(message.wrongShape("propagate", "Y", [1, null], [4]), "propagate: Y must have shape (1, ?), got (4,) — a rank-1 array; reshape it to (1, 4)");
    assert.equal(message.wrongShape("softmax", "x", [null, null], [4]), "softmax: x must have shape (?, ?), got (4,) — a rank-1 array; it must be a rank-2 matrix");
    assert.equal(message.wrongShape("predict", "X", [2, 3], [3, 2], "to match w of shape (2, 1)"), "predict: X must have shape (2, 3) to match w of shape (2, 1), got (3, 2) — it looks transposed; use .transpose()");
    assert.equal(message.shapeAdvice([2, 2], [2, 3]), "");
    assert.equal(message.shapesDiffer("l1", "yhat", [5], "y", [5, 1]), "l1: yhat and y must have the same shape, got yhat (5,) and y (5, 1)");
    assert.equal(message.disagreeOnNx("model", "Xtrain", [12, 80], "Xtest", [5, 30], "both need one row per feature"), "model: Xtrain of shape (12, 80) and Xtest of shape (5, 30) disagree on n_x: both need one row per feature");
  });

  it("word bad arguments and disposed tensors one way", () => {
    assert.equal(message.mustBe("timeit", "repeats", "a positive integer", "0"), "timeit: repeats must be a positive integer, got 0");
    assert.equal(message.notATensor("propagate", "X", [null, null], [[1], [2]]), "propagate: X must be a tf.Tensor of shape (?, ?), got a nested JS array (2 rows)");
    assert.equal(message.notAFiniteNumber("propagate", "b", NaN), "propagate: b must be a finite number, got NaN");
    assert.match(message.notAFiniteNumber("propagate", "b", { dataSync: () => [1] }), /must be a number, got object \(for a scalar tensor t, pass t\.dataSync\(\)\[0\]\)$/);
    assert.equal(message.notFinite("propagate", "X", 2, 1, [0, 3]), "propagate: X contains 2 NaN and 1 infinite values, the first at index [0, 3]; inputs must be finite");
    assert.equal(message.disposed("dot", "b"), "dot: b has been disposed; it can no longer be used");
    assert.equal(message.describeValue(undefined), "undefined");
    assert.equal(message.describeValue("abc"), 'the string "abc"');
  });
});
