/**
 * Two threads for the lib's kernels: the main thread and one worker (worker_threads) run the same
 * WebAssembly kernel on one shared memory. Each call (a gradient-descent iteration, a matrix–vector
 * product) is split into two fixed halves of the examples, A and B, each with its own outputs; the
 * main thread always does A, and B is claimed by whichever thread gets to it first (an atomic
 * compare-and-swap). So:
 *  - the result does not depend on which thread did what (same arithmetic, same order: bit-identical
 *    with or without the worker);
 *  - the call stays synchronous (the main thread waits with Atomics.wait, allowed in Node);
 *  - a worker that is still starting, or busy, costs nothing: the main thread does B itself; a worker
 *    that claims B and then loses its core (a loaded machine) is waited for once, and then left out
 *    for a number of calls that doubles while that repeats.
 * Calls come in jobs (a trainer's iterations; a series of matrix–vector products): inside one the
 * worker spins briefly, then sleeps on the futex between calls, and it goes back to its event loop
 * when the job ends or after IDLE_MS without a call. The worker is started on first use, kept for
 * later calls and unref'd (it never keeps the process alive).
 */
import * as os from "os";
import { Worker } from "worker_threads";
import { MAX_PAGES, PAGE_BYTES, instantiate, kernelModuleShared, type KernelExports } from "./kernel";

/** `NN_FAST_THREADS=1` keeps the trainer on the main thread (2 = main + one worker, the default on 2+ cores). */
export const THREADS_ENV = "NN_FAST_THREADS";
/** `NN_FAST_MAX_MB=N` caps the fast path's memory below its 1 GiB maximum; larger problems use tfjs ops. */
export const MAX_MB_ENV = "NN_FAST_MAX_MB";

/** Smallest n_x·m for which the kernels use the worker thread by default. */
export const THREAD_MIN_WORK = 100_000;

/** The kernel exports a half can run (by index in the control block). */
export const HALF_FUNCTIONS = ["propagate", "dots", "combine"] as const;
export type HalfFunction = (typeof HALF_FUNCTIONS)[number];

/** One half of an iteration's work: a call of one of the kernel's exports, with its (numeric) arguments. */
export interface HalfCall {
  fn: HalfFunction;
  args: readonly number[];
}

/** Slots of the control block (Int32 indices); the call's arguments are float64 from byte ARGS_BYTE. */
const CTL = { JOB: 0, GEN: 1, CLAIM: 2, DONE: 3, ERROR: 4, READY: 5, IN_JOB: 6, FN: 7, NARGS: 8 } as const;
const ARGS_BYTE = 64;
const MAX_ARGS = 12;
const ERROR_TEXT_OFFSET = ARGS_BYTE + 8 * MAX_ARGS;
const CONTROL_BYTES = 1024;
const WORKER_TIMEOUT_MS = 120_000;
/** Polls of a flag before a thread falls back to sleeping on it (either thread's wait). */
const SPINS = 20_000;
/** A wait for the worker's half longer than this (and than half A took) counts as a stall. */
const STALL_MIN_MS = 0.5;
/** Calls run alone after a stall: doubling from MIN to MAX while stalls repeat. */
const MIN_BACKOFF_CALLS = 8;
const MAX_BACKOFF_CALLS = 4096;
/** A worker left alone this long in a job goes back to its event loop (an open job is re-offered on next use). */
const IDLE_MS = 1000;

