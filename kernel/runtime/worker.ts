/**
 * The runtime worker: runs the notebook's cells and holds its variables. Its output goes through
 * the stream ring; everything else it tells the main thread is a message (shared/messages.ts).
 */
import { enableCompileCache } from "../shared/compileCache";
enableCompileCache();
import * as util from "util";
import { parentPort, workerData } from "worker_threads";
import type { ErrorContent } from "../shared/errors";
import { InterruptState, RuntimeSlot, type FromRuntime, type MimeBundle, type RuntimeWorkerData, type ToRuntime } from "../shared/messages";
import { StreamRingWriter } from "../shared/streamRing";
import { CellRunner } from "./cells";
import { checkBundle, mimeBundleOf } from "./display";
import { KERNEL_HOOK, type ErrorAdvisor, type KernelHook, type KernelMimeBundle } from "./hook";
import { KeyboardInterrupt, SigintScope } from "./interruptible";
import { captureProcessOutput } from "./output";
import { CellTimers } from "./timers";
import { Tracebacks } from "./traceback";

const data = workerData as RuntimeWorkerData;
const port = parentPort!;
const state = new Int32Array(data.state);
const inputBytes = new Uint8Array(data.input);
const ring = new StreamRingWriter(data.streams);
const realSetImmediate = setImmediate;
const post = (message: DistributiveOmit<FromRuntime, "mark">) => port.postMessage({ ...message, mark: ring.mark() });
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

const scope = new SigintScope(state, RuntimeSlot.SigintScopeDepth);
const tracebacks = new Tracebacks(data.cwd, data.hiddenDirs);
const runner = new CellRunner(data.cwd, scope, tracebacks);

/** The running cell's id (-1 between cells), its stdin permission, and the origin of the callback running now. */
let currentCell = -1;
let allowStdin = false;
let currentOrigin = -1;
const origin = () => (currentOrigin !== -1 ? currentOrigin : currentCell);

const timers = new CellTimers(scope, {
  origin,
  withOrigin(cellId, fn) {
    const outer = currentOrigin;
    currentOrigin = cellId;
    try {
      return fn();
    } finally {
      currentOrigin = outer;
    }
  },
  interrupted() {
    process.stderr.write("KeyboardInterrupt: a timer callback was interrupted\n");
  },
  uncaught: (err) => reportAsync("Uncaught exception (from a callback)", err),
});
timers.install();
captureProcessOutput(ring, { cell: () => currentCell, origin });

// ------------------------------------------------------------------ the kernel hook

let inputRequests = 0;
const advisors: ErrorAdvisor[] = [];
const pendingInputs = new Map<number, { resolve(value: string): void; reject(err: Error): void }>();

function stdinNotAllowed(): Error {
  const err = new Error("this frontend does not answer input requests (allow_stdin is false): pass the value in code instead");
  err.name = "StdinNotImplementedError";
  return err;
}

const hook: KernelHook = {
  version: 1,
  display(bundle: KernelMimeBundle, options = {}) {
    const checked = checkBundle(bundle);
    if (typeof checked === "string") throw new TypeError(`display(): the bundle ${checked}`);
    post({ kind: "display", cell: currentCell, origin: origin(), bundle: checked, displayId: options.displayId, update: options.update === true });
  },
  clearOutput(options = {}) {
    post({ kind: "clearOutput", cell: currentCell, wait: options.wait === true });
  },
  input(prompt = "", options = {}) {
    if (!allowStdin) return Promise.reject(stdinNotAllowed());
    const requestId = ++inputRequests;
    post({ kind: "inputRequest", requestId, prompt: String(prompt), password: options.password === true, sync: false });
    return new Promise<string>((resolve, reject) => pendingInputs.set(requestId, { resolve, reject }));
  },
  addErrorAdvisor(advisor) {
    advisors.push(advisor);
  },
};

/** The error with what libraries know about it (see KernelHook.addErrorAdvisor). */
function advised(error: ErrorContent): ErrorContent {
  const advice: string[] = [];
  for (const advisor of advisors) {
    try {
      advice.push(...(advisor({ ename: error.ename, evalue: error.evalue }) ?? []));
    } catch (err) {
      advice.push(`(an error advisor failed: ${util.inspect(err)})`);
    }
  }
  return advice.length > 0 ? { ...error, traceback: [...error.traceback, "", ...advice] } : error;
}
Object.defineProperty(globalThis, KERNEL_HOOK, { value: hook, enumerable: false });

