/**
 * The compiler workers, one "generation" at a time.
 *
 * A generation is a worker holding a type-checking session (compiler/session.ts). At start-up two
 * are built side by side: a light one (the standard library and @types/node) that can answer the
 * first cells within a fraction of a second, and a full one that also loads the course library's
 * types and warms the checker up on them; the full one takes over once it is ready. Later, when a
 * session has grown old (many cells, or a large heap of checker caches), a fresh generation is
 * built in the background from the cells' sources and takes over the same way: the memory of
 * compilation is not kept, and no cell waits for the rebuild.
 */
import * as path from "path";
import { Worker } from "worker_threads";
import type { Completion, Inspection } from "./compiler/complete";
import type { CompleteStatus } from "./compiler/isComplete";
import type { TranspiledCell } from "./compiler/transform";
import type { ErrorContent } from "./shared/errors";
import type { CompilerWorkerData, FromCompiler, ToCompiler } from "./shared/messages";

/** A generation that has checked this many cells is replaced when the kernel is idle. */
const RENEW_AFTER_CELLS = 400;
/** …or once its heap has grown this much since it was built. */
const RENEW_AFTER_HEAP_GROWTH_MB = 192;

/** What compiling a cell gives: the JavaScript at once, the type check's verdict later. */
export interface Compilation {
  transpiled: Promise<{ cell: TranspiledCell } | { error: ErrorContent }>;
  /** The type errors, if any (resolves after `transpiled`; undefined when the cell did not transpile). */
  checked: Promise<ErrorContent | undefined>;
}

/** Sees each answer until it returns true for its last one; `fail` ends it if the worker dies. */
interface Pending {
  handle(message: FromCompiler): boolean;
  fail(reason: string): void;
}

class Generation {
  readonly worker: Worker;
  readonly ready: Promise<{ buildMs: number; heapMB: number }>;
  private readonly waiting: Pending[] = [];
  busy = 0;
  /** Set before the kernel ends this generation itself (its exit is then no loss). */
  retired = false;
  heapMB = 0;
  baseHeapMB = 0;
  cells = 0;
  failed: string | undefined;

  constructor(readonly name: string, data: CompilerWorkerData, log: (text: string) => void, onExit: (generation: Generation) => void) {
    this.worker = new Worker(path.join(__dirname, "compiler", "worker.js"), { workerData: data, name: `nn-compiler-${name}` });
    this.ready = new Promise((resolve, reject) => {
      this.worker.on("message", (message: FromCompiler) => {
        if (message.kind === "ready") {
          this.heapMB = this.baseHeapMB = message.heapMB;
          resolve(message);
          return;
        }
        if (message.kind === "failed") {
          this.failed = message.message;
          log(`compiler ${name}: ${message.message}`);
          reject(new Error(message.message));
          return;
        }
        if (message.kind === "checked") {
          this.heapMB = message.heapMB;
          this.cells = message.cells;
        }
        const at = this.waiting.findIndex((pending) => pending.handle(message));
        if (at >= 0) this.waiting.splice(at, 1);
      });
      this.worker.on("error", (err) => {
        this.failed = String(err);
        reject(err);
      });
      this.worker.on("exit", (code) => {
        this.failed ??= `the compiler worker exited (code ${code})`;
        reject(new Error(this.failed));
        for (const pending of this.waiting.splice(0)) pending.fail(this.failed);
        onExit(this);
      });
    });
    this.ready.catch(() => {});
  }

  /** Sends a request; `handle` sees every answer until it returns true for one (its last). */
  request(message: ToCompiler, handle: (message: FromCompiler) => boolean, fail: (reason: string) => void): void {
    this.busy++;
    this.waiting.push({
      handle: (answer) => {
        const last = handle(answer);
        if (last) this.busy--;
        return last;
      },
      fail,
    });
    this.worker.postMessage(message);
  }

  post(message: ToCompiler): void {
    this.worker.postMessage(message);
  }

  get old(): boolean {
    return this.cells >= RENEW_AFTER_CELLS || this.heapMB - this.baseHeapMB >= RENEW_AFTER_HEAP_GROWTH_MB;
  }
}

