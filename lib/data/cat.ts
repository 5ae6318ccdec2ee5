/**
 * The course's cat / non-cat dataset (week-2 programming assignment): train_catvnoncat.h5 and
 * test_catvnoncat.h5. The files are not part of this project; point COURSE_DATA_DIR at the folder
 * that contains catvnoncat/.
 */
import * as fs from "fs";
import * as path from "path";
import { tf } from "../backend";
import { formatShape } from "../tensor/assertShape";
import { readH5Datasets, type H5Array } from "./h5";
import { projectRoot } from "./paths";
import type { ImageDataset } from "./types";

export const COURSE_DATA_ENV = "COURSE_DATA_DIR";
export const CAT_FILES = { train: "train_catvnoncat.h5", test: "test_catvnoncat.h5" } as const;

const HOW_TO_GET =
  `The files come with the course's week-2 programming assignment ("Logistic Regression with a ` +
  `Neural Network mindset", its datasets/ folder). Put them in a folder named catvnoncat/ and set ` +
  `${COURSE_DATA_ENV} to the folder that contains catvnoncat/ (or place catvnoncat/ in the project's data/ folder).`;
const HOW_TO_REPLACE =
  "Replace it with an intact copy from the course's week-2 programming assignment (its datasets/ folder).";

/** One place the loader looked, and why it looked there. */
export interface CatDataLocation {
  dir: string;
  reason: string;
  /** which of the two files are there */
  hasTrain: boolean;
  hasTest: boolean;
}

/**
 * The places where the course files may be, in the order they are tried: `dir` alone when given;
 * otherwise $COURSE_DATA_DIR/catvnoncat, $COURSE_DATA_DIR itself, then <project>/data/catvnoncat.
 */
export function catDataLocations(dir?: string): CatDataLocation[] {
  const candidates: { dir: string; reason: string }[] = [];
  if (dir !== undefined) {
    candidates.push({ dir: path.resolve(dir), reason: "the folder you passed" });
  } else {
    const env = process.env[COURSE_DATA_ENV]?.trim();
    if (env) {
      candidates.push({ dir: path.resolve(env, "catvnoncat"), reason: `${COURSE_DATA_ENV}=${env}` });
      candidates.push({ dir: path.resolve(env), reason: `${COURSE_DATA_ENV}=${env}, the folder itself` });
    }
    const root = projectRoot();
    if (root) candidates.push({ dir: path.join(root, "data", "catvnoncat"), reason: "the project's data/ folder" });
  }
  return candidates.map((c) => ({
    ...c,
    hasTrain: fs.existsSync(path.join(c.dir, CAT_FILES.train)),
    hasTest: fs.existsSync(path.join(c.dir, CAT_FILES.test)),
  }));
}

/** The first folder holding both files, or undefined. */
export function findCatDataDir(dir?: string): string | undefined {
  return catDataLocations(dir).find((l) => l.hasTrain && l.hasTest)?.dir;
}

/** The error for "not found", listing every place that was tried. */
function catFilesNotFoundMessage(caller: string, locations: CatDataLocation[], dirGiven = false): string {
  const lines = locations.map((l) => {
    const found = l.hasTrain ? ` (only ${CAT_FILES.train} is there)` : l.hasTest ? ` (only ${CAT_FILES.test} is there)` : "";
    return `  - ${l.dir}  [${l.reason}]${found}`;
  });
  const envNote = dirGiven || process.env[COURSE_DATA_ENV]?.trim() ? "" : ` (${COURSE_DATA_ENV} is not set)`;
  return (
    `${caller}: the course's cat / non-cat files ${CAT_FILES.train} and ${CAT_FILES.test} were not found${envNote}. ` +
    `Looked in:\n${lines.join("\n") || "  (nowhere: no folder to look in)"}\n${HOW_TO_GET}`
  );
}

function fail(file: string, problem: string): never {
  throw new Error(`loadCatDataset: ${file}: ${problem}; it is not the course's file. ${HOW_TO_REPLACE}`);
}

/** Checks an (m, h, w, 3) uint8 image array and returns its pixels as float32. */
function imagesFrom(file: string, array: H5Array): { pixels: Float32Array; shape: [number, number, number, number] } {
  const { shape, dtype, value } = array;
  if (shape.length !== 4 || shape[3] !== 3) {
    fail(file, `"${array.name}" has shape ${formatShape(shape)}, expected (m, height, width, 3) RGB images`);
  }
  if (dtype !== "uint8" || !(value instanceof Uint8Array)) {
    fail(file, `"${array.name}" holds ${dtype}, expected uint8 pixels 0..255`);
  }
  return { pixels: Float32Array.from(value), shape: shape as [number, number, number, number] };
}

