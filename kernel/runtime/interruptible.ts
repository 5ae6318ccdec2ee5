/**
 * Running cell code where an interrupt can reach it.
 *
 * Inside `vm.Script#runInThisContext({ breakOnSigint: true })`, a SIGINT stops busy code with a
 * catchable error (ERR_SCRIPT_EXECUTION_INTERRUPTED) — the closest JavaScript gets to Python's
 * KeyboardInterrupt. A cell's synchronous part, each step of a cell with top-level awaits (a
 * generator the kernel resumes step by step) and timer callbacks (runtime/timers.ts) run inside
 * such a scope; the scope depth is published in shared memory, so the main thread knows when a
 * signal will land there. Busy code outside any scope — an async function after its own `await` —
 * is stopped by the main thread through the inspector instead (kernel/interrupts.ts).
 */
import * as path from "path";
import * as vm from "vm";

/** The error a stopped cell reports. */
export class KeyboardInterrupt extends Error {
  constructor(message = "the cell was interrupted") {
    super(message);
    this.name = "KeyboardInterrupt";
  }
}

export function isSigintTermination(err: unknown): boolean {
  return err instanceof Error && (err as NodeJS.ErrnoException).code === "ERR_SCRIPT_EXECUTION_INTERRUPTED";
}

export class SigintScope {
  private static instances = 0;
  private pending: (() => unknown) | null = null;
  private readonly script: vm.Script;

  constructor(private readonly depth: Int32Array, private readonly slot: number) {
    const name = `__nnKernelSigintScope${++SigintScope.instances}__`;
    Object.defineProperty(globalThis, name, { value: () => this.pending?.(), enumerable: false });
    // Named after this file, so tracebacks drop its frame with the kernel's own.
    this.script = new vm.Script(`globalThis.${name}()`, { filename: path.join(__dirname, "sigint-scope.js") });
  }

  run<T>(fn: () => T): T {
    const outer = this.pending;
    this.pending = fn;
    Atomics.add(this.depth, this.slot, 1);
    try {
      return this.script.runInThisContext({ breakOnSigint: true }) as T;
    } finally {
      Atomics.sub(this.depth, this.slot, 1);
      this.pending = outer;
    }
  }
}

/**
 * Drives a cell generator to completion: every step runs inside the SIGINT scope; awaited values
 * are settled as `await` settles them. `interrupt()` throws a KeyboardInterrupt into the generator
 * at the `await` it waits on (its finally blocks run).
 */
export class GeneratorRun {
  readonly promise: Promise<unknown>;
  private resolve!: (value: unknown) => void;
  private reject!: (error: unknown) => void;
  /** Increments on every resume, so an await settled after an interrupt is ignored. */
  private step = 0;
  private finished = false;

  constructor(private readonly generator: Generator<unknown, unknown, unknown>, private readonly scope: SigintScope) {
    this.promise = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    this.resume("next", undefined);
  }

  interrupt(): void {
    this.resume("throw", new KeyboardInterrupt());
  }

  private resume(how: "next" | "throw", value: unknown): void {
    if (this.finished) return;
    const step = ++this.step;
    let result: IteratorResult<unknown, unknown>;
    try {
      result = this.scope.run(() => (how === "next" ? this.generator.next(value) : this.generator.throw(value)));
    } catch (err) {
      this.finished = true;
      this.reject(isSigintTermination(err) ? new KeyboardInterrupt() : err);
      return;
    }
    if (result.done) {
      this.finished = true;
      this.resolve(result.value);
      return;
    }
    Promise.resolve(result.value).then(
      (settled) => step === this.step && this.resume("next", settled),
      (error) => step === this.step && this.resume("throw", error),
    );
  }
}
