import { strict as assert } from "assert";
import { tf } from "../backend";
import { assertAllClose } from "../../test/fixtures/fixtures";
import { assertValidVegaLite, layers } from "../../test/fixtures/vegaLite";
import { decisionBoundarySpec } from "./decisionBoundary";

describe("decisionBoundarySpec", () => {
  let X: tf.Tensor2D;
  let Y: tf.Tensor2D;
  before(() => {
    X = tf.tensor2d([[1, 2, 3, 4], [1, 3, 2, 4]]);
    Y = tf.tensor2d([[0, 0, 1, 1]]);
  });
  after(() => tf.dispose([X, Y]));

  it("draws the points by class and the line w₁x₁ + w₂x₂ + b = 0 across the plot", () => {
    const w = tf.tensor2d([[1], [2]]);
    const spec = decisionBoundarySpec({ X, Y, w, b: -7.5 }, { featureNames: ["petal length", "petal width"], classNames: ["versicolor", "virginica"] });
    w.dispose();
    assertValidVegaLite(spec);
    const all = layers(spec);
    const line = all[2].data!.values as { x1: number; x2: number }[];
    for (const p of line) assertAllClose([1 * p.x1 + 2 * p.x2 - 7.5], [0], "on the line", { atol: 1e-12 });
    // the shading above the line (w₂ > 0) is class 1's color
    assert.equal((all[0].mark as { color: string }).color, (all[3].encoding!.color.scale.range as string[])[1]);
    const points = all[3].data!.values as { x1: number; x2: number; class: string }[];
    assert.deepEqual(points.map((p) => p.class), ["versicolor", "versicolor", "virginica", "virginica"]);
    assert.equal(all[3].encoding!.x.title, "petal length");
    assert.equal(all[3].encoding!.y.title, "petal width");
  });

  it("handles a vertical boundary (w₂ = 0), no boundary, and no shading", () => {
    const vertical = decisionBoundarySpec({ X: X.arraySync() as number[][], Y: [0, 0, 1, 1], w: [2, 0], b: -5 });
    assertValidVegaLite(vertical);
    const rule = layers(vertical)[2];
    assert.equal((rule.mark as { type: string }).type, "rule");
    assert.deepEqual(rule.data!.values, [{ x1: 2.5 }]);
    const scatter = decisionBoundarySpec({ X, Y });
    assertValidVegaLite(scatter);
    assert.equal(layers(scatter).length, 1);
    assert.equal(layers(decisionBoundarySpec({ X, Y, w: [1, 1], b: -4 }, { shade: false })).length, 2);
  });

  it("names shape mismatches", () => {
    assert.throws(() => decisionBoundarySpec({ X: [[1, 2]], Y: [0, 1] }), /decisionBoundarySpec: X must be \(2, m\), one row per feature, got \(1, 2\)/);
    assert.throws(() => decisionBoundarySpec({ X, Y: [0, 1] }), /X is \(2, 4\) but Y has 2 labels/);
    assert.throws(() => decisionBoundarySpec({ X, Y, w: [1, 2, 3], b: 0 }), /w must have 2 entries/);
  });
});
