/** Things that show themselves in the notebook: images, tables; nn.display() for any of them. */
export { image } from "./image";
export { table } from "./table";