/** Python's input(): blocks the cell until the frontend answers (the main thread fills shared memory). */
function prompt(message = "", defaultValue?: string): string | null {
  if (!allowStdin) throw stdinNotAllowed();
  Atomics.store(state, RuntimeSlot.InputReady, 0);
  post({ kind: "inputRequest", requestId: ++inputRequests, prompt: String(message), password: false, sync: true });
  while (Atomics.wait(state, RuntimeSlot.InputReady, 0, 1000) === "timed-out") {
    // Waiting for the user; an interrupt ends the wait with a KeyboardInterrupt.
  }
  const length = Atomics.load(state, RuntimeSlot.InputLength);
  Atomics.store(state, RuntimeSlot.InputReady, 0);
  if (length < 0) return defaultValue ?? null;
  return new TextDecoder().decode(inputBytes.slice(0, length));
}
Object.defineProperty(globalThis, "prompt", { value: prompt, writable: true, configurable: true });
// console.clear() clears the cell's output, as a terminal's would.
console.clear = () => hook.clearOutput({ wait: false });

// tslab's display API (`import { display } from "tslab"`) writes through this function.
try {
  const jupyter = require("tslab/dist/jupyter") as { lastWriteDisplayData: unknown };
  jupyter.lastWriteDisplayData = (display: { data: Record<string, unknown>; metadata?: Record<string, unknown>; transient?: { display_id?: string } }, update: boolean) =>
    hook.display({ data: display.data, metadata: display.metadata }, { displayId: display.transient?.display_id, update });
} catch {
  // tslab not installed: its display API is simply unavailable.
}

// ------------------------------------------------------------------ errors of callbacks

let lastReported: unknown;
function reportAsync(what: string, err: unknown): void {
  // tfjs-backend-wasm's listeners rethrow rejections: report each error once.
  if (err === lastReported) return;
  lastReported = err;
  const { traceback } = tracebacks.fromError(err);
  process.stderr.write(`${what}: ${traceback.join("\n")}\n`);
}
// A capture callback, not an 'uncaughtException' listener: it replaces all such listeners,
// including the one tfjs-backend-wasm (emscripten) installs, which rethrows and so would end the runtime.
process.setUncaughtExceptionCaptureCallback((err) => reportAsync("Uncaught exception (from a callback)", err));
process.on("unhandledRejection", (reason) => reportAsync("Unhandled promise rejection", reason));

// ------------------------------------------------------------------ requests

function bundleOf(value: unknown): MimeBundle {
  return mimeBundleOf(value, (note) => process.stderr.write(`${note}\n`));
}

async function handle(message: ToRuntime): Promise<void> {
  switch (message.kind) {
    case "run": {
      currentCell = message.id;
      allowStdin = message.allowStdin;
      const outcome = await runner.run(message.id, message.label, message.source, message.cell);
      // Rejections of promises the cell left unawaited surface now, under the cell.
      await new Promise((resolve) => realSetImmediate(resolve));
      if (outcome.value) post({ kind: "result", id: message.id, bundle: bundleOf(outcome.value.shown) });
      const error = outcome.error ? advised(outcome.error) : undefined;
      currentCell = -1;
      allowStdin = false;
      post({ kind: "done", id: message.id, error });
      return;
    }
    case "interrupt": {
      if (Atomics.compareExchange(state, RuntimeSlot.Interrupt, InterruptState.Pending, InterruptState.Acknowledged) === InterruptState.Terminating) {
        // The main thread is stopping busy code through the inspector, and may have found none:
        // wait here for the termination, so it stops this wait and nothing else. The main thread
        // then asks again.
        while (Atomics.load(state, RuntimeSlot.Interrupt) === InterruptState.Terminating) Atomics.wait(state, RuntimeSlot.Interrupt, InterruptState.Terminating, 50);
      }
      // No cell code is on the stack while a message is handled: a scope an interrupt cut short
      // (through the inspector) left its depth behind.
      Atomics.store(state, RuntimeSlot.SigintScopeDepth, 0);
      for (const pending of pendingInputs.values()) pending.reject(new KeyboardInterrupt());
      pendingInputs.clear();
      const running = runner.interrupt();
      const clearedTimers = timers.clearAll();
      post({ kind: "interrupted", token: message.token, running, clearedTimers });
      return;
    }
    case "inputReply": {
      const pending = pendingInputs.get(message.requestId);
      pendingInputs.delete(message.requestId);
      if (message.value === null) pending?.reject(new KeyboardInterrupt("the input request was cancelled"));
      else pending?.resolve(message.value);
      return;
    }
    case "evaluate": {
      const results: Extract<FromRuntime, { kind: "evaluated" }>["results"] = {};
      for (const [name, compiled] of Object.entries(message.expressions)) {
        if ("ename" in compiled) {
          results[name] = { status: "error", ...compiled };
          continue;
        }
        try {
          results[name] = { status: "ok", bundle: bundleOf(runner.evaluate(compiled)) };
        } catch (err) {
          results[name] = { status: "error", ...tracebacks.fromError(err) };
        }
      }
      post({ kind: "evaluated", id: message.id, results });
      return;
    }
  }
}

port.on("message", (message: ToRuntime) => {
  handle(message).catch((err) => process.stderr.write(`kernel runtime: ${util.inspect(err)}\n`));
});
post({ kind: "ready" });
