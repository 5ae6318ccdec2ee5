/** An image that shows itself in the notebook (image/png), made from a tensor. */
import type { Displayable, MimeBundle } from "./mimebundle";
import { encodePng, pngDataUrl, toRgba, type ImageLike, type PngOptions } from "./png";

export interface ImageOptions extends PngOptions {
  /** a line of text shown in text/plain */
  caption?: string;
}

const COLORS = { 1: "gray", 3: "RGB", 4: "RGBA" } as const;

export class Image implements Displayable {
  /** PNG bytes */
  readonly png: Buffer;
  /** displayed size in pixels (after upscaling) */
  readonly width: number;
  readonly height: number;
  /** the source image's own size and channels */
  readonly sourceShape: [number, number, number];
  readonly caption?: string;

  constructor(image: ImageLike, options: ImageOptions = {}) {
    const rgba = toRgba(image, options, "Image");
    const scale = options.scale ?? 1;
    this.png = encodePng(rgba, scale, "Image");
    this.width = rgba.width * scale;
    this.height = rgba.height * scale;
    this.sourceShape = [rgba.height, rgba.width, rgba.channels];
    this.caption = options.caption;
  }

  /** `data:image/png;base64,...` */
  get dataUrl(): string {
    return pngDataUrl(this.png);
  }

  toString(): string {
    const [h, w, c] = this.sourceShape;
    const scaled = this.width !== w ? `, shown ${this.width}×${this.height}` : "";
    return `<Image ${h}×${w} ${COLORS[c as 1 | 3 | 4]}${scaled}${this.caption ? `: ${this.caption}` : ""}>`;
  }

  /** console.log and plain REPLs print the one-line description, not the whole object. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }

  _repr_mimebundle_(): MimeBundle {
    return {
      data: { "image/png": this.png.toString("base64"), "text/plain": this.toString() },
      metadata: { "image/png": { width: this.width, height: this.height } },
    };
  }
}

/**
 * An image tensor ready to show: (h, w) or (h, w, c), values 0..255 or 0..1. `scale` enlarges small
 * images sharply (e.g. 4 for 28×28 digits). Use as a cell's last expression or with nn.display().
 */
export function image(tensor: ImageLike, options: ImageOptions = {}): Image {
  return new Image(tensor, options);
}