export class Compilers {
  private current: Generation | undefined;
  private next: Generation | undefined;
  /** The cells every generation must know: sources of the cells that ran, in order. */
  private readonly history: { id: number; source: string }[] = [];
  /** Whether some cell imported a module (the light generation cannot check such sessions). */
  private imported = false;
  private requestIds = 0;
  private readonly firstReady: Promise<void>;

  constructor(
    private readonly data: Omit<CompilerWorkerData, "preludeModules" | "warmUp">,
    private readonly full: Pick<CompilerWorkerData, "preludeModules" | "warmUp">,
    private readonly log: (text: string) => void,
  ) {
    const lost = (generation: Generation) => this.lost(generation);
    const light = new Generation("light", { ...data, preludeModules: [] }, log, lost);
    const heavy = full.preludeModules.length > 0 ? new Generation("full", { ...data, ...full }, log, lost) : undefined;
    this.current = light;
    this.next = heavy;
    this.firstReady = Promise.any([light.ready, ...(heavy ? [heavy.ready] : [])]).then(
      () => {},
      () => {},
    );
    if (heavy) void heavy.ready.then(() => this.promote(heavy), () => {});
  }

  /** Resolves when some generation can compile (kernel_info waits for this). */
  ready(): Promise<void> {
    return this.firstReady;
  }