/** Checks an (m,) or (1, m) array of 0/1 labels and returns them as float32. */
function labelsFrom(file: string, array: H5Array, m: number): Float32Array {
  const { shape, dtype, value } = array;
  const count = shape.reduce((a, b) => a * b, 1);
  const isRowOrVector = shape.length === 1 || (shape.length === 2 && shape[0] === 1);
  if (!isRowOrVector || count !== m) {
    fail(file, `"${array.name}" has shape ${formatShape(shape)}, expected (${m},) labels, one per image`);
  }
  if (!dtype.startsWith("int") && !dtype.startsWith("uint")) {
    fail(file, `"${array.name}" holds ${dtype}, expected integer labels 0/1`);
  }
  const labels = Float32Array.from(value as ArrayLike<number | bigint>, (v) => Number(v));
  const bad = labels.findIndex((v) => v !== 0 && v !== 1);
  if (bad >= 0) fail(file, `"${array.name}"[${bad}] is ${labels[bad]}, expected labels 0 or 1`);
  return labels;
}

function classesFrom(file: string, array: H5Array): string[] {
  const { value } = array;
  const names = Array.isArray(value) ? value : [value];
  if (array.dtype !== "string" || names.length !== 2 || !names.every((n) => typeof n === "string")) {
    fail(file, `"${array.name}" should hold the 2 class names, it holds ${array.dtype} ${formatShape(array.shape)}`);
  }
  return names as string[];
}

async function readSplit(file: string, split: "train" | "test") {
  const xName = `${split}_set_x`;
  const yName = `${split}_set_y`;
  const arrays = await readH5Datasets(file, [xName, yName, "list_classes"], "loadCatDataset", HOW_TO_REPLACE);
  const images = imagesFrom(file, arrays.get(xName)!);
  const labels = labelsFrom(file, arrays.get(yName)!, images.shape[0]);
  const classes = classesFrom(file, arrays.get("list_classes")!);
  return { ...images, labels, classes };
}

/**
 * Loads the course's cat / non-cat images from `dir` (the folder holding the two .h5 files), else
 * from $COURSE_DATA_DIR/catvnoncat, else from <project>/data/catvnoncat.
 *
 * Result (the course's numpy arrays, as tfjs tensors): trainX (209, 64, 64, 3) and testX (50, 64, 64, 3)
 * float32 with whole-number pixels 0..255; trainY (1, 209) and testY (1, 50) float32 0/1;
 * classes ["non-cat", "cat"]. Throws a message listing every folder tried when the files are not
 * found, and naming the file and the problem when a file is not the course's (not HDF5, truncated,
 * missing datasets, wrong shapes or types).
 */
export async function loadCatDataset(dir?: string): Promise<ImageDataset> {
  const locations = catDataLocations(dir);
  const found = locations.find((l) => l.hasTrain && l.hasTest);
  if (!found) throw new Error(catFilesNotFoundMessage("loadCatDataset", locations, dir !== undefined));

  const trainFile = path.join(found.dir, CAT_FILES.train);
  const testFile = path.join(found.dir, CAT_FILES.test);
  const train = await readSplit(trainFile, "train");
  const test = await readSplit(testFile, "test");
  const [, h, w, c] = train.shape;
  if (test.shape[1] !== h || test.shape[2] !== w || test.shape[3] !== c) {
    fail(testFile, `images are ${formatShape(test.shape.slice(1))}, but ${CAT_FILES.train} has ${formatShape([h, w, c])}`);
  }
  if (train.classes.join() !== test.classes.join()) {
    fail(testFile, `classes [${test.classes}] differ from ${CAT_FILES.train}'s [${train.classes}]`);
  }
  return {
    trainX: tf.tensor4d(train.pixels, train.shape, "float32"),
    trainY: tf.tensor2d(train.labels, [1, train.labels.length], "float32"),
    testX: tf.tensor4d(test.pixels, test.shape, "float32"),
    testY: tf.tensor2d(test.labels, [1, test.labels.length], "float32"),
    classes: train.classes,
  };
}
