import { strict as assert } from "assert";
import { PNG } from "pngjs";
import { tf } from "../backend";
import { image, Image } from "./image";
import { display, isDisplayable } from "./mimebundle";

describe("Image", () => {
  it("shows itself as image/png (base64) plus a text/plain line", () => {
    const digit = tf.tensor3d(Array.from({ length: 28 * 28 }, (_, i) => i % 256), [28, 28, 1]);
    const img = image(digit, { scale: 4, caption: "a 3" });
    digit.dispose();
    assert.ok(isDisplayable(img));
    const bundle = img._repr_mimebundle_();
    assert.deepEqual(Object.keys(bundle.data).sort(), ["image/png", "text/plain"]);
    const decoded = PNG.sync.read(Buffer.from(bundle.data["image/png"] as string, "base64"));
    assert.deepEqual([decoded.width, decoded.height], [112, 112]);
    assert.equal(decoded.data[(0 * 112 + 4 * 5) * 4], 5, "pixel (0, 5) after 4× upscaling");
    assert.equal(bundle.data["text/plain"], "<Image 28×28 gray, shown 112×112: a 3>");
    assert.deepEqual(bundle.metadata, { "image/png": { width: 112, height: 112 } });
    assert.match(img.dataUrl, /^data:image\/png;base64,iVBOR/);
  });

  it("describes RGB images without scaling", () => {
    const cat = tf.fill([64, 64, 3], 200);
    assert.equal(String(new Image(cat)), "<Image 64×64 RGB>");
    cat.dispose();
  });
});

describe("display outside a kernel", () => {
  it("prints the text/plain line", () => {
    const lines: string[] = [];
    const log = console.log;
    console.log = (...args: unknown[]) => void lines.push(args.join(" "));
    try {
      display(image([[0, 255]]));
      display({ data: { "text/plain": "plain bundle" } });
    } finally {
      console.log = log;
    }
    assert.deepEqual(lines, ["<Image 1×2 gray>", "plain bundle"]);
  });
});
