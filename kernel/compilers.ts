/**
 * The compiler processes, one "generation" at a time.
 *
 * A generation is a process holding a type-checking session (compiler/session.ts) with the course
 * library's types loaded and its checker warm. It starts from the compiler's V8 snapshot
 * (compiler/snapshot.ts), ready in well under a second. Without a fresh snapshot (a new Node.js,
 * a changed library), two are built side by side the slow way: a light one (the standard library
 * and @types/node), which answers the first cells, and a full one, which takes over once ready —
 * and a new snapshot is built in the background for the next kernel. When a session has grown old
 * (a large heap of checker caches), a fresh generation is started and given the cells' sources,
 * and takes over the same way: the memory of compilation is not kept, and no cell waits.
 */
import { spawn, type ChildProcess } from "child_process";
import * as path from "path";
import { buildSnapshotInBackground, COMPILER_V8_FLAGS, compilerEnv, freshSnapshot, fullSessionOptions } from "./compiler/snapshot";
import type { Completion, Inspection } from "./compiler/complete";
import type { CompleteStatus } from "./compiler/isComplete";
import type { TranspiledCell } from "./compiler/transform";
import type { ErrorContent } from "./shared/errors";
import type { CompilerOptionsData, FromCompiler, ToCompiler } from "./shared/messages";

/**
 * A generation whose resident memory has grown this much since its first cell is replaced when the
 * kernel is idle: the session's live data is small (kilobytes per cell), but the memory V8 touched
 * while checking stays resident, so a long session would otherwise grow by ~100 KB per cell.
 */
const RENEW_AFTER_RSS_GROWTH_MB = 16;

/** What compiling a cell gives: the JavaScript at once, the type check's verdict later. */
export interface Compilation {
  transpiled: Promise<{ cell: TranspiledCell } | { error: ErrorContent }>;
  /** The type errors, if any (resolves after `transpiled`; undefined when the cell did not transpile). */
  checked: Promise<ErrorContent | undefined>;
  /** The cell will not run (interrupted while compiling): later cells must not see its names. */
  cancel(): void;
}

/** Sees each answer until it returns true for its last one; `fail` ends it if the process dies. */
interface Pending {
  handle(message: FromCompiler): boolean;
  fail(reason: string): void;
}

/** How a generation starts: from the snapshot, or building its session from `options`. */
type Start = { snapshot: string; cwd: string } | { options: CompilerOptionsData };

class Generation {
  readonly process: ChildProcess;
  readonly ready: Promise<{ buildMs: number; rssMB: number }>;
  private readonly waiting: Pending[] = [];
  busy = 0;
  /** Set before the kernel ends this generation itself (its exit is then no loss). */
  retired = false;
  rssMB = 0;
  /** Resident memory after its first cell (a renewed generation has replayed the session by then). */
  baseRssMB: number | undefined;
  cells = 0;
  failed: string | undefined;
  readonly fromSnapshot: boolean;
  /** Whether it ever said it was ready (a snapshot that does not load ends the process before). */
  wasReady = false;

  constructor(readonly name: string, start: Start, log: (text: string) => void, onExit: (generation: Generation) => void) {
    this.fromSnapshot = "snapshot" in start;
    const args = [...COMPILER_V8_FLAGS, ...("snapshot" in start ? ["--snapshot-blob", start.snapshot, start.cwd] : [path.join(__dirname, "compiler", "main.js"), JSON.stringify(start.options)])];
    this.process = spawn(process.execPath, args, { stdio: ["ignore", "inherit", "inherit", "ipc"], serialization: "advanced", env: compilerEnv() });
    this.ready = new Promise((resolve, reject) => {
      this.process.on("message", (message: FromCompiler) => {
        if (message.kind === "ready") {
          this.wasReady = true;
          this.rssMB = message.rssMB;
          resolve(message);
          return;
        }
        if (message.kind === "failed") {
          this.failed = message.message;
          log(`compiler ${name}: ${message.message}`);
          return;
        }
        if (message.kind === "checked") {
          this.rssMB = message.rssMB;
          this.baseRssMB ??= message.rssMB;
          this.cells = message.cells;
        }
        const at = this.waiting.findIndex((pending) => pending.handle(message));
        if (at >= 0) this.waiting.splice(at, 1);
      });
      this.process.on("error", (err) => {
        this.failed = String(err);
        reject(err);
      });
      this.process.on("exit", (code, signal) => {
        this.failed ??= `the compiler process exited (${signal ?? `code ${code}`})`;
        reject(new Error(this.failed));
        for (const pending of this.waiting.splice(0)) pending.fail(this.failed);
        onExit(this);
      });
    });
    this.ready.catch(() => {});
  }

