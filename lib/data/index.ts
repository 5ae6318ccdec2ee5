/** Data: the course's cat / non-cat files or the embedded default digits, a picture of your own, small danfo tables. */
export { loadImageDataset } from "./images";
export { loadImageFile } from "./imageFile";
export { flattenAndStandardize } from "./flattenAndStandardize";
export { caloriesTable, irisTable, tableToXY, IRIS_FEATURES } from "./tabular";
