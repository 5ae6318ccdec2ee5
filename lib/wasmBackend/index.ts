/** What the lib adds to tfjs's wasm backend: faster matrix–vector products, in-place access to tensors' memory. */
export { MATVEC_ENV, matVecKernelActive, planMatMul, registerMatVecKernel, useMatVecKernel } from "./matVec";
export type { MatVecPlan } from "./matVec";
export { heapFloat32, heapKernel, heapOffset } from "./heap";
export type { WasmBackendInternals } from "./heap";
