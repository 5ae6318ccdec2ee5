import { strict as assert } from "assert";
import { PNG } from "pngjs";
import { tf } from "../backend";
import { assertValidVegaLite, layers } from "../../test/fixtures/vegaLite";
import { imageGridSpec } from "./imageGrid";

describe("imageGridSpec", () => {
  /** Decodes a data URL's PNG to RGBA bytes. */
  function decode(url: string): PNG {
    return PNG.sync.read(Buffer.from(url.replace(/^data:image\/png;base64,/, ""), "base64"));
  }

  it("embeds each image as a PNG that decodes to the same pixels, with captions and ✔/✘ frames", () => {
    // 3 RGB images 4×5, pixel (i, r, c, ch) = 10i + 40r + 7c + 2ch (all within 0..255)
    const values = Array.from({ length: 3 * 4 * 5 * 3 }, (_, k) => {
      const ch = k % 3, c = Math.floor(k / 3) % 5, r = Math.floor(k / 15) % 4, i = Math.floor(k / 60);
      return 10 * i + 40 * r + 7 * c + 2 * ch;
    });
    const images = tf.tensor4d(values, [3, 4, 5, 3]);
    const spec = imageGridSpec(
      { images, labels: tf.tensor2d([[1, 0, 1]]), predictions: [1, 1, 0], classes: ["non-cat", "cat"] },
      { scale: 1, columns: 2 },
    );
    images.dispose();
    assertValidVegaLite(spec);
    const cells = layers(spec)[0].data!.values as { url: string; caption: string; status: string; index: number }[];
    assert.equal(cells.length, 3);
    cells.forEach((cell, i) => {
      const png = decode(cell.url);
      assert.deepEqual([png.width, png.height], [5, 4]);
      for (let p = 0; p < 20; p++) {
        const expected = [0, 1, 2].map((ch) => values[i * 60 + p * 3 + ch]);
        assert.deepEqual(Array.from(png.data.subarray(p * 4, p * 4 + 3)), expected, `image ${i} pixel ${p}`);
      }
    });
    assert.deepEqual(cells.map((c) => c.caption), ["#0\ny = cat\nŷ = cat ✔", "#1\ny = non-cat\nŷ = cat ✘", "#2\ny = cat\nŷ = non-cat ✘"]);
    assert.deepEqual(cells.map((c) => c.status), ["correct", "wrong", "wrong"]);
    assert.equal(layers(spec).length, 3, "frames layer");
    assert.match((spec as { description: string }).description, /3 images of 4×5, 2 misclassified/);
  });

  it("shows chosen indices of flattened (n_x, m) images, probabilities and 0..1 values, upscaling small ones", () => {
    // two 2×2 gray images as columns of X (4, 2), values 0..1
    const X = tf.tensor2d([[0, 1], [0.5, 0.25], [1, 0], [0.2, 0.8]]);
    const spec = imageGridSpec({ images: X, imageShape: [2, 2, 1], indices: [1], labels: [0, 1], predictions: [0.3, 0.9] });
    X.dispose();
    assertValidVegaLite(spec);
    const [cell] = layers(spec)[0].data!.values as { url: string; caption: string }[];
    assert.equal(cell.caption, "#1\ny = 1\nŷ = 1 (0.90) ✔");
    const png = decode(cell.url);
    const scale = png.width / 2;
    assert.ok(scale >= 2, "small images are enlarged");
    // column 1 of X: [1, 0.25, 0, 0.8] -> bytes 255, 64, 0, 204, each repeated scale×scale times
    const at = (r: number, c: number) => png.data[(r * png.width + c) * 4];
    assert.deepEqual([at(0, 0), at(0, scale), at(scale, 0), at(scale, scale)], [255, 64, 0, 204]);
    assert.equal(at(scale - 1, scale - 1), 255);
  });

  it("checks shapes and indices", () => {
    const images = tf.zeros([2, 3, 3, 3]);
    assert.throws(() => imageGridSpec({ images, indices: [2] }), /imageGridSpec: index 2 is outside 0\.\.1/);
    assert.throws(() => imageGridSpec({ images, labels: [1] }), /imageGridSpec: 2 images but 1 labels/);
    assert.throws(() => imageGridSpec({ images: tf.zeros([5, 2]) }), /images must be \(m, h, w, c\)/);
    assert.throws(() => imageGridSpec({ images: tf.zeros([5, 2]), imageShape: [2, 2] }), /images are \(5, 2\) but imageShape \(2, 2\) has 4 values/);
    images.dispose();
  });
});