// The worker, as source text (eval: true), so the same code runs from the TypeScript sources (tsx,
// mocha) and from the compiled build. Busy-waits briefly (the main thread's gap between two
// iterations is microseconds), then sleeps on the futex. Its `math` imports repeat
// KERNEL_MATH_IMPORTS: functions cannot travel in workerData.
const WORKER_SOURCE = `
"use strict";
const { parentPort, workerData } = require("worker_threads");
const { module, memory, control, CTL, ARGS_BYTE, ERROR_TEXT_OFFSET, SPINS, IDLE_MS, FUNCTIONS } = workerData;
const kernel = new WebAssembly.Instance(module, { env: { memory }, math: { exp: Math.exp, log1p: Math.log1p } }).exports;
const ctl = new Int32Array(control);
const f64 = new Float64Array(control);
const fns = FUNCTIONS.map((name) => kernel[name]);
function runJob(job) {
  Atomics.store(ctl, CTL.IN_JOB, job);
  let seen = -1;
  let active = Date.now();
  for (;;) {
    if (Atomics.load(ctl, CTL.JOB) !== job) return;
    const g = Atomics.load(ctl, CTL.GEN);
    if (g !== seen) {
      seen = g;
      active = Date.now();
      if (Atomics.compareExchange(ctl, CTL.CLAIM, g - 1, g) === g - 1) {
        const n = ctl[CTL.NARGS];
        fns[ctl[CTL.FN]](...f64.subarray(ARGS_BYTE / 8, ARGS_BYTE / 8 + n));
        Atomics.store(ctl, CTL.DONE, g);
        Atomics.notify(ctl, CTL.DONE);
      }
    }
    let spins = 0;
    while (Atomics.load(ctl, CTL.GEN) === seen && Atomics.load(ctl, CTL.JOB) === job && ++spins < SPINS);
    if (spins >= SPINS) {
      if (Date.now() - active > IDLE_MS) {
        // Back to the event loop; the main thread re-offers the job when it wants help again.
        Atomics.compareExchange(ctl, CTL.IN_JOB, job, -job);
        return;
      }
      Atomics.wait(ctl, CTL.GEN, seen, 20);
    }
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
  private readonly args = new Float64Array(this.control, ARGS_BYTE, MAX_ARGS);
  private worker: Worker | undefined;
  private workerFailed: string | undefined;
  private nextJob = 1;
  private job = 0;
  /** Calls whose half B the worker did / the main thread did, and waits for a stalled worker, since the pool started. */
  readonly stats = { workerHalves: 0, mainHalves: 0, stalls: 0 };
  private calls = 0;
  /** Calls before this number run both halves here (after a stall). */
  private soloUntil = 0;
  private backoff = MIN_BACKOFF_CALLS;

  constructor() {
    this.memory = new WebAssembly.Memory({ initial: 1, maximum: MAX_PAGES, shared: true });
    this.kernel = instantiate(kernelModuleShared(), this.memory);
  }

  /** Grows the shared memory to at least `bytes`; false if that exceeds the cap or the system refuses. */
  ensureBytes(bytes: number): boolean {
    const pages = Math.ceil(bytes / PAGE_BYTES);
    const have = this.memory.buffer.byteLength / PAGE_BYTES;
    if (bytes > this.maxBytes) return false;
    try {
      if (pages > have) this.memory.grow(pages - have);
    } catch {
      return false; // RangeError: the engine could not reserve that much
    }
    return true;
  }

  /** The memory cap in bytes: NN_FAST_MAX_MB, at most MAX_PAGES pages (1 GiB). */
  get maxBytes(): number {
    const raw = process.env[MAX_MB_ENV]?.trim();
    const cap = MAX_PAGES * PAGE_BYTES;
    if (!raw) return cap;
    const mb = Number(raw);
    if (!(mb > 0)) throw new Error(`${MAX_MB_ENV}=${raw}: expected a positive number of megabytes`);
    return Math.min(mb * 2 ** 20, cap);
  }

  /** The memory's current bytes (a fresh view: the buffer object changes when memory grows). */
  get buffer(): SharedArrayBuffer {
    return this.memory.buffer as unknown as SharedArrayBuffer;
  }

  /**
   * Threads for a call over `work` elements (n_x·m): `requested` if given, else 1 below
   * THREAD_MIN_WORK (a second thread pays off once a call is worth tens of microseconds), else
   * defaultThreads(); at most 2.
   */
  static threadsFor(work: number, requested?: number): number {
    return Math.min(requested ?? (work >= THREAD_MIN_WORK ? KernelPool.defaultThreads() : 1), 2);
  }

  /** How many threads the kernels should use: NN_FAST_THREADS, else 2 on a machine with 2+ cores. */
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
          ARGS_BYTE,
          ERROR_TEXT_OFFSET,
          SPINS,
          IDLE_MS,
          FUNCTIONS: HALF_FUNCTIONS,
        },
      });
      worker.unref();
      worker.on("error", (err) => {
        this.workerFailed = `worker thread failed: ${err.message}`;
        this.worker = undefined;
      });
      worker.on("exit", () => {
        this.worker = undefined;
        this.endJob(); // a new worker gets the next call's job
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

  /** Opens a job (the worker takes part in the calls that follow), or re-offers an open one the worker left. */
  private ensureJob(): void {
    if (this.job === 0) {
      // CLAIM = GEN: the next generation's half B is unclaimed.
      Atomics.store(this.ctl, CTL.CLAIM, Atomics.load(this.ctl, CTL.GEN));
      this.job = this.nextJob++;
      Atomics.store(this.ctl, CTL.JOB, this.job);
      this.offerJob();
    } else if (Atomics.load(this.ctl, CTL.IN_JOB) === -this.job) {
      this.offerJob(); // the worker went back to its event loop after IDLE_MS
    }
  }

  private offerJob(): void {
    if (this.workerFailed) return;
    this.startWorker();
    Atomics.store(this.ctl, CTL.IN_JOB, 0);
    this.worker?.postMessage(this.job);
  }

  /**
   * One call's work: half A on this thread (`runHalfA`), half B (`halfB`) on the worker if it
   * claims it first, else here too; with `threads` 1, both here. Returns when both halves are done.
   * The job stays open after the call (the worker at hand for the next one, e.g. propagate in a loop).
   */
  run(halfB: HalfCall, runHalfA: () => void, threads: number): void {
    this.calls++;
    if (threads < 2 || this.workerFailed || this.calls < this.soloUntil) {
      runHalfA();
      (this.kernel[halfB.fn] as (...args: number[]) => void)(...halfB.args);
      this.stats.mainHalves++;
      return;
    }
    this.ensureJob();
    const { ctl } = this;
    if (halfB.args.length > MAX_ARGS) throw new Error(`fast trainer: ${halfB.fn} takes at most ${MAX_ARGS} arguments`);
    ctl[CTL.FN] = HALF_FUNCTIONS.indexOf(halfB.fn);
    ctl[CTL.NARGS] = halfB.args.length;
    this.args.set(halfB.args);
    const g = Atomics.add(ctl, CTL.GEN, 1) + 1; // publishes the call above (seq-cst)
    Atomics.notify(ctl, CTL.GEN);
    const started = performance.now();
    runHalfA();
    const halfAMs = performance.now() - started;
    if (Atomics.compareExchange(ctl, CTL.CLAIM, g - 1, g) === g - 1) {
      (this.kernel[halfB.fn] as (...args: number[]) => void)(...halfB.args);
      this.stats.mainHalves++;
      return;
    }
    // The worker has half B: wait for it, spinning first (it usually finishes within microseconds of us).
    const waitFrom = performance.now();
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
    // A worker that took half B and then lost its core (a busy machine) made us wait longer than
    // doing B here would have: work alone for a while, longer after each such stall.
    if (performance.now() - waitFrom > Math.max(STALL_MIN_MS, halfAMs)) {
      this.stats.stalls++;
      this.soloUntil = this.calls + this.backoff;
      this.backoff = Math.min(this.backoff * 2, MAX_BACKOFF_CALLS);
    } else {
      this.backoff = MIN_BACKOFF_CALLS;
    }
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
