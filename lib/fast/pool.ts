/**
 * Two threads for the trainer: the main thread and one worker (worker_threads) run the same
 * WebAssembly kernel on one shared memory. Each gradient-descent iteration is split into two fixed
 * halves of the examples, A and B, each with its own dw buffer; the main thread always does A, and
 * B is claimed by whichever thread gets to it first (an atomic compare-and-swap). So:
 *  - the result does not depend on which thread did what (same arithmetic, same order: bit-identical
 *    with or without the worker);
 *  - the call stays synchronous (the main thread waits with Atomics.wait, allowed in Node);
 *  - a worker that is still starting, or descheduled by a busy machine, costs nothing: the main
 *    thread does B itself.
 * The worker is started on first use, kept for later calls and unref'd (it never keeps the process
 * alive); between jobs it sleeps in its event loop.
 */
import * as os from "os";
import { Worker } from "worker_threads";
import { MAX_PAGES, PAGE_BYTES, instantiate, kernelModuleShared, type KernelExports } from "./kernel";

/** `NN_FAST_THREADS=1` keeps the trainer on the main thread (2 = main + one worker, the default on 2+ cores). */
export const THREADS_ENV = "NN_FAST_THREADS";

/** Slots of the control block (Int32 indices; float64 slots at F64_*). */
const CTL = {
  JOB: 0, GEN: 1, CLAIM: 2, DONE: 3, ERROR: 4, READY: 5, WITH_COST: 6,
  U8: 7, X: 8, N: 9, COUNT: 10, Y: 11, W32: 12, DW: 13, OUT: 14,
} as const;
const F64_B = 8; // byte 64
const F64_SCALE = 9; // byte 72
const ERROR_TEXT_OFFSET = 128;
const CONTROL_BYTES = 1024;
const WORKER_TIMEOUT_MS = 120_000;
/** Polls of a flag before a thread falls back to sleeping on it (either thread's wait). */
const SPINS = 20_000;

/** Half B of an iteration: where its examples, labels and outputs are. */
export interface HalfB {
  x: number;
  u8: boolean;
  n: number;
  count: number;
  y: number;
  w32: number;
  dw: number;
  out: number;
  scale: number;
}

// The worker, as source text (eval: true), so the same code runs from the TypeScript sources (tsx,
// mocha) and from the compiled build. Busy-waits briefly (the main thread's gap between two
// iterations is microseconds), then sleeps on the futex. Its `math` imports repeat
// KERNEL_MATH_IMPORTS: functions cannot travel in workerData.
const WORKER_SOURCE = `
"use strict";
const { parentPort, workerData } = require("worker_threads");
const { module, memory, control, CTL, F64_B, F64_SCALE, ERROR_TEXT_OFFSET, SPINS } = workerData;
const kernel = new WebAssembly.Instance(module, { env: { memory }, math: { exp: Math.exp, log1p: Math.log1p } }).exports;
const ctl = new Int32Array(control);
const f64 = new Float64Array(control);
function runJob(job) {
  let seen = -1;
  for (;;) {
    if (Atomics.load(ctl, CTL.JOB) !== job) return;
    const g = Atomics.load(ctl, CTL.GEN);
    if (g !== seen) {
      seen = g;
      if (Atomics.compareExchange(ctl, CTL.CLAIM, g - 1, g) === g - 1) {
        kernel.propagate(ctl[CTL.X], ctl[CTL.U8], ctl[CTL.N], ctl[CTL.COUNT], ctl[CTL.Y], ctl[CTL.W32], ctl[CTL.DW],
          f64[F64_B], f64[F64_SCALE], ctl[CTL.WITH_COST], ctl[CTL.OUT]);
        Atomics.store(ctl, CTL.DONE, g);
        Atomics.notify(ctl, CTL.DONE);
      }
    }
    let spins = 0;
    while (Atomics.load(ctl, CTL.GEN) === seen && Atomics.load(ctl, CTL.JOB) === job && ++spins < SPINS);
    if (spins >= SPINS) Atomics.wait(ctl, CTL.GEN, seen, 20);
  }
}
parentPort.on("message", (job) => {
  try {
    runJob(job);
  } catch (err) {
    const text = new TextEncoder().encode(String(err && err.stack || err)).slice(0, control.byteLength - ERROR_TEXT_OFFSET - 1);
    new Uint8Array(control, ERROR_TEXT_OFFSET).set(text);
    Atomics.store(ctl, CTL.ERROR, 1);
    Atomics.store(ctl, CTL.DONE, Atomics.load(ctl, CTL.GEN));
    Atomics.notify(ctl, CTL.DONE);
  }
});
Atomics.store(ctl, CTL.READY, 1);
`;

