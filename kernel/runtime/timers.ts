/**
 * Timers of cell code, made interruptible and attributable.
 *
 * setTimeout, setInterval and setImmediate are wrapped so that each callback runs inside the SIGINT
 * scope (a busy callback is stopped with a KeyboardInterrupt like a busy cell) and knows which cell
 * scheduled it (its output is labelled with that cell when it arrives after the cell finished).
 * An interrupt also clears the timers cells left pending: a `setInterval` whose callback keeps the
 * kernel busy stops with the rest.
 */
import { isSigintTermination, type SigintScope } from "./interruptible";

type Clear = () => void;

export interface TimerContext {
  /** The cell whose code (or callbacks) is running now, or -1. */
  origin(): number;
  /** Runs `fn` with `origin` as the current origin. */
  withOrigin<T>(origin: number, fn: () => T): T;
  /** A callback was interrupted: `origin` scheduled it. */
  interrupted(origin: number): void;
  /** A callback threw (reported while `origin` is still the current origin). */
  uncaught(err: unknown): void;
}

export class CellTimers {
  private readonly pending = new Map<object, Clear>();

  constructor(private readonly scope: SigintScope, private readonly context: TimerContext) {}

  install(): void {
    const g = globalThis as unknown as Record<string, unknown>;
    const realSetTimeout = setTimeout;
    const realSetInterval = setInterval;
    const realSetImmediate = setImmediate;
    const realClearTimeout = clearTimeout;
    const realClearInterval = clearInterval;
    const realClearImmediate = clearImmediate;
    const wrap = (callback: unknown, args: unknown[], done: () => void) => {
      if (typeof callback !== "function") return callback;
      const origin = this.context.origin();
      return () => {
        done();
        this.context.withOrigin(origin, () => {
          try {
            this.scope.run(() => (callback as (...a: unknown[]) => unknown)(...args));
          } catch (err) {
            if (isSigintTermination(err)) this.context.interrupted(origin);
            else this.context.uncaught(err);
          }
        });
      };
    };
    const track = <T extends object>(timer: T, clear: (t: T) => void): T => {
      this.pending.set(timer, () => clear(timer));
      return timer;
    };
    const timeout = (callback: unknown, ms?: number, ...args: unknown[]) => {
      let timer: NodeJS.Timeout;
      timer = track(realSetTimeout(wrap(callback, args, () => this.pending.delete(timer)) as () => void, ms), realClearTimeout);
      return timer;
    };
    const interval = (callback: unknown, ms?: number, ...args: unknown[]) =>
      track(realSetInterval(wrap(callback, args, () => {}) as () => void, ms), realClearInterval);
    const immediate = (callback: unknown, ...args: unknown[]) => {
      let timer: NodeJS.Immediate;
      timer = track(realSetImmediate(wrap(callback, args, () => this.pending.delete(timer)) as () => void), realClearImmediate);
      return timer;
    };
    // util.promisify(setTimeout) and friends keep working through the real functions' custom forms.
    for (const [name, fn, real] of [
      ["setTimeout", timeout, realSetTimeout],
      ["setInterval", interval, realSetInterval],
      ["setImmediate", immediate, realSetImmediate],
    ] as const) {
      Object.defineProperties(fn, Object.getOwnPropertyDescriptors(real));
      g[name] = fn;
    }
    const untrack = (real: (t: never) => void) => (timer: unknown) => {
      if (timer && typeof timer === "object") this.pending.delete(timer);
      real(timer as never);
    };
    g.clearTimeout = untrack(realClearTimeout);
    g.clearInterval = untrack(realClearInterval);
    g.clearImmediate = untrack(realClearImmediate);
  }

  /** Clears every timer cells left pending; returns how many there were. */
  clearAll(): number {
    const count = this.pending.size;
    for (const clear of this.pending.values()) clear();
    this.pending.clear();
    return count;
  }
}
