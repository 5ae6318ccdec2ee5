import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PNG } from "pngjs";
import { tf } from "../backend";
import { flattenAndStandardize } from "./flattenAndStandardize";
import { loadImageFile } from "./imageFile";

describe("loadImageFile", () => {
  let dir: string;
  let file: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "nn-image-"));
    // a 2×3 RGBA picture, pixel (r, c) = (10r + c, 100 + c, 200 − r), alpha 128
    const png = new PNG({ width: 3, height: 2 });
    for (let r = 0; r < 2; r++) for (let c = 0; c < 3; c++) png.data.set([10 * r + c, 100 + c, 200 - r, 128], (r * 3 + c) * 4);
    file = path.join(dir, "picture.png");
    fs.writeFileSync(file, PNG.sync.write(png));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("reads a PNG as one example (1, h, w, 3) of 0..255, alpha dropped, ready for flattenAndStandardize", () => {
    const image = loadImageFile(file);
    assert.deepEqual(image.shape, [1, 2, 3, 3]);
    assert.equal(image.dtype, "float32");
    assert.deepEqual(image.arraySync(), [[[[0, 100, 200], [1, 101, 200], [2, 102, 200]], [[10, 100, 199], [11, 101, 199], [12, 102, 199]]]]);
    const x = flattenAndStandardize(image);
    assert.deepEqual(x.shape, [18, 1]);
    assert.ok(Math.abs(x.dataSync()[1] - 100 / 255) < 1e-7);
    tf.dispose([image, x]);
  });

  it("resizes to the model's size with whole-number pixels", () => {
    const image = loadImageFile(file, { size: [4, 4] });
    assert.deepEqual(image.shape, [1, 4, 4, 3]);
    assert.ok(Array.from(image.dataSync()).every((v) => Number.isInteger(v) && v >= 0 && v <= 255));
    image.dispose();
  });

  it("names the file and the problem", () => {
    assert.throws(() => loadImageFile(path.join(dir, "missing.png")), /^Error: loadImageFile: .*missing\.png does not exist$/);
    fs.writeFileSync(path.join(dir, "not.png"), "hello");
    assert.throws(() => loadImageFile(path.join(dir, "not.png")), /loadImageFile: .*not\.png is not a PNG file it can read/);
    assert.throws(() => loadImageFile(file, { size: [0, 4] }), /loadImageFile: size must be \[height, width\] in whole pixels, got \[0,4\]/);
  });
});
