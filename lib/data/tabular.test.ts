import { strict as assert } from "assert";
import { tf } from "../backend";
import { assertTensorClose, loadFixture, type Nested } from "../../test/fixtures/fixtures";
import { caloriesTable, IRIS_CLASSES, IRIS_FEATURES, irisTable, tableToXY } from "./tabular";

const fixture = loadFixture<{
  calories: { A: number[][]; percentages: number[][] };
  iris: { X: number[][]; Y: number[][] };
}>("data_tabular");

describe("caloriesTable", () => {
  it("is the course's table: rows Carb/Protein/Fat, columns Apples/Beef/Eggs/Potatoes, float32", () => {
    const df = caloriesTable();
    assert.deepEqual(df.index, ["Carb", "Protein", "Fat"]);
    assert.deepEqual(df.columns, ["Apples", "Beef", "Eggs", "Potatoes"]);
    assert.deepEqual(df.dtypes, ["float32", "float32", "float32", "float32"]);
    const A = df.tensor as tf.Tensor2D;
    assertTensorClose(A, fixture.calories.A as Nested, "A");
    // The lecture's computation, on the table's tensor: percentages of calories per food.
    const percentages = tf.tidy(() => A.div(A.sum(0).reshape([1, 4])).mul(100));
    assertTensorClose(percentages, fixture.calories.percentages as Nested, "100 * A / cal", { rtol: 1e-5, atol: 1e-5 });
    tf.dispose([A, percentages]);
  });
});

describe("irisTable / tableToXY", () => {
  it("has 100 flowers, versicolor (y = 0) and virginica (y = 1), two petal features", () => {
    const df = irisTable();
    assert.deepEqual(df.shape, [100, 4]);
    assert.deepEqual(df.columns, [...IRIS_FEATURES, "species", "y"]);
    const species = df.column("species").values as string[];
    const y = df.column("y").values as number[];
    assert.deepEqual(species.map((s) => IRIS_CLASSES.indexOf(s as (typeof IRIS_CLASSES)[number])), y);
    assert.equal(y.filter((v) => v === 1).length, 50);
  });

  it("gives X (2, m) and Y (1, m) in the course's layout, equal to the numpy reference", () => {
    const { X, Y } = tableToXY(irisTable(), IRIS_FEATURES, "y");
    assert.equal(X.dtype, "float32");
    assertTensorClose(X, fixture.iris.X as Nested, "X");
    assertTensorClose(Y, fixture.iris.Y as Nested, "Y");
    tf.dispose([X, Y]);
  });

  it("names missing and non-numeric columns", () => {
    const df = irisTable();
    assert.throws(() => tableToXY(df, ["petal_length", "sepal_width"], "y"), /tableToXY: the table has no column "sepal_width" \(it has: petal_length, petal_width, species, y\)/);
    assert.throws(() => tableToXY(df, ["petal_length"], "species"), /tableToXY: column "species" is not numeric/);
    assert.throws(() => tableToXY(df, [], "y"), /tableToXY: give at least one feature column/);
  });
});