  compile(id: number, code: string, label: string): Compilation {
    let resolveTranspiled!: (value: { cell: TranspiledCell } | { error: ErrorContent }) => void;
    let resolveChecked!: (value: ErrorContent | undefined) => void;
    const transpiled = new Promise<{ cell: TranspiledCell } | { error: ErrorContent }>((resolve) => (resolveTranspiled = resolve));
    const checked = new Promise<ErrorContent | undefined>((resolve) => (resolveChecked = resolve));
    const needsImports = /(^|[\n;])\s*import\b|\brequire\s*\(/.test(code) || this.imported;
    void this.generationFor(needsImports).then((generation) => {
      generation.request({ kind: "compile", id, code, label }, (answer) => {
        if (answer.kind === "transpiled" && answer.id === id) {
          this.history.push({ id, source: code });
          if (needsImports) this.imported = true;
          // A renewed generation being built was given the history so far: keep it in step.
          if (this.next && this.next.name !== "full") this.next.post({ kind: "replay", cells: [{ id, source: code }] });
          resolveTranspiled({ cell: answer.cell });
          return false;
        }
        if (answer.kind === "transpileFailed" && answer.id === id) {
          resolveTranspiled({ error: answer.error });
          resolveChecked(undefined);
          return true;
        }
        if (answer.kind === "checked" && answer.id === id) {
          resolveTranspiled({ error: answer.error ?? { ename: "KernelError", evalue: "the compiler gave no code", traceback: [] } });
          resolveChecked(answer.error);
          return true;
        }
        return false;
      }, fail);
    }, (err: Error) => fail(err.message));
    function fail(reason: string): void {
      const error = { ename: "KernelError", evalue: `the compiler stopped: ${reason}`, traceback: [`KernelError: the compiler stopped (${reason}); the kernel starts a new one: run the cell again.`] };
      resolveTranspiled({ error });
      resolveChecked(undefined);
    }
    return { transpiled, checked };
  }

  /** A compiled cell did not run after all: later cells must not see its names. */
  forget(id: number): void {
    const at = this.history.findIndex((c) => c.id === id);
    if (at >= 0) this.history.splice(at, 1);
    this.current?.post({ kind: "forget", id });
    this.next?.post({ kind: "forget", id });
  }

  /** The runtime restarted: forget every cell. */
  clear(): void {
    this.history.length = 0;
    this.imported = false;
    this.current?.post({ kind: "clear" });
    this.next?.post({ kind: "clear" });
  }

  complete(code: string, cursor: number): Promise<Completion> {
    return this.ask<Completion>({ kind: "complete", id: ++this.requestIds, code, cursor }, "completed", (m) => (m as { completion: Completion }).completion, code);
  }

  inspect(code: string, cursor: number): Promise<Inspection> {
    return this.ask<Inspection>({ kind: "inspect", id: ++this.requestIds, code, cursor }, "inspected", (m) => (m as { inspection: Inspection }).inspection, code);
  }

  isComplete(code: string): Promise<CompleteStatus> {
    return this.ask<CompleteStatus>({ kind: "isComplete", id: ++this.requestIds, code }, "isCompleteResult", (m) => (m as { status: CompleteStatus }).status, "");
  }

  transpileExpressions(expressions: Record<string, string>): Promise<Record<string, TranspiledCell | ErrorContent>> {
    return this.ask({ kind: "expressions", id: ++this.requestIds, expressions }, "expressionsTranspiled", (m) => (m as { results: Record<string, TranspiledCell | ErrorContent> }).results, "");
  }

  /** Called when the kernel is idle: starts a fresh generation if the current one has grown old. */
  renewIfOld(): void {
    const current = this.current;
    if (!current || this.next || !current.old) return;
    this.log(`renewing the type checker after ${current.cells} cells (heap ${current.heapMB} MB)`);
    this.startRenewed();
  }

  private startRenewed(): void {
    const fresh = new Generation("renewed", { ...this.data, ...this.full }, this.log, (g) => this.lost(g));
    fresh.post({ kind: "replay", cells: [...this.history] });
    this.next = fresh;
    void fresh.ready.then(() => this.promote(fresh), () => (this.next = undefined));
  }

  /** A generation's worker ended without the kernel asking (a crash): carry on with another. */
  private lost(generation: Generation): void {
    if (generation.retired) return;
    this.log(`compiler ${generation.name} stopped: ${generation.failed}`);
    if (generation === this.next) this.next = undefined;
    if (generation !== this.current) return;
    this.current = undefined;
    if (this.next) {
      const next = this.next;
      void next.ready.then(() => this.promote(next), () => {});
    } else {
      this.startRenewed();
    }
  }

  async stop(): Promise<void> {
    for (const g of [this.current, this.next]) if (g) g.retired = true;
    await Promise.all([this.current?.worker.terminate(), this.next?.worker.terminate()]);
  }

  private ask<T>(message: ToCompiler & { id: number }, kind: FromCompiler["kind"], pick: (m: FromCompiler) => T, code: string): Promise<T> {
    return this.generationFor(/\bimport\b|\brequire\s*\(/.test(code) || this.imported).then(
      (generation) =>
        new Promise<T>((resolve, reject) => {
          generation.request(
            message,
            (answer) => {
              if (answer.kind !== kind || (answer as { id?: number }).id !== message.id) return false;
              resolve(pick(answer));
              return true;
            },
            (reason) => reject(new Error(`the compiler stopped: ${reason}`)),
          );
        }),
    );
  }

  /** The generation to use: the full one when imports are involved and it is coming. */
  private async generationFor(needsImports: boolean): Promise<Generation> {
    await this.firstReady;
    const next = this.next;
    if (needsImports && next && next.name === "full") {
      try {
        await next.ready;
      } catch {
        // The full generation failed: the light one loads what a cell imports itself.
      }
    }
    const current = this.current;
    if (current && !current.failed) {
      try {
        await current.ready;
        return current;
      } catch {
        // fall through to the next generation
      }
    }
    if (next) {
      await next.ready;
      return next;
    }
    throw new Error("no compiler is available");
  }

  /** Makes `fresh` the current generation once the old one has no request in flight. */
  private promote(fresh: Generation): void {
    const old = this.current;
    if (old === fresh) return;
    if (old && old.busy > 0) {
      setTimeout(() => this.promote(fresh), 5);
      return;
    }
    // Cells the old generation compiled while this one was built were replayed to it already
    // (see compile); a light generation's history is replayed in full.
    if (fresh.name === "full") fresh.post({ kind: "replay", cells: [...this.history] });
    this.current = fresh;
    if (this.next === fresh) this.next = undefined;
    if (old) {
      old.retired = true;
      void old.worker.terminate();
    }
  }
}
