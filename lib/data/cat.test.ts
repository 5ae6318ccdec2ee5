import { strict as assert } from "assert";
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { tf } from "../backend";
import { loadFixture } from "../../test/fixtures/fixtures";
import { CAT_FILES, COURSE_DATA_ENV, findCatDataDir, loadCatDataset } from "./cat";
import { loadH5wasm } from "./h5";

interface SplitFixture {
  file: string;
  sha256: string;
  x_shape: number[];
  y_shape: number[];
  classes: string[];
  labels: number[];
  image_sums: number[];
  first_channel_sums: number[][];
  pixels: { index: [number, number, number, number]; value: number }[];
  total_sum: number;
}

/** Writes an HDF5 file with h5wasm (independent of the loader's read path). */
async function writeH5(file: string, datasets: { name: string; data: Uint8Array | BigInt64Array | Float32Array | string[]; shape?: number[]; dtype?: string }[]) {
  const h5 = await loadH5wasm();
  const f = new h5.File(file, "w");
  try {
    for (const d of datasets) f.create_dataset({ name: d.name, data: d.data, shape: d.shape, dtype: d.dtype });
  } finally {
    f.close();
  }
}

/** A small dataset in the course's layout: m images of size×size×3, pixel (i, r, c, ch) = (i*7 + r*5 + c*3 + ch) % 256. */
function syntheticSplit(split: "train" | "test", m: number, size: number) {
  const x = new Uint8Array(m * size * size * 3);
  for (let i = 0; i < x.length; i++) {
    const ch = i % 3;
    const c = Math.floor(i / 3) % size;
    const r = Math.floor(i / (3 * size)) % size;
    const img = Math.floor(i / (3 * size * size));
    x[i] = (img * 7 + r * 5 + c * 3 + ch) % 256;
  }
  const y = BigInt64Array.from({ length: m }, (_, i) => BigInt(i % 2));
  return [
    { name: `${split}_set_x`, data: x, shape: [m, size, size, 3], dtype: "<B" },
    { name: `${split}_set_y`, data: y, shape: [m], dtype: "<q" },
    { name: "list_classes", data: ["non-cat", "cat"] },
  ];
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "nn-cat-"));
}

async function loadError(dir?: string): Promise<string> {
  try {
    const ds = await loadCatDataset(dir);
    tf.dispose([ds.trainX, ds.trainY, ds.testX, ds.testY]);
  } catch (err) {
    return (err as Error).message;
  }
  assert.fail("loadCatDataset should have thrown");
}

describe("loadCatDataset: the course files (h5py reference)", function () {
  const dir = process.env[COURSE_DATA_ENV] ? findCatDataDir() : undefined;
  const fixture = loadFixture<{ train: SplitFixture; test: SplitFixture }>("data_cat");

  before(function () {
    if (!process.env[COURSE_DATA_ENV]) {
      console.log(`      skipped: ${COURSE_DATA_ENV} is not set (e.g. ${COURSE_DATA_ENV}=/path/to/datasets)`);
      this.skip();
    }
    if (!dir) {
      console.log(`      skipped: ${COURSE_DATA_ENV}=${process.env[COURSE_DATA_ENV]} has no catvnoncat/ with both files`);
      this.skip();
    }
  });

  it("matches shapes, classes, labels and every image's pixel sum", async () => {
    for (const split of ["train", "test"] as const) {
      const file = path.join(dir!, fixture[split].file);
      const sha256 = createHash("sha256").update(fs.readFileSync(file)).digest("hex");
      assert.equal(sha256, fixture[split].sha256, `${file} is not the copy the reference was made from`);
    }
    const ds = await loadCatDataset();
    try {
      for (const [split, X, Y] of [["train", ds.trainX, ds.trainY], ["test", ds.testX, ds.testY]] as const) {
        const ref = fixture[split];
        assert.deepEqual(X.shape, ref.x_shape, `${split}X shape`);
        assert.deepEqual(Y.shape, [1, ref.y_shape[0]], `${split}Y shape`);
        assert.equal(X.dtype, "float32");
        assert.equal(Y.dtype, "float32");
        assert.deepEqual(Array.from(Y.dataSync()), ref.labels, `${split}Y labels`);
        const pixels = X.dataSync() as Float32Array;
        const perImage = pixels.length / ref.x_shape[0];
        const sums = ref.image_sums.map((_, i) => pixels.subarray(i * perImage, (i + 1) * perImage).reduce((a, b) => a + b, 0));
        assert.deepEqual(sums, ref.image_sums, `${split}X per-image pixel sums`);
        const [, h, w, c] = ref.x_shape;
        ref.first_channel_sums.forEach((expected, i) => {
          const got = [0, 0, 0];
          for (let p = 0; p < h * w; p++) for (let ch = 0; ch < c; ch++) got[ch] += pixels[i * perImage + p * c + ch];
          assert.deepEqual(got, expected, `${split}X[${i}] channel sums (channel order)`);
        });
        for (const { index, value } of ref.pixels) {
          const [i, r, col, ch] = index;
          const img = i < 0 ? ref.x_shape[0] + i : i;
          assert.equal(pixels[((img * h + r) * w + col) * c + ch], value, `${split}X[${index}]`);
        }
      }
      assert.deepEqual(ds.classes, fixture.train.classes);
    } finally {
      tf.dispose([ds.trainX, ds.trainY, ds.testX, ds.testY]);
    }
  });
});

