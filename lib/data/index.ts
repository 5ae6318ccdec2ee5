/** Datasets: the course's cat / non-cat files, the embedded default digits, small danfo tables. */
export { loadCatDataset, findCatDataDir, catDataLocations, COURSE_DATA_ENV, CAT_FILES } from "./cat";
export type { CatDataLocation } from "./cat";
export { loadDefaultImageDataset, DEFAULT_TARGET_DIGIT } from "./digits";
export type { DefaultImageDataset, DefaultImageDatasetOptions } from "./digits";
export { loadImageDataset } from "./images";
export { flattenAndStandardize } from "./flattenAndStandardize";
export type { ImageDatasetOptions, LoadedImageDataset } from "./images";
export { caloriesTable, irisTable, tableToXY, IRIS_CLASSES, IRIS_FEATURES } from "./tabular";
export type { ImageDataset } from "./types";
