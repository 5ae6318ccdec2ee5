import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { tf } from "../backend";
import { CAT_FILES, COURSE_DATA_ENV, findCatDataDir } from "./cat";
import { loadImageDataset, type LoadedImageDataset } from "./images";

function dispose(ds: LoadedImageDataset) {
  tf.dispose([ds.trainX, ds.trainY, ds.testX, ds.testY]);
}

describe("loadImageDataset", () => {
  const emptyDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "nn-images-"));

  it("falls back to the default digits when the course files are not found, and says so", async () => {
    const ds = await loadImageDataset({ dir: emptyDir() });
    try {
      assert.equal(ds.source, "default");
      assert.deepEqual(ds.trainX.shape, [540, 28, 28, 3]);
      assert.deepEqual(ds.classes, ["not 3", "3"]);
      assert.match(ds.description, /^Default data \(the course's train_catvnoncat\.h5 \/ test_catvnoncat\.h5 were not found; set COURSE_DATA_DIR/);
      assert.match(ds.description, /540 training and 180 test images of 28×28 pixels, gray repeated in R, G and B\.$/);
      assert.equal(ds.trainDigits?.length, 540);
    } finally {
      dispose(ds);
    }
  });

  it("gives the default digits on request, in grayscale if asked", async () => {
    const ds = await loadImageDataset({ source: "default", channels: 1 });
    try {
      assert.equal(ds.source, "default");
      assert.deepEqual(ds.testX.shape, [180, 28, 28, 1]);
      assert.match(ds.description, /^Default data: real handwritten MNIST digits .* grayscale\.$/);
    } finally {
      dispose(ds);
    }
  });

  it("insists on the course files with source: 'course'", async () => {
    await assert.rejects(loadImageDataset({ source: "course", dir: emptyDir() }), /loadCatDataset: the course's cat \/ non-cat files/);
    await assert.rejects(loadImageDataset({ source: "cats" as "course" }), /loadImageDataset: source must be "auto", "course" or "default", got "cats"/);
  });

  it("does not hide damaged course files behind the default data", async () => {
    const dir = emptyDir();
    fs.writeFileSync(path.join(dir, CAT_FILES.train), "not hdf5");
    fs.writeFileSync(path.join(dir, CAT_FILES.test), "not hdf5");
    await assert.rejects(loadImageDataset({ dir }), /is not an HDF5 file/);
  });

  it("gives the course's cats when COURSE_DATA_DIR points at them", async function () {
    if (!process.env[COURSE_DATA_ENV] || !findCatDataDir()) {
      console.log(`      skipped: ${COURSE_DATA_ENV} is not set or has no catvnoncat/ (e.g. ${COURSE_DATA_ENV}=/path/to/datasets)`);
      this.skip();
    }
    const ds = await loadImageDataset();
    try {
      assert.equal(ds.source, "course");
      assert.deepEqual(ds.trainX.shape, [209, 64, 64, 3]);
      assert.deepEqual(ds.classes, ["non-cat", "cat"]);
      assert.equal(ds.trainDigits, undefined);
      assert.ok(ds.description.startsWith("Course data: the week-2 assignment's cat / non-cat pictures (209 training and 50 test images of 64×64 pixels, RGB; y = 1 means cat) from "), ds.description);
      assert.ok(ds.description.includes(findCatDataDir()!), ds.description);
    } finally {
      dispose(ds);
    }
  });
});
