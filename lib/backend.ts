/**
 * One tfjs engine for the whole kit: the lib, the notebooks and danfo share it.
 *
 * Backend preference: native `tensorflow` (from @tensorflow/tfjs-node, an optional
 * dependency that only installs where libtensorflow can be downloaded), then `wasm`
 * (pure npm, SIMD), then `cpu`. `NN_BACKEND=tensorflow|wasm|cpu` forces one.
 */
import * as tfjs from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import type { KernelHook } from "../kernel/runtime/hook";
import { installTensorInspection } from "./display/tensorText";
import { registerMatVecKernel } from "./wasmBackend/matVec";

installTensorInspection(tfjs.Tensor);

export type BackendName = "tensorflow" | "wasm" | "cpu";
export const BACKEND_ENV = "NN_BACKEND";
const PREFERENCE: readonly BackendName[] = ["tensorflow", "wasm", "cpu"];

/** Loads tfjs-node if it is installed and its native library loads; says why not otherwise. */
function loadNative(): { loaded: boolean; reason?: string } {
  try {
    // tfjs-node registers the `tensorflow` backend in the shared engine as a side effect.
    require("@tensorflow/tfjs-node");
    return { loaded: true };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return {
      loaded: false,
      reason:
        code === "MODULE_NOT_FOUND"
          ? "@tensorflow/tfjs-node is not installed"
          : `@tensorflow/tfjs-node did not load: ${(err as Error).message.split("\n")[0]}`,
    };
  }
}

let native: { loaded: boolean; reason?: string } | undefined;
let readyPromise: Promise<BackendName> | undefined;

function requestedBackend(): BackendName | undefined {
  const raw = process.env[BACKEND_ENV]?.trim().toLowerCase();
  if (!raw) return undefined;
  const name = raw === "native" || raw === "node" ? "tensorflow" : raw;
  if (!(PREFERENCE as readonly string[]).includes(name)) {
    throw new Error(
      `${BACKEND_ENV}=${raw} is not a backend this kit knows; use one of ${PREFERENCE.join(", ")}`,
    );
  }
  return name as BackendName;
}

async function initialize(): Promise<BackendName> {
  registerMatVecKernel(); // the lib's matrix–vector products on the wasm backend (NN_MATVEC=tfjs: tfjs's own)
  const forced = requestedBackend();
  if (forced === undefined || forced === "tensorflow") native = loadNative();
  if (forced === "tensorflow" && !native?.loaded) {
    throw new Error(`${BACKEND_ENV}=tensorflow, but ${native?.reason}. Install it with: npm install @tensorflow/tfjs-node`);
  }
  const candidates = forced ? [forced] : PREFERENCE.filter((b) => b !== "tensorflow" || native?.loaded);
  for (const name of candidates) {
    if (await tfjs.setBackend(name)) {
      await tfjs.ready();
      return name;
    }
  }
  throw new Error(`no tfjs backend could be initialized (tried ${candidates.join(", ")})`);
}

/**
 * Resolves once the preferred backend is initialized; every later call returns the same promise.
 * Notebooks call `await nn.ready()` once, before the first tensor op.
 */
export function ready(): Promise<BackendName> {
  readyPromise ??= initialize();
  return readyPromise;
}

/** The active backend's name, e.g. "wasm". */
export function backendName(): string {
  return tfjs.getBackend();
}

/** What is active and why: for the kernel tour and for bug reports. */
export function backendInfo(): {
  backend: string;
  forcedBy?: string;
  native: string;
  tfjsVersion: string;
} {
  const forced = process.env[BACKEND_ENV]?.trim();
  return {
    backend: tfjs.getBackend(),
    ...(forced ? { forcedBy: `${BACKEND_ENV}=${forced}` } : {}),
    native: native === undefined ? "not tried" : native.loaded ? "loaded" : (native.reason ?? "not loaded"),
    tfjsVersion: tfjs.version.tfjs,
  };
}

/**
 * When the WebAssembly backend's heap is full, its ops fail with "memory access out of bounds" and
 * keep failing, even after disposing: the module is broken. Starting tfjs's engine afresh gives a
 * new heap — every tensor made before is gone with the old one.
 */
const WASM_EXHAUSTED = /memory access out of bounds|Aborted\(|Cannot enlarge memory|could not allocate memory/i;

function recoverFromFullWasmHeap(error: { ename: string; evalue: string }): string[] | undefined {
  if (tfjs.getBackend() !== "wasm" || !WASM_EXHAUSTED.test(`${error.ename}: ${error.evalue}`)) return undefined;
  const alive = tfjs.memory().numTensors;
  tfjs.engine().reset();
  readyPromise = tfjs.setBackend("wasm").then(() => tfjs.ready().then(() => "wasm" as const));
  void readyPromise.catch(() => {});
  return [
    `The tensors' memory (tfjs's WebAssembly heap) was full: ${alive} tensors were alive, never disposed.`,
    "The kit started tfjs afresh: new tensors work again, but every tensor made before is gone —",
    "re-run the cells that make the ones you need. To keep memory flat, wrap tensor work in",
    "tf.tidy(() => …), dispose() tensors you replace, and watch tf.memory().numTensors.",
  ];
}

// In the course kernel, explain (and recover from) tfjs's own memory errors in the cell's traceback.
(globalThis as { [key: symbol]: KernelHook | undefined })[Symbol.for("nn-basics-ts.kernel")]?.addErrorAdvisor(recoverFromFullWasmHeap);

export { tfjs as tf };
