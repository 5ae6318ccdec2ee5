/** What the lib adds to tfjs's wasm backend: faster matrix–vector products, in-place access to tensors' memory. */
export { useMatVecKernel } from "./matVec";