/** The process-wide pool: the shared memory, the main thread's kernel instance, the optional worker. */
export class KernelPool {
  readonly memory: WebAssembly.Memory;
  readonly kernel: KernelExports;
  private readonly control = new SharedArrayBuffer(CONTROL_BYTES);
  private readonly ctl = new Int32Array(this.control);
  private readonly f64 = new Float64Array(this.control);
  private worker: Worker | undefined;
  private workerFailed: string | undefined;
  private nextJob = 1;
  private job = 0;
  /** Iterations whose half B the worker did / the main thread did, in the current or last job. */
  readonly stats = { workerHalves: 0, mainHalves: 0 };

  constructor() {
    this.memory = new WebAssembly.Memory({ initial: 1, maximum: MAX_PAGES, shared: true });
    this.kernel = instantiate(kernelModuleShared(), this.memory);
  }

  /** Grows the shared memory to at least `bytes`; false if that exceeds MAX_PAGES. */
  ensureBytes(bytes: number): boolean {
    const pages = Math.ceil(bytes / PAGE_BYTES);
    const have = this.memory.buffer.byteLength / PAGE_BYTES;
    if (pages > MAX_PAGES) return false;
    if (pages > have) this.memory.grow(pages - have);
    return true;
  }

  /** The memory's current bytes (a fresh view: the buffer object changes when memory grows). */
  get buffer(): SharedArrayBuffer {
    return this.memory.buffer as unknown as SharedArrayBuffer;
  }

  /** How many threads the trainer should use: NN_FAST_THREADS, else 2 on a machine with 2+ cores. */
  static defaultThreads(): number {
    const raw = process.env[THREADS_ENV]?.trim();
    if (raw) {
      const n = Number(raw);
      if (!Number.isInteger(n) || n < 1) throw new Error(`${THREADS_ENV}=${raw}: expected a positive integer (1 = no worker thread)`);
      return Math.min(n, 2);
    }
    const cores = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
    return cores >= 2 ? 2 : 1;
  }

