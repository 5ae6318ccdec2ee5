import { strict as assert } from "assert";
import { createHash } from "crypto";
import { tf } from "../backend";
import { loadFixture } from "../../test/fixtures/fixtures";
import { loadDefaultImageDataset, mulberry32, seededPermutation, type DefaultImageDataset } from "./digits";

interface SplitFixture {
  shape: number[];
  labels: number[];
  digits: number[];
  image_sums: number[];
  pixels: { index: [number, number, number]; value: number }[];
}
const fixture = loadFixture<{ train: SplitFixture; test: SplitFixture; mulberry32_seed1_first5: number[] }>("data_digits");

function dispose(ds: DefaultImageDataset) {
  tf.dispose([ds.trainX, ds.trainY, ds.testX, ds.testY]);
}

describe("loadDefaultImageDataset: 3 versus not 3 (numpy reference)", () => {
  let ds: DefaultImageDataset;
  before(() => {
    ds = loadDefaultImageDataset();
  });
  after(() => dispose(ds));

  it("has the course's layout: (m, 28, 28, 3) float32 images, (1, m) labels, two class names", () => {
    assert.deepEqual(ds.trainX.shape, [540, 28, 28, 3]);
    assert.deepEqual(ds.testX.shape, [180, 28, 28, 3]);
    assert.deepEqual(ds.trainY.shape, [1, 540]);
    assert.deepEqual(ds.testY.shape, [1, 180]);
    for (const t of [ds.trainX, ds.trainY, ds.testX, ds.testY]) assert.equal(t.dtype, "float32");
    assert.deepEqual(ds.classes, ["not 3", "3"]);
  });

  for (const split of ["train", "test"] as const) {
    it(`${split}: labels, digits, every image's pixel sum and sample pixels match the reference`, () => {
      const ref = fixture[split];
      const X = split === "train" ? ds.trainX : ds.testX;
      const Y = split === "train" ? ds.trainY : ds.testY;
      assert.deepEqual(Array.from(Y.dataSync()), ref.labels);
      assert.deepEqual(split === "train" ? ds.trainDigits : ds.testDigits, ref.digits);
      const pixels = X.dataSync() as Float32Array;
      const perImage = 28 * 28 * 3;
      ref.image_sums.forEach((expected, i) => {
        const channelSums = [0, 0, 0];
        for (let p = 0; p < 28 * 28; p++) for (let c = 0; c < 3; c++) channelSums[c] += pixels[i * perImage + p * 3 + c];
        assert.deepEqual(channelSums, [expected, expected, expected], `${split}X[${i}]: each channel is the gray image`);
      });
      for (const { index, value } of ref.pixels) {
        const [i, r, c] = index;
        const img = i < 0 ? ref.shape[0] + i : i;
        assert.equal(pixels[img * perImage + (r * 28 + c) * 3], value, `${split}X[${index}]`);
      }
    });
  }

  it("is balanced: half 3s, and each other digit equally often", () => {
    for (const [digits, perOther] of [[ds.trainDigits, 30], [ds.testDigits, 10]] as const) {
      const counts = Array.from({ length: 10 }, (_, d) => digits.filter((x) => x === d).length);
      assert.deepEqual(counts, counts.map((_, d) => (d === 3 ? perOther * 9 : perOther)));
    }
  });

  it("keeps train and test apart: no test image equals a training image", () => {
    const hashes = (X: tf.Tensor4D) => {
      const data = X.dataSync();
      const size = X.shape[1] * X.shape[2] * X.shape[3];
      return Array.from({ length: X.shape[0] }, (_, i) =>
        createHash("sha1").update(Buffer.from(data.buffer, data.byteOffset + i * size * 4, size * 4)).digest("hex"),
      );
    };
    const train = new Set(hashes(ds.trainX));
    assert.equal(hashes(ds.testX).filter((h) => train.has(h)).length, 0);
  });

  it("holds whole pixel values 0..255 with real ink (not blank, not saturated)", () => {
    const data = ds.testX.dataSync() as Float32Array;
    assert.ok(data.every((v) => Number.isInteger(v) && v >= 0 && v <= 255));
    const mean = data.reduce((a, b) => a + b, 0) / data.length;
    assert.ok(mean > 10 && mean < 80, `mean pixel ${mean}`);
  });

  it("is deterministic: a second load gives the same tensors", () => {
    const again = loadDefaultImageDataset();
    try {
      assert.deepEqual(again.trainY.dataSync(), ds.trainY.dataSync());
      assert.equal(tf.tidy(() => tf.notEqual(again.trainX, ds.trainX).any().dataSync()[0]), 0);
      assert.equal(tf.tidy(() => tf.notEqual(again.testX, ds.testX).any().dataSync()[0]), 0);
    } finally {
      dispose(again);
    }
  });

  it("offers plain grayscale with channels: 1", () => {
    const gray = loadDefaultImageDataset({ channels: 1 });
    try {
      assert.deepEqual(gray.trainX.shape, [540, 28, 28, 1]);
      const sums = tf.tidy(() => gray.trainX.reshape([540, -1]).sum(1).dataSync());
      assert.deepEqual(Array.from(sums), fixture.train.image_sums);
    } finally {
      dispose(gray);
    }
    assert.throws(() => loadDefaultImageDataset({ channels: 2 as 1 }), /loadDefaultImageDataset: channels must be 1 or 3, got 2/);
  });
});

describe("mulberry32 / seededPermutation", () => {
  it("reproduces the reference generator", () => {
    const random = mulberry32(1);
    assert.deepEqual(Array.from({ length: 5 }, random), fixture.mulberry32_seed1_first5);
  });

  it("gives a permutation of 0..n-1", () => {
    const p = seededPermutation(100, 7);
    assert.deepEqual([...p].sort((a, b) => a - b), Array.from({ length: 100 }, (_, i) => i));
    assert.notDeepEqual(p, Array.from({ length: 100 }, (_, i) => i));
  });
});
