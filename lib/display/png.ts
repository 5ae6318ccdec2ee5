/**
 * Tensors as pictures: PNG bytes (pngjs, pure JS) from an (h, w), (h, w, 1), (h, w, 3) or
 * (h, w, 4) tensor of pixel values.
 */
import { PNG } from "pngjs";
import { tf } from "../backend";
import { formatShape } from "../tensor/assertShape";
import * as message from "../messages";

export interface PngOptions {
  /**
   * How values map to 0..255. "auto" (default): a float tensor whose values all lie in [0, 1] is
   * read as 0..1 (e.g. X / 255), anything else as 0..255. Values outside the range are clipped.
   */
  range?: "auto" | "0-255" | "0-1";
  /** Whole-number upscaling by pixel repetition (sharp, no blur): 4 turns 28×28 into 112×112. Default 1. */
  scale?: number;
}

/** Anything imageToPng accepts: a tensor, or nested arrays of the same shapes. */
export type ImageLike = tf.Tensor | number[][] | number[][][];

export interface RgbaImage {
  width: number;
  height: number;
  /** RGBA bytes, row by row */
  rgba: Uint8Array;
  /** channels of the source: 1 (gray), 3 (RGB) or 4 (RGBA) */
  channels: 1 | 3 | 4;
}

/** Pixels of an image tensor as RGBA bytes (before any upscaling). */
export function toRgba(image: ImageLike, options: PngOptions = {}, caller = "imageToPng"): RgbaImage {
  const tensor = image instanceof tf.Tensor ? image : tf.tensor(image as number[][]);
  try {
    const shape = tensor.shape;
    const channels = shape.length === 2 ? 1 : (shape[2] ?? 0);
    if ((shape.length !== 2 && shape.length !== 3) || ![1, 3, 4].includes(channels)) {
      throw new Error(message.mustBe(caller, "the image", "of shape (h, w) or (h, w, c) with c = 1, 3 or 4", formatShape(shape)));
    }
    const [height, width] = shape;
    if (height === 0 || width === 0) throw new Error(`${caller}: the image is empty, shape ${formatShape(shape)}`);
    const values = tensor.dataSync();
    const range = options.range ?? "auto";
    if (!["auto", "0-255", "0-1"].includes(range)) {
      throw new Error(message.mustBe(caller, "range", '"auto", "0-255" or "0-1"', JSON.stringify(range)));
    }
    let unit = range === "0-1";
    if (range === "auto" && tensor.dtype === "float32") {
      unit = true;
      for (let i = 0; i < values.length; i++) {
        if (!(values[i] >= 0 && values[i] <= 1)) {
          unit = false;
          break;
        }
      }
    }
    const factor = unit ? 255 : 1;
    const toByte = (v: number) => (Number.isNaN(v) ? 0 : Math.min(255, Math.max(0, Math.round(v * factor))));
    const rgba = new Uint8Array(height * width * 4);
    for (let p = 0; p < height * width; p++) {
      const src = p * channels;
      if (channels === 1) {
        const g = toByte(values[src]);
        rgba.set([g, g, g, 255], p * 4);
      } else {
        rgba.set([toByte(values[src]), toByte(values[src + 1]), toByte(values[src + 2]), channels === 4 ? toByte(values[src + 3]) : 255], p * 4);
      }
    }
    return { width, height, rgba, channels: channels as 1 | 3 | 4 };
  } finally {
    if (tensor !== image) tensor.dispose();
  }
}

function checkScale(scale: number, caller: string): number {
  if (!Number.isInteger(scale) || scale < 1 || scale > 64) {
    throw new Error(message.mustBe(caller, "scale", "a whole number from 1 to 64", String(scale)));
  }
  return scale;
}

/** Encodes RGBA pixels as PNG, upscaled by pixel repetition. */
export function encodePng(image: RgbaImage, scale = 1, caller = "imageToPng"): Buffer {
  checkScale(scale, caller);
  const width = image.width * scale;
  const height = image.height * scale;
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    const srcRow = Math.floor(y / scale) * image.width;
    for (let x = 0; x < width; x++) {
      const src = (srcRow + Math.floor(x / scale)) * 4;
      png.data.set(image.rgba.subarray(src, src + 4), (y * width + x) * 4);
    }
  }
  // Smallest faithful output: gray stays gray, RGB drops the opaque alpha.
  const colorType = image.channels === 1 ? 0 : image.channels === 3 ? 2 : 6;
  return PNG.sync.write(png, { colorType, inputColorType: 6, inputHasAlpha: true });
}

/**
 * PNG bytes of an image tensor: (h, w) or (h, w, c) with c = 1 (gray), 3 (RGB) or 4 (RGBA), values
 * 0..255 or 0..1 (see PngOptions.range), optionally upscaled.
 */
export function imageToPng(image: ImageLike, options: PngOptions = {}): Buffer {
  return encodePng(toRgba(image, options, "imageToPng"), options.scale ?? 1, "imageToPng");
}

/** `data:image/png;base64,...` of PNG bytes. */
export function pngDataUrl(png: Buffer): string {
  return `data:image/png;base64,${png.toString("base64")}`;
}

/** `data:image/png;base64,...` of an image tensor (for charts and HTML). */
export function imageToDataUrl(image: ImageLike, options: PngOptions = {}): string {
  return pngDataUrl(imageToPng(image, options));
}
