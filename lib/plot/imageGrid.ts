/** Image grids: images with their labels and predictions (✔ / ✘), as PNG data URLs inside the spec. */
import type { TopLevelSpec } from "vega-lite";
import { tf } from "../backend";
import { imageToDataUrl } from "../display/png";
import { formatShape } from "../tensor/assertShape";
import { base, CONFIG, toNumbers, type Layers } from "./common";
import * as message from "../messages";

const CORRECT_COLOR = "#1a7f37";
const WRONG_COLOR = "#cf222e";

export interface ImageGridInput {
  /** (m, h, w, c) or (m, h, w) pixel values 0..255 or 0..1; or (n_x, m) flattened columns with imageShape */
  images: tf.Tensor;
  /** for flattened images (n_x, m): the shape of one image, e.g. [64, 64, 3] */
  imageShape?: [number, number] | [number, number, number];
  /** true labels 0/1, shape (1, m) or (m) */
  labels?: tf.Tensor | ArrayLike<number>;
  /** predictions 0/1, or probabilities (then ŷ = 1 where the probability is > 0.5) */
  predictions?: tf.Tensor | ArrayLike<number>;
  /** class names by label, e.g. ["non-cat", "cat"] */
  classes?: string[];
  /** which images to show (default the first maxImages) */
  indices?: number[];
  /** your own caption per shown image (replaces the label/prediction text) */
  captions?: string[];
}

export interface ImageGridOptions {
  title?: string;
  /** images per row (default up to 6) */
  columns?: number;
  /** how many images at most when no indices are given (default 12) */
  maxImages?: number;
  /** pixel upscaling; default: about 96 px per image (4 for 28 px digits, 2 for 64 px cats) */
  scale?: number;
  /** pixel value range, as for imageToPng */
  range?: "auto" | "0-255" | "0-1";
}

interface GridCell {
  x: number;
  y: number;
  url: string;
  caption: string;
  status: "correct" | "wrong" | "none";
  index: number;
}

/**
 * Images in a grid with captions: the index and true class, and with predictions, the predicted
 * class marked ✔ (green frame) or ✘ (red frame). Images travel inside the spec as PNG data URLs.
 */
