/** Things that show themselves in the notebook: images, tables; show() for any of them. */
export { display, isDisplayable } from "./mimebundle";
export type { MimeBundle, Displayable } from "./mimebundle";
export { show } from "./show";
export { image, Image } from "./image";
export type { ImageOptions } from "./image";
export { imageToPng, imageToDataUrl } from "./png";
export type { PngOptions, ImageLike } from "./png";
export { table, Table } from "./table";
export type { TableOptions } from "./table";
