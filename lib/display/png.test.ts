import { strict as assert } from "assert";
import { PNG } from "pngjs";
import { tf } from "../backend";
import { imageToDataUrl, imageToPng } from "./png";

/** RGBA bytes of a PNG, decoded by pngjs. */
function decode(png: Buffer): { width: number; height: number; rgba: number[] } {
  const image = PNG.sync.read(png);
  return { width: image.width, height: image.height, rgba: Array.from(image.data) };
}

describe("imageToPng", () => {
  it("encodes an (h, w, 3) tensor of 0..255 exactly (opaque RGB)", () => {
    const values = [[[0, 10, 255], [128, 64, 32]], [[1, 2, 3], [250, 251, 252]]];
    const png = imageToPng(tf.tensor3d(values, [2, 2, 3], "int32"));
    assert.deepEqual(png.subarray(1, 4).toString(), "PNG");
    const { width, height, rgba } = decode(png);
    assert.deepEqual([width, height], [2, 2]);
    assert.deepEqual(rgba, values.flat().flatMap((px) => [...px, 255]));
  });

  it("reads float 0..1 images as 0..1 (auto), and can be told otherwise", () => {
    const unit = tf.tensor2d([[0, 0.5], [1, 0.25]]);
    assert.deepEqual(decode(imageToPng(unit)).rgba.filter((_, i) => i % 4 === 0), [0, 128, 255, 64]);
    // the same values read as 0..255 are nearly black
    assert.deepEqual(decode(imageToPng(unit, { range: "0-255" })).rgba.filter((_, i) => i % 4 === 0), [0, 1, 1, 0]);
    // float32 0..255 (the datasets' pixels) stays 0..255; out-of-range values are clipped
    const bytes = tf.tensor3d([[[0], [255]], [[-20], [300]]]);
    assert.deepEqual(decode(imageToPng(bytes)).rgba.filter((_, i) => i % 4 === 0), [0, 255, 0, 255]);
    tf.dispose([unit, bytes]);
  });

  it("keeps an alpha channel, and takes nested arrays", () => {
    const { rgba } = decode(imageToPng([[[10, 20, 30, 40]]]));
    assert.deepEqual(rgba, [10, 20, 30, 40]);
  });

  it("upscales by repeating pixels (sharp), e.g. small digits", () => {
    const { width, height, rgba } = decode(imageToPng([[0, 255]], { scale: 3 }));
    assert.deepEqual([width, height], [6, 3]);
    const row = (r: number) => Array.from({ length: 6 }, (_, c) => rgba[(r * 6 + c) * 4]);
    for (const r of [0, 1, 2]) assert.deepEqual(row(r), [0, 0, 0, 255, 255, 255]);
  });

  it("gives a data URL", () => {
    const url = imageToDataUrl([[0, 255]]);
    assert.match(url, /^data:image\/png;base64,/);
    assert.deepEqual(decode(Buffer.from(url.split(",")[1], "base64")).rgba.filter((_, i) => i % 4 === 0), [0, 255]);
  });

  it("names itself and the shape in errors, and leaves no tensors behind", () => {
    const before = tf.memory().numTensors;
    assert.throws(() => imageToPng([[[1, 2]]]), /imageToPng: the image must be of shape \(h, w\) or \(h, w, c\) with c = 1, 3 or 4, got \(1, 1, 2\)/);
    const batch = tf.zeros([2, 4, 4, 3]);
    assert.throws(() => imageToPng(batch), /got \(2, 4, 4, 3\)/);
    batch.dispose();
    assert.throws(() => imageToPng([[1]], { scale: 1.5 }), /imageToPng: scale must be a whole number from 1 to 64, got 1.5/);
    assert.throws(() => imageToPng([[1]], { range: "0-100" as "0-1" }), /imageToPng: range must be/);
    imageToPng([[1, 2]]);
    assert.equal(tf.memory().numTensors, before);
  });
});
