import { strict as assert } from "assert";
import { tf } from "../backend";
import { assertValidVegaLite, layers } from "../../test/fixtures/vegaLite";
import { functionCurvesSpec } from "./functionCurves";

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

describe("functionCurvesSpec", () => {
  it("samples each named function over the range and compiles", () => {
    const spec = functionCurvesSpec({ "σ(z)": sigmoid, "σ'(z)": (z) => sigmoid(z) * (1 - sigmoid(z)) }, { xRange: [-4, 4], samples: 9, xTitle: "z" });
    assertValidVegaLite(spec);
    const rows = layers(spec)[0].data!.values as { x: number; y: number; series: string }[];
    assert.equal(rows.length, 18);
    const sig = rows.filter((r) => r.series === "σ(z)");
    assert.deepEqual(sig.map((r) => r.x), [-4, -3, -2, -1, 0, 1, 2, 3, 4]);
    assert.equal(sig[4].y, 0.5);
    assert.equal(layers(spec)[0].encoding!.x.title, "z");
    assert.deepEqual(layers(spec)[0].encoding!.color.scale.domain, ["σ(z)", "σ'(z)"]);
  });

  it("takes given points, drops non-finite samples, marks labelled points", () => {
    const spec = functionCurvesSpec(
      [
        { name: "log", f: Math.log },
        { name: "data", x: tf.tensor1d([1, 2]), y: [3, 4] },
      ],
      { xRange: [0, 2], samples: 3, points: [{ x: 1, y: 0, label: "log 1 = 0" }] },
    );
    assertValidVegaLite(spec);
    const rows = layers(spec)[0].data!.values as { x: number; y: number; series: string }[];
    assert.deepEqual(rows.filter((r) => r.series === "log").map((r) => r.x), [1, 2]);
    assert.deepEqual(rows.filter((r) => r.series === "data"), [{ x: 1, y: 3, series: "data" }, { x: 2, y: 4, series: "data" }]);
    assert.equal(layers(spec).length, 3);
  });

  it("rejects bad input with the builder's name", () => {
    assert.throws(() => functionCurvesSpec([]), /functionCurvesSpec: give at least one function/);
    assert.throws(() => functionCurvesSpec({ f: sigmoid }, { xRange: [2, 1] }), /functionCurvesSpec: xRange must be \[low, high\]/);
    assert.throws(() => functionCurvesSpec([{ name: "p", x: [1, 2], y: [1] }]), /series "p" has 2 x values but 1 y values/);
  });
});