export function imageGridSpec(input: ImageGridInput, options: ImageGridOptions = {}): TopLevelSpec {
  const caller = "imageGridSpec";
  if (!(input.images instanceof tf.Tensor)) throw new Error(`${caller}: images must be a tensor`);
  const images = tf.tidy(() => {
    const t = input.images;
    if (input.imageShape) {
      if (t.rank !== 2) throw new Error(`${caller}: imageShape is for flattened images (n_x, m), got shape ${formatShape(t.shape)}`);
      const size = input.imageShape.reduce((a, b) => a * b, 1);
      if (t.shape[0] !== size) throw new Error(`${caller}: images are ${formatShape(t.shape)} but imageShape ${formatShape(input.imageShape)} has ${size} values`);
      return t.transpose().reshape([t.shape[1] as number, ...input.imageShape]);
    }
    if (t.rank !== 3 && t.rank !== 4) {
      throw new Error(`${caller}: images must be (m, h, w, c) or (m, h, w) — or flattened (n_x, m) with imageShape — got shape ${formatShape(t.shape)}`);
    }
    return t.clone();
  });
  try {
    const m = images.shape[0];
    const maxImages = options.maxImages ?? 12;
    const indices = input.indices ?? Array.from({ length: Math.min(m, maxImages) }, (_, i) => i);
    const badIndex = indices.find((i) => !Number.isInteger(i) || i < 0 || i >= m);
    if (badIndex !== undefined) throw new Error(`${caller}: index ${badIndex} is outside 0..${m - 1}`);
    if (indices.length === 0) throw new Error(`${caller}: no images to show`);
    const labels = input.labels !== undefined ? toNumbers(input.labels, caller, "labels") : undefined;
    const predictions = input.predictions !== undefined ? toNumbers(input.predictions, caller, "predictions") : undefined;
    for (const [what, values] of [["labels", labels], ["predictions", predictions]] as const) {
      if (values && values.length !== m) throw new Error(`${caller}: ${m} images but ${values.length} ${what}`);
    }
    if (input.captions && input.captions.length !== indices.length) {
      throw new Error(`${caller}: ${indices.length} images shown but ${input.captions.length} captions`);
    }
    const probabilities = predictions?.some((p) => p !== 0 && p !== 1) ?? false;
    const name = (label: number) => (input.classes?.[label] !== undefined ? input.classes[label] : String(label));

    const [h, w] = images.shape.slice(1) as [number, number];
    const scale = options.scale ?? Math.max(1, Math.round(96 / Math.max(h, w)));
    if (!Number.isInteger(scale) || scale < 1) throw new Error(message.mustBe(caller, "scale", "a whole number ≥ 1", String(scale)));
    // Small images (digits) are enlarged pixel by pixel so they stay sharp; larger photos travel at
    // their own size (a 4× smaller PNG) and the viewer scales them smoothly.
    const pixelScale = Math.max(h, w) <= 32 ? scale : 1;
    const cellW = Math.max(w * scale, 84);
    const captionLines = (labels ? 1 : 0) + (predictions ? 1 : 0) + 1;
    const cellH = h * scale + 6 + 14 * captionLines + 10;
    const columns = options.columns ?? Math.min(indices.length, 6);
    if (!Number.isInteger(columns) || columns < 1) throw new Error(message.mustBe(caller, "columns", "a whole number ≥ 1", String(columns)));

    const cells: GridCell[] = indices.map((index, k) => {
      const url = tf.tidy(() => imageToDataUrl(images.slice([index], [1]).squeeze([0]) as tf.Tensor, { range: options.range, scale: pixelScale }));
      const lines: string[] = [`#${index}`];
      let status: GridCell["status"] = "none";
      if (labels) lines.push(`y = ${name(labels[index])}`);
      if (predictions) {
        const p = predictions[index];
        const yHat = probabilities ? (p > 0.5 ? 1 : 0) : p;
        const correct = labels ? yHat === labels[index] : undefined;
        status = correct === undefined ? "none" : correct ? "correct" : "wrong";
        lines.push(`ŷ = ${name(yHat)}${probabilities ? ` (${p.toFixed(2)})` : ""}${correct === undefined ? "" : correct ? " ✔" : " ✘"}`);
      }
      const caption = input.captions ? input.captions[k] : lines.join("\n");
      const col = k % columns;
      const row = Math.floor(k / columns);
      return { x: col * (cellW + 12) + (cellW - w * scale) / 2, y: row * cellH, url, caption, status, index };
    });
    const rows = Math.ceil(cells.length / columns);
    const imageW = w * scale;
    const imageH = h * scale;
    const status = { field: "status", type: "nominal" as const, scale: { domain: ["correct", "wrong", "none"], range: [CORRECT_COLOR, WRONG_COLOR, "#333"] }, legend: null };
    const pixelX = { field: "x", type: "quantitative" as const, scale: null, axis: null };
    const pixelY = { field: "y", type: "quantitative" as const, scale: null, axis: null };
    // The 3 px frame sits just outside the picture.
    const framed = cells.filter((c) => c.status !== "none").map((c) => ({ ...c, x2: c.x + imageW + 2.5, y2: c.y + imageH + 2.5, x: c.x - 2.5, y: c.y - 2.5 }));
    const wrong = cells.filter((c) => c.status === "wrong").length;
    const layers: Layers = [
      {
        data: { values: cells },
        mark: { type: "image", width: imageW, height: imageH, align: "left", baseline: "top", aspect: false },
        encoding: { x: pixelX, y: pixelY, url: { field: "url", type: "nominal" } },
      },
      {
        data: { values: cells.map((c) => ({ ...c, x: c.x + imageW / 2, y: c.y + imageH + 6 })) },
        mark: { type: "text", baseline: "top", align: "center", fontSize: 11.5, lineBreak: "\n", lineHeight: 14 },
        encoding: { x: pixelX, y: pixelY, text: { field: "caption" }, color: status },
      },
    ];
    if (framed.length > 0) {
      layers.push({
        data: { values: framed },
        mark: { type: "rect", filled: false, strokeWidth: 3 },
        encoding: { x: pixelX, x2: { field: "x2" }, y: pixelY, y2: { field: "y2" }, stroke: status },
      });
    }
    return {
      ...base(options, `image grid: ${cells.length} images of ${h}×${w}${predictions && labels ? `, ${wrong} misclassified` : ""}`),
      config: { ...CONFIG, view: { stroke: null } },
      width: columns * (cellW + 12) - 12,
      height: rows * cellH,
      layer: layers,
    };
  } finally {
    images.dispose();
  }
}
