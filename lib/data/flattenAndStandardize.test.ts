import { strict as assert } from "assert";
import { tf } from "../backend";
import { assertAllClose, assertTensorClose, loadFixture, type Nested } from "../../test/fixtures/fixtures";
import { COURSE_DATA_ENV, findCatDataDir, loadCatDataset } from "./cat";
import { flattenAndStandardize } from "./flattenAndStandardize";

interface CatPart {
  train_shape: number[];
  test_shape: number[];
  train_flatten_first_5_of_image_0: number[];
  train_entries: { index: [number, number]; value: number }[];
  train_column_sums: number[];
  test_column_sums: number[];
}
const fx = loadFixture<{ synthetic: { images: number[][][][]; X: Nested }; cat?: CatPart }>("flatten_standardize");

describe("flattenAndStandardize", () => {
  it("is the course's reshape(m, -1).T / 255 (numpy reference)", () => {
    for (const dtype of ["float32", "int32"] as const) {
      const images = tf.tensor4d(fx.synthetic.images, undefined, dtype);
      const X = flattenAndStandardize(images);
      assert.equal(X.dtype, "float32");
      // int32 pixels too: tfjs's int32 div would floor every pixel below 255 to 0.
      assertTensorClose(X, fx.synthetic.X, `flattenAndStandardize(${dtype} images)`);
      tf.dispose([images, X]);
    }
  });

  it("leaves its input alone and keeps no intermediate tensors", () => {
    const images = tf.tensor4d(fx.synthetic.images);
    const before = tf.memory().numTensors;
    const X = flattenAndStandardize(images);
    assert.equal(tf.memory().numTensors, before + 1, "only X is new");
    assert.ok(!images.isDisposed);
    tf.dispose([images, X]);
  });

  it("names the function, the argument and both shapes for anything but (m, height, width, channels)", () => {
    const flat = tf.zeros([12288, 209]);
    assert.throws(
      () => flattenAndStandardize(flat as unknown as tf.Tensor4D),
      /^Error: flattenAndStandardize: images must have shape \(\?, \?, \?, \?\) — \(m, height, width, channels\), got \(12288, 209\)$/,
    );
    flat.dispose();
  });
});

describe("flattenAndStandardize: the course's cat files (numpy reference)", function () {
  before(function () {
    if (!process.env[COURSE_DATA_ENV] || !findCatDataDir()) {
      console.log(`      skipped: ${COURSE_DATA_ENV} is not set or has no catvnoncat/ (e.g. ${COURSE_DATA_ENV}=/work/shared/datasets)`);
      this.skip();
    }
    assert.ok(fx.cat, "test/fixtures/flatten_standardize.json has no cat part: regenerate it with COURSE_DATA_DIR set");
  });

  it("gives the course's shapes, its sanity check [17, 31, 56, 22, 33] × 1/255 and every column sum", async () => {
    const ref = fx.cat!;
    const ds = await loadCatDataset();
    const trainX = flattenAndStandardize(ds.trainX);
    const testX = flattenAndStandardize(ds.testX);
    try {
      assert.deepEqual(trainX.shape, ref.train_shape);
      assert.deepEqual(testX.shape, ref.test_shape);
      const [nX, m] = trainX.shape;
      const values = trainX.dataSync();
      // The course: train_set_x_flatten[0:5, 0] = [17 31 56 22 33], the first five features of image 0.
      assertAllClose(Array.from({ length: 5 }, (_, j) => values[j * m] * 255), ref.train_flatten_first_5_of_image_0, "X[0:5, 0] · 255");
      for (const { index: [j, i], value } of ref.train_entries) assertAllClose([values[j * m + i]], [value], `X[${j}, ${i}]`);
      // Summed in float64 here: a float32 sum of 12288 values would add its own rounding.
      const columnSums = (X: tf.Tensor2D) => {
        const [rows, cols] = X.shape;
        const v = X.dataSync();
        return Array.from({ length: cols }, (_, i) => {
          let sum = 0;
          for (let j = 0; j < rows; j++) sum += v[j * cols + i];
          return sum;
        });
      };
      assertAllClose(columnSums(trainX), ref.train_column_sums, "train X column sums");
      assertAllClose(columnSums(testX), ref.test_column_sums, "test X column sums");
      assert.equal(nX, 64 * 64 * 3);
    } finally {
      tf.dispose([ds.trainX, ds.trainY, ds.testX, ds.testY, trainX, testX]);
    }
  });
});
