import { strict as assert } from "assert";
import { tf } from "../backend";
import { assertValidVegaLite, type Row } from "../../test/fixtures/vegaLite";
import { costCurvesSpec } from "./costCurves";

describe("costCurvesSpec", () => {
  it("plots one history per hundred iterations with the course's axis titles", () => {
    const spec = costCurvesSpec([0.69, 0.5, 0.4]);
    assertValidVegaLite(spec);
    const enc = (spec as any).encoding;
    assert.equal(enc.x.title, "iterations (per hundreds)");
    assert.equal(enc.y.title, "cost J");
    assert.equal(enc.color.legend, null);
    assert.deepEqual((spec as any).data.values.map((r: Row) => [r.step, r.cost]), [[0, 0.69], [1, 0.5], [2, 0.4]]);
  });

  it("puts several learning rates on one chart with a 'learning rate' legend", () => {
    const spec = costCurvesSpec({ "0.01": [0.7, 0.3], "0.001": tf.tensor1d([0.7, 0.6]), "0.0001": [0.7, 0.69] });
    assertValidVegaLite(spec);
    const enc = (spec as any).encoding;
    assert.deepEqual(enc.color.scale.domain, ["0.01", "0.001", "0.0001"]);
    assert.equal(enc.color.legend.title, "learning rate");
    assert.equal((spec as any).data.values.length, 6);
    const named = costCurvesSpec([{ name: "train", costs: [1, 0.5] }, { name: "test", costs: [1, 0.7] }], { iterationsPerPoint: 10, logScale: true });
    assertValidVegaLite(named);
    assert.equal((named as any).encoding.color.legend.title, null);
    assert.equal((named as any).encoding.x.title, "iterations");
    assert.deepEqual((named as any).data.values.map((r: Row) => r.step), [0, 10, 0, 10]);
  });

  it("refuses costs it cannot draw", () => {
    assert.throws(() => costCurvesSpec([]), /costCurvesSpec: no costs to plot/);
    assert.throws(() => costCurvesSpec([1, NaN]), /costCurvesSpec: costs\[1\] must be a number, got NaN/);
    assert.throws(() => costCurvesSpec([1, 0], { logScale: true }), /cost 0 at point 1 of "cost" cannot be plotted on a log scale/);
  });
});
