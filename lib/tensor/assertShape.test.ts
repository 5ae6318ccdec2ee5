import { strict as assert } from "assert";
import { tf } from "../backend";
import { assertShape, formatShape } from "./assertShape";
import { assertFinite, assertFiniteNumber } from "./assertFinite";

describe("assertShape", () => {
  it("writes shapes the way numpy prints them", () => {
    assert.equal(formatShape([12288, 1]), "(12288, 1)");
    assert.equal(formatShape([12288]), "(12288,)");
    assert.equal(formatShape([]), "()");
    assert.equal(formatShape([null, 1]), "(?, 1)");
  });

  it("accepts matching shapes, with null and -1 as wildcards", () => {
    const w = tf.zeros([5, 1]);
    assertShape("f", "w", w, [5, 1]);
    assertShape("f", "w", w, [null, 1]);
    assertShape("f", "w", w, [-1, -1]);
    w.dispose();
  });

  it("names the function, the argument, both shapes and the rank-1 fix", () => {
    const w = tf.zeros([12288]);
    assert.throws(
      () => assertShape("propagate", "w", w, [12288, 1]),
      { message: "propagate: w must have shape (12288, 1), got (12288,) — a rank-1 array; reshape it to (12288, 1)" },
    );
    assert.throws(
      () => assertShape("propagate", "Y", w, [1, null]),
      { message: "propagate: Y must have shape (1, ?), got (12288,) — a rank-1 array; reshape it to (1, 12288)" },
    );
    w.dispose();
  });

  it("says why a shape is expected and spots a transposed matrix", () => {
    const X = tf.zeros([3, 2]);
    assert.throws(
      () => assertShape("predict", "X", X, [2, 3], "to match w of shape (2, 1)"),
      { message: "predict: X must have shape (2, 3) to match w of shape (2, 1), got (3, 2) — it looks transposed; use .transpose()" },
    );
    X.dispose();
  });

  it("rejects non-tensors and disposed tensors", () => {
    assert.throws(() => assertShape("propagate", "X", [[1, 2], [3, 4]], [null, null]), {
      message: "propagate: X must be a tf.Tensor of shape (?, ?), got a nested JS array (2 rows)",
    });
    assert.throws(() => assertShape("propagate", "X", undefined, [2, 3]), {
      message: "propagate: X must be a tf.Tensor of shape (2, 3), got undefined",
    });
    const t = tf.zeros([2, 3]);
    t.dispose();
    assert.throws(() => assertShape("propagate", "X", t, [2, 3]), { message: "propagate: X has been disposed; it can no longer be used" });
  });
});

describe("assertFinite", () => {
  it("passes finite tensors and integer tensors without reading them back", () => {
    const x = tf.tensor2d([[1, 2], [3, 4]]);
    const before = tf.memory().numTensors;
    assertFinite("f", "x", x);
    assertFinite("f", "i", tf.tensor1d([1, 2], "int32"));
    assert.equal(tf.memory().numTensors, before + 1); // the int32 tensor only
    x.dispose();
  });

  it("names the function, the argument, the count and the first bad index", () => {
    const x = tf.tensor2d([[1, 2, 3], [4, NaN, Infinity]]);
    assert.throws(() => assertFinite("propagate", "X", x), {
      message: "propagate: X contains 1 NaN and 1 infinite values, the first at index [1, 1]; inputs must be finite",
    });
    x.dispose();
  });

  it("checks plain numbers", () => {
    assertFiniteNumber("propagate", "b", 0.5);
    assert.throws(() => assertFiniteNumber("propagate", "b", NaN), { message: "propagate: b must be a finite number, got NaN" });
    assert.throws(() => assertFiniteNumber("optimize", "learningRate", Infinity), { message: "optimize: learningRate must be a finite number, got Infinity" });
    const s = tf.scalar(1);
    assert.throws(() => assertFiniteNumber("propagate", "b", s), {
      message: "propagate: b must be a number, got object (for a scalar tensor t, pass t.dataSync()[0])",
    });
    s.dispose();
  });
});