  stop(): void {
    this.retired = true;
    this.process.kill();
  }

  /** Sends a request; `handle` sees every answer until it returns true for one (its last). */
  request(message: ToCompiler, handle: (message: FromCompiler) => boolean, fail: (reason: string) => void): void {
    // A process that has exited answers nothing: fail now rather than wait for ever.
    if (this.process.exitCode !== null || this.process.signalCode !== null) {
      fail(this.failed ?? "the compiler process has exited");
      return;
    }
    this.busy++;
    this.waiting.push({
      handle: (answer) => {
        const last = handle(answer);
        if (last) this.busy--;
        return last;
      },
      fail,
    });
    this.process.send(message);
  }

  post(message: ToCompiler): void {
    if (this.process.connected) this.process.send(message);
  }

  get old(): boolean {
    return this.baseRssMB !== undefined && this.rssMB - this.baseRssMB >= RENEW_AFTER_RSS_GROWTH_MB;
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
  /** False once a generation from the snapshot ended before it was ready: start plain ones then. */
  private snapshotLoads = true;

  constructor(
    private readonly cwd: string,
    private readonly log: (text: string) => void,
  ) {
    const snapshot = freshSnapshot();
    if (snapshot) {
      const full = this.start("full", snapshot);
      this.current = full;
      this.firstReady = full.ready.then(() => {}, () => {});
      return;
    }
    log("no fresh compiler snapshot for this Node.js: compiling the slow way, and building one for the next start");
    const light = this.start("light", undefined, { cwd, preludeModules: [] });
    const full = this.start("full", undefined);
    this.current = light;
    this.next = full;
    this.firstReady = Promise.any([light.ready, full.ready]).then(() => {}, () => {});
    void full.ready.then(
      () => {
        this.promote(full);
        buildSnapshotInBackground();
      },
      () => {},
    );
  }

  /** A generation from the snapshot, or one that builds its session (the full one unless `options`). */
  private start(name: string, snapshot: string | undefined, options = fullSessionOptions(this.cwd)): Generation {
    const lost = (generation: Generation) => this.lost(generation);
    return new Generation(name, snapshot ? { snapshot, cwd: this.cwd } : { options }, this.log, lost);
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
    let cancelled = false;
    let sentTo: Generation | undefined;
    void this.generationFor(needsImports).then((generation) => {
      if (cancelled) return fail("the cell was interrupted before it compiled");
      sentTo = generation;
      generation.request({ kind: "compile", id, code, label }, (answer) => {
        if (answer.kind === "transpiled" && answer.id === id) {
          if (!cancelled) {
            this.history.push({ id, source: code });
            if (needsImports) this.imported = true;
            // A renewed generation being built was given the history so far: keep it in step.
            if (this.next && this.next.name !== "full") this.next.post({ kind: "replay", cells: [{ id, source: code }] });
          }
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
    const cancel = () => {
      cancelled = true;
      // Sent after the compile request, so the compiler drops the cell before it compiles the next.
      sentTo?.post({ kind: "forget", id });
      this.next?.post({ kind: "forget", id });
    };
    return { transpiled, checked, cancel };
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
    this.log(`renewing the type checker after ${current.cells} cells (resident ${current.rssMB} MB, ${current.baseRssMB} MB after its first)`);
    this.startRenewed();
  }

  private startRenewed(): void {
    const snapshot = this.snapshotLoads ? freshSnapshot() : undefined;
    // From the snapshot it replays the history at once; a plain full generation is given it when promoted.
    const fresh = this.start(snapshot ? "renewed" : "full", snapshot);
    if (snapshot) fresh.post({ kind: "replay", cells: [...this.history] });
    this.next = fresh;
    void fresh.ready.then(() => this.promote(fresh), () => (this.next = undefined));
  }

  /** A generation's process ended without the kernel asking (a crash): carry on with another. */
  private lost(generation: Generation): void {
    if (generation.retired) return;
    this.log(`compiler ${generation.name} stopped: ${generation.failed}`);
    if (generation.fromSnapshot && !generation.wasReady && this.snapshotLoads) {
      // Built by another build of this Node.js, or with other V8 flags: this Node.js cannot load
      // it. Carry on the slow way, and build one it can load for the next start.
      this.snapshotLoads = false;
      this.log("the compiler snapshot does not load in this Node.js: compiling the slow way, and building a new snapshot for the next start");
      buildSnapshotInBackground();
    }
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

  stop(): void {
    this.current?.stop();
    this.next?.stop();
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
    old?.stop();
  }
}
