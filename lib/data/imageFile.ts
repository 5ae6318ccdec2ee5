/**
 * A picture of your own, in the image datasets' layout: the course's
 * `np.array(Image.open(fname).resize((num_px, num_px)))`, for PNG files (pngjs, pure JS).
 */
import * as fs from "fs";
import { PNG } from "pngjs";
import { tf } from "../backend";
import * as message from "../messages";

export interface ImageFileOptions {
  /** resize to [height, width] (bilinear), e.g. [numPx, numPx] to match the training images */
  size?: [number, number];
}

/**
 * Reads a PNG file into a (1, height, width, 3) float32 tensor of whole numbers 0..255 (the alpha
 * channel dropped): one example laid out like a dataset's trainX, so `nn.flattenAndStandardize`
 * turns it into the (n_x, 1) column the model predicts on, as it does the training set.
 */
export function loadImageFile(file: string, options: ImageFileOptions = {}): tf.Tensor4D {
  const fn = "loadImageFile";
  if (typeof file !== "string") throw new Error(message.mustBe(fn, "file", "the path of a PNG file", message.describeValue(file)));
  const { size } = options;
  if (size !== undefined && !(Array.isArray(size) && size.length === 2 && size.every((d) => Number.isInteger(d) && d > 0))) {
    throw new Error(message.mustBe(fn, "size", "[height, width] in whole pixels", JSON.stringify(size)));
  }
  let png: PNG;
  try {
    png = PNG.sync.read(fs.readFileSync(file));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "does not exist" : code === "EISDIR" ? "is a folder" : `is not a PNG file it can read (${(err as Error).message})`;
    throw new Error(`${fn}: ${file} ${why}`);
  }
  return tf.tidy(() => {
    const rgba = tf.tensor3d(Uint8Array.from(png.data), [png.height, png.width, 4], "int32");
    const rgb = tf.cast(tf.slice(rgba, [0, 0, 0], [-1, -1, 3]), "float32").expandDims(0) as tf.Tensor4D;
    // Bilinear resizing gives fractions; the datasets hold whole numbers, so round like PIL does.
    return size ? (tf.round(tf.image.resizeBilinear(rgb, size)) as tf.Tensor4D) : rgb;
  });
}