  private startWorker(): void {
    if (this.worker || this.workerFailed) return;
    try {
      const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: {
          module: kernelModuleShared(),
          memory: this.memory,
          control: this.control,
          CTL,
          F64_B,
          F64_SCALE,
          ERROR_TEXT_OFFSET,
          SPINS,
        },
      });
      worker.unref();
      worker.on("error", (err) => {
        this.workerFailed = `worker thread failed: ${err.message}`;
        this.worker = undefined;
      });
      worker.on("exit", () => {
        this.worker = undefined;
      });
      this.worker = worker;
    } catch (err) {
      this.workerFailed = `worker thread could not start: ${(err as Error).message}`;
    }
  }

  /** Whether the worker thread is running (started and instantiated). */
  get workerReady(): boolean {
    return this.worker !== undefined && Atomics.load(this.ctl, CTL.READY) === 1;
  }

  /**
   * Starts a job: from now on, every `iteration()` offers half B to the worker (when `threads` is 2).
   * End it with `endJob()` (also after an error).
   */
  beginJob(halfB: HalfB, threads: number): void {
    const { ctl } = this;
    ctl[CTL.U8] = halfB.u8 ? 1 : 0;
    ctl[CTL.X] = halfB.x;
    ctl[CTL.N] = halfB.n;
    ctl[CTL.COUNT] = halfB.count;
    ctl[CTL.Y] = halfB.y;
    ctl[CTL.W32] = halfB.w32;
    ctl[CTL.DW] = halfB.dw;
    ctl[CTL.OUT] = halfB.out;
    this.f64[F64_SCALE] = halfB.scale;
    this.stats.workerHalves = 0;
    this.stats.mainHalves = 0;
    // CLAIM = GEN: the next generation's half B is unclaimed.
    Atomics.store(ctl, CTL.CLAIM, Atomics.load(ctl, CTL.GEN));
    this.job = this.nextJob++;
    Atomics.store(ctl, CTL.JOB, this.job);
    if (threads >= 2 && !this.workerFailed) {
      this.startWorker();
      this.worker?.postMessage(this.job);
    }
  }

  /**
   * One iteration's work: half A on this thread (`runHalfA`), half B on the worker if it claims it
   * first, else here too. Returns when both halves' dw and out are written.
   */
  iteration(b: number, withCost: boolean, runHalfA: () => void, runHalfB: () => void): void {
    const { ctl } = this;
    this.f64[F64_B] = b;
    ctl[CTL.WITH_COST] = withCost ? 1 : 0;
    const g = Atomics.add(ctl, CTL.GEN, 1) + 1; // publishes the parameters above (seq-cst)
    Atomics.notify(ctl, CTL.GEN);
    runHalfA();
    if (Atomics.compareExchange(ctl, CTL.CLAIM, g - 1, g) === g - 1) {
      runHalfB();
      this.stats.mainHalves++;
      return;
    }
    // The worker has half B: wait for it, spinning first (it usually finishes within microseconds of us).
    let spins = 0;
    let sleptSince = 0;
    while (Atomics.load(ctl, CTL.DONE) !== g) {
      if (++spins > SPINS) {
        sleptSince ||= Date.now();
        const done = Atomics.load(ctl, CTL.DONE);
        if (done !== g) Atomics.wait(ctl, CTL.DONE, done, 50);
        // Half B takes milliseconds; minutes without it means the worker is gone. Never hang forever.
        if (Date.now() - sleptSince > WORKER_TIMEOUT_MS && Atomics.load(ctl, CTL.DONE) !== g) {
          this.workerFailed = `no answer for ${WORKER_TIMEOUT_MS / 1000} s`;
          void this.worker?.terminate();
          this.worker = undefined;
          throw new Error(`fast trainer: the worker thread stopped answering (iteration ${g}); set ${THREADS_ENV}=1 to train on one thread`);
        }
      }
    }
    if (Atomics.load(ctl, CTL.ERROR) !== 0) {
      const bytes = new Uint8Array(this.control, ERROR_TEXT_OFFSET);
      const text = new TextDecoder().decode(bytes.slice(0, bytes.indexOf(0)));
      this.workerFailed = text;
      void this.worker?.terminate();
      this.worker = undefined;
      throw new Error(`fast trainer: the worker thread failed: ${text}`);
    }
    this.stats.workerHalves++;
  }

  /** Ends the current job; the worker goes back to sleep in its event loop. */
  endJob(): void {
    Atomics.store(this.ctl, CTL.JOB, 0);
    Atomics.notify(this.ctl, CTL.GEN);
    this.job = 0;
  }

  /** Why the worker is not used, if it failed. */
  get workerProblem(): string | undefined {
    return this.workerFailed;
  }

  /** Stops the worker (tests; the process does not need it, the worker is unref'd). */
  async terminateWorker(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    Atomics.store(this.ctl, CTL.READY, 0);
    if (worker) await worker.terminate();
  }
}

let pool: KernelPool | undefined;

/** The process-wide pool (created on first use). */
export function kernelPool(): KernelPool {
  pool ??= new KernelPool();
  return pool;
}

/** The pool if something has used it, else undefined (memory reports must not create it). */
export function existingKernelPool(): KernelPool | undefined {
  return pool;
}