describe("loadCatDataset: files written here", () => {
  const savedEnv = process.env[COURSE_DATA_ENV];
  afterEach(() => {
    if (savedEnv === undefined) delete process.env[COURSE_DATA_ENV];
    else process.env[COURSE_DATA_ENV] = savedEnv;
  });

  it("reads a small file in the course's layout exactly (pixels, channel order, labels, classes)", async () => {
    const dir = tempDir();
    await writeH5(path.join(dir, CAT_FILES.train), syntheticSplit("train", 4, 5));
    await writeH5(path.join(dir, CAT_FILES.test), syntheticSplit("test", 3, 5));
    const ds = await loadCatDataset(dir);
    try {
      assert.deepEqual(ds.trainX.shape, [4, 5, 5, 3]);
      assert.deepEqual(ds.testX.shape, [3, 5, 5, 3]);
      assert.deepEqual(ds.trainY.arraySync(), [[0, 1, 0, 1]]);
      assert.deepEqual(ds.testY.arraySync(), [[0, 1, 0]]);
      assert.deepEqual(ds.classes, ["non-cat", "cat"]);
      const x = ds.trainX.arraySync();
      assert.equal(x[3][2][4][1], (3 * 7 + 2 * 5 + 4 * 3 + 1) % 256);
      assert.equal(x[1][4][0][2], (1 * 7 + 4 * 5 + 0 * 3 + 2) % 256);
    } finally {
      tf.dispose([ds.trainX, ds.trainY, ds.testX, ds.testY]);
    }
  });

  it("finds the files through COURSE_DATA_DIR/catvnoncat", async () => {
    const root = tempDir();
    const dir = path.join(root, "catvnoncat");
    fs.mkdirSync(dir);
    await writeH5(path.join(dir, CAT_FILES.train), syntheticSplit("train", 2, 4));
    await writeH5(path.join(dir, CAT_FILES.test), syntheticSplit("test", 2, 4));
    process.env[COURSE_DATA_ENV] = root;
    assert.equal(findCatDataDir(), dir);
    const ds = await loadCatDataset();
    assert.deepEqual(ds.trainX.shape, [2, 4, 4, 3]);
    tf.dispose([ds.trainX, ds.trainY, ds.testX, ds.testY]);
  });

  it("names every place it looked, the env var and how to get the files when they are missing", async () => {
    const root = tempDir();
    process.env[COURSE_DATA_ENV] = root;
    const message = await loadError();
    assert.match(message, /^loadCatDataset: /);
    assert.ok(message.includes(path.join(root, "catvnoncat")), message);
    assert.ok(message.includes(`${COURSE_DATA_ENV}=${root}`), message);
    assert.ok(message.includes(path.join("data", "catvnoncat")), message);
    assert.match(message, /train_catvnoncat\.h5/);
    assert.match(message, /programming assignment/);
    assert.match(message, /set COURSE_DATA_DIR/);

    delete process.env[COURSE_DATA_ENV];
    assert.match(await loadError(), /COURSE_DATA_DIR is not set/);
  });

  it("says which file is there when only one of the two is", async () => {
    const dir = tempDir();
    await writeH5(path.join(dir, CAT_FILES.train), syntheticSplit("train", 2, 4));
    assert.match(await loadError(dir), /only train_catvnoncat\.h5 is there/);
  });

  it("reports a text file named .h5 as not HDF5, showing how it starts", async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, CAT_FILES.train), "<html>404 Not Found</html>\n");
    await writeH5(path.join(dir, CAT_FILES.test), syntheticSplit("test", 2, 4));
    const message = await loadError(dir);
    assert.ok(message.includes(`${path.join(dir, CAT_FILES.train)} is not an HDF5 file`), message);
    assert.match(message, /starts with the text "<html>404 Not Found/);
  });

  it("reports a truncated file with HDF5's reason, without HDF5's stack on stderr", async () => {
    const dir = tempDir();
    const file = path.join(dir, CAT_FILES.train);
    await writeH5(file, syntheticSplit("train", 20, 16));
    await writeH5(path.join(dir, CAT_FILES.test), syntheticSplit("test", 2, 4));
    const whole = fs.readFileSync(file);
    fs.writeFileSync(file, whole.subarray(0, Math.floor(whole.length / 2)));
    // HDF5 prints its error stack with fs.writeSync(2, ...): watch for it.
    const nodeFs = require("fs") as typeof fs;
    const originalWriteSync = nodeFs.writeSync;
    const leaked: string[] = [];
    nodeFs.writeSync = ((fd: number, data: unknown, ...rest: unknown[]) => {
      if (fd === 2) leaked.push(String(data));
      return (originalWriteSync as (...args: unknown[]) => number)(fd, data, ...rest);
    }) as typeof fs.writeSync;
    let message: string;
    try {
      message = await loadError(dir);
    } finally {
      nodeFs.writeSync = originalWriteSync;
    }
    assert.deepEqual(leaked, [], "HDF5's diagnostics reached stderr");
    assert.ok(message.includes(`${file} is an HDF5 file that cannot be opened`), message);
    assert.match(message, /truncated/);
  });

  it("reports an HDF5 file with other datasets, listing what it holds", async () => {
    const dir = tempDir();
    await writeH5(path.join(dir, CAT_FILES.train), [{ name: "weights", data: new Float32Array([1, 2]), shape: [2] }]);
    await writeH5(path.join(dir, CAT_FILES.test), syntheticSplit("test", 2, 4));
    const message = await loadError(dir);
    assert.match(message, /has no dataset "train_set_x", "train_set_y", "list_classes" \(it holds: "weights"\)/);
  });

  it("reports wrong shapes and types, naming the dataset and the file", async () => {
    const cases: { change: (d: ReturnType<typeof syntheticSplit>) => void; expected: RegExp }[] = [
      { change: (d) => Object.assign(d[0], { data: new Uint8Array(2 * 4 * 4), shape: [2, 4, 4] }), expected: /"train_set_x" has shape \(2, 4, 4\), expected \(m, height, width, 3\)/ },
      { change: (d) => Object.assign(d[0], { data: new Float32Array(2 * 4 * 4 * 3), dtype: "<f" }), expected: /"train_set_x" holds float32, expected uint8/ },
      { change: (d) => Object.assign(d[1], { data: new BigInt64Array(3), shape: [3] }), expected: /"train_set_y" has shape \(3,\), expected \(2,\)/ },
      { change: (d) => Object.assign(d[1], { data: BigInt64Array.from([0n, 2n]) }), expected: /"train_set_y"\[1\] is 2, expected labels 0 or 1/ },
    ];
    for (const { change, expected } of cases) {
      const dir = tempDir();
      const train = syntheticSplit("train", 2, 4);
      change(train);
      await writeH5(path.join(dir, CAT_FILES.train), train);
      await writeH5(path.join(dir, CAT_FILES.test), syntheticSplit("test", 2, 4));
      const message = await loadError(dir);
      assert.match(message, expected);
      assert.ok(message.includes(path.join(dir, CAT_FILES.train)), message);
    }
  });
});
