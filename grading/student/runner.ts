/**
 * The student process: runs a submission's cells and calls its functions for the grader, and
 * nothing else. It is started by grading/sandbox.ts inside the student's view (Linux namespaces
 * where available; Node's permission model in any case) and holds no checks, no expected values
 * and no way to report a score: it answers the grader's requests (grading/protocol.ts) with data,
 * and the grader judges that data in its own process.
 *
 * Before any student code runs it guards the library: every routine some exercise may not call
 * (its own, or one doing its whole work; grading/assignments.ts) is wrapped, and tfjs's kernel
 * dispatch too, so that while an exercise is being called the routines forbidden to it throw and
 * are reported. The library stays whole for everything else (the cells' setup, other exercises'
 * stand-ins).
 */
import * as fs from "fs";
import { createRequire } from "module";
import * as path from "path";
import * as readline from "readline";
import * as vm from "vm";
import { PROTOCOL_VERSION, type ArgState, type CellRef, type Encoded, type Forbidden, type Reply, type Request } from "../protocol";
import { encodeValue } from "./encode";

export interface RunnerConfig {
  /** The student's view of the compiled library. */
  libDir: string;
  /** Every lib export name some exercise may not call. */
  guardedLib: string[];
}

const config = JSON.parse(fs.readFileSync(process.argv[2], "utf8")) as RunnerConfig;
const requireLib = createRequire(path.join(config.libDir, "index.js"));
/**
 * Replies go out on fd 3, written as a plain file descriptor: Node's permission model counts a
 * socket object made on it as network access (Node 25+), which student code is not given. Requests
 * come in on stdin (a stream on fd 0 would block a threadpool thread that newer Nodes wait for
 * at exit, so `process.exit()` would hang).
 */
function send(reply: Reply): void {
  const bytes = Buffer.from(JSON.stringify(reply) + "\n");
  for (let at = 0; at < bytes.length; ) {
    try {
      at += fs.writeSync(3, bytes, at);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EAGAIN") throw err;
    }
  }
}

function errorText(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return `thrown value ${String(err)}`;
}

// ---- the library guard ----------------------------------------------------------------------------

/**
 * What the exercise being graded may not use: set when the grader starts the exercise and kept
 * until the next one starts, so no student code that runs meanwhile (a timer, a patched stream,
 * the reply being written) can call them either.
 */
let forbidden: { lib: Set<string>; kernels: Set<string> } = { lib: new Set(), kernels: new Set() };
let forbiddenCalls: string[] = [];

class ForbiddenCall extends Error {
  constructor(what: string) {
    super(`${what} is the library's own version of what this exercise asks you to write: an answer that calls it earns no points`);
    this.name = "ForbiddenCall";
  }
}

function refuse(what: string): never {
  if (!forbiddenCalls.includes(what)) forbiddenCalls.push(what);
  throw new ForbiddenCall(what);
}

function guardLibrary(tf: { engine(): object }): void {
  const libPrefix = config.libDir + path.sep;
  const guarded = new Set(config.guardedLib);
  for (const [file, module] of Object.entries(require.cache)) {
    if (!module || !file.startsWith(libPrefix)) continue;
    const exports = module.exports as Record<string, unknown>;
    for (const name of Object.keys(exports)) {
      const descriptor = Object.getOwnPropertyDescriptor(exports, name);
      // Re-exports are getters reading the defining module's exports, which are guarded there.
      if (!guarded.has(name) || !descriptor || !("value" in descriptor) || typeof descriptor.value !== "function") continue;
      const original = descriptor.value as (...args: unknown[]) => unknown;
      const wrapper = function (this: unknown, ...args: unknown[]) {
        if (forbidden.lib.has(name)) refuse(`nn.${name}`);
        return original.apply(this, args);
      };
      Object.defineProperty(wrapper, "name", { value: name });
      Object.defineProperty(exports, name, { value: wrapper, writable: false, configurable: false, enumerable: true });
    }
  }
  // Every tfjs op goes through the engine's runKernel: tf.softmax, x.sigmoid() … alike.
  const engine = tf.engine() as { runKernel(name: string, ...rest: unknown[]): unknown };
  const proto = Object.getPrototypeOf(engine) as typeof engine;
  const runKernel = proto.runKernel;
  const guardedRunKernel = function (this: unknown, kernelName: string, ...rest: unknown[]) {
    if (forbidden.kernels.has(kernelName)) refuse(`tf.${kernelName.charAt(0).toLowerCase()}${kernelName.slice(1)}`);
    return runKernel.call(this, kernelName, ...rest);
  };
  for (const target of [proto, engine]) {
    Object.defineProperty(target, "runKernel", { value: guardedRunKernel, writable: false, configurable: false, enumerable: false });
  }
}

/**
 * Student code may not signal processes: inside the namespaces there is nothing to signal but the
 * sandbox itself, and without them a signal could reach other processes. An attempt fails the call.
 */
function refuseSignals(): void {
  const refuseKill = () => {
    throw new Error("the grader's sandbox does not let student code send signals");
  };
  for (const name of ["kill", "_kill"] as const) {
    if (typeof (process as unknown as Record<string, unknown>)[name] === "function") {
      Object.defineProperty(process, name, { value: refuseKill, writable: false, configurable: false });
    }
  }
}

// ---- printed output -----------------------------------------------------------------------------

/** While a call runs, what it prints (console.*, process.stdout/stderr.write) is kept for the grader. */
let captured: string[] | undefined;
for (const stream of [process.stdout, process.stderr]) {
  const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (captured) {
      captured.push(typeof chunk === "string" ? chunk : Buffer.isBuffer(chunk) || chunk instanceof Uint8Array ? Buffer.from(chunk).toString("utf8") : String(chunk));
      const callback = rest.find((r) => typeof r === "function") as (() => void) | undefined;
      callback?.();
      return true;
    }
    return write(chunk, ...rest);
  }) as typeof stream.write;
}

function printedLines(chunks: string[]): string[] {
  const text = chunks.join("");
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines.slice(0, 10_000).map((line) => (line.length > 2000 ? `${line.slice(0, 2000)}…` : line));
}

// ---- cells --------------------------------------------------------------------------------------

type CellFunction = (exports: object, require: NodeRequire, module: object, filename: string, dirname: string) => Promise<void>;
type CellOutcome = { exports: Record<string, unknown> } | { error: string };

/** Each cell runs at most once per process, like in a notebook; later exercises share its exports. */
const cellRuns = new Map<string, Promise<CellOutcome>>();
const cellExports = new Map<string, Record<string, unknown>>();

function runCell(cell: CellRef): Promise<CellOutcome> {
  let run = cellRuns.get(cell.moduleName);
  if (!run) {
    run = (async () => {
      // `import … from "./__grading_cell_N"` gets cell N's exports (live: a cell may use a name a
      // later cell defines); anything else is an ordinary require from the cells' folder, so
      // "../lib" is the student's view of the library.
      const baseRequire = createRequire(cell.file);
      const cellRequire = ((specifier: string) => cellExports.get(specifier.replace(/^\.\//, "")) ?? baseRequire(specifier)) as NodeRequire;
      const exports = cellExports.get(cell.moduleName)!;
      let fn: CellFunction;
      try {
        fn = vm.runInThisContext(fs.readFileSync(cell.file, "utf8"), { filename: cell.label }) as CellFunction;
      } catch (err) {
        return { error: `does not compile: ${errorText(err)}` };
      }
      try {
        await fn(exports, cellRequire, { exports }, cell.file, path.dirname(cell.file));
      } catch (err) {
        return { error: `raised ${errorText(err)}` };
      }
      return { exports };
    })();
    cellRuns.set(cell.moduleName, run);
  }
  return run;
}

// ---- requests -----------------------------------------------------------------------------------

interface Current {
  name: string;
  kind: "function" | "value";
  exports: Record<string, unknown>;
  forbidden: Forbidden;
}
let current: Current | undefined;

type Tf = typeof import("@tensorflow/tfjs");
let tf: Tf;

function special(v: Encoded): number {
  const value = (v as { value?: string }).value;
  return value === "NaN" ? NaN : value === "Infinity" ? Infinity : value === "-Infinity" ? -Infinity : -0;
}

/** An argument as the student's function gets it: tensors become tf tensors. */
function decodeArg(e: Encoded, made: { tensor: import("@tensorflow/tfjs").Tensor; values: number[] }[]): unknown {
  if (e === null || typeof e !== "object") return e;
  if (Array.isArray(e)) return e.map((v) => decodeArg(v, made));
  if ("$" in e) {
    const s = e as Record<string, Encoded>;
    if (s.$ === "tensor") {
      const values = (s.values as Encoded[]).map((v) => (typeof v === "number" ? v : special({ value: v } as Encoded)));
      const tensor = tf.tensor(values, s.shape as number[], s.dtype as "float32");
      made.push({ tensor, values: Array.from(tensor.dataSync()) });
      return tensor;
    }
    if (s.$ === "number") return special(s);
    if (s.$ === "undefined") return undefined;
    if (s.$ === "object") e = s.entries as Encoded;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(e as Record<string, Encoded>)) out[k] = decodeArg(v, made);
  return out;
}

const sameValue = (a: number, b: number) => a === b || (Number.isNaN(a) && Number.isNaN(b));

/**
 * Whether each argument tensor is still alive and unchanged. Read from the tensor's own flag and
 * by reading its data, so a patched `isDisposed` getter hides nothing: reading a disposed
 * tensor's data fails or gives other values.
 */
function argStates(made: { tensor: import("@tensorflow/tfjs").Tensor; values: number[] }[]): ArgState[] {
  return made.map(({ tensor, values }) => {
    if ((tensor as unknown as { isDisposedInternal?: boolean }).isDisposedInternal === true) return { disposed: true, changed: false };
    try {
      const now = tensor.dataSync();
      return { disposed: false, changed: now.length !== values.length || values.some((v, i) => !sameValue(now[i], v)) };
    } catch {
      return { disposed: true, changed: false };
    }
  });
}

/** Every tensor reachable in a returned value (to free it once it has been read). */
function tensorsIn(value: unknown, into: Set<import("@tensorflow/tfjs").Tensor>, depth = 0): void {
  if (depth > 8 || value === null || typeof value !== "object") return;
  if (value instanceof tf.Tensor) {
    into.add(value);
    return;
  }
  const proto = Object.getPrototypeOf(value);
  if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) return;
  for (const v of Object.values(value as object)) tensorsIn(v, into, depth + 1);
}

async function onCall(seq: number, args: Encoded[]): Promise<void> {
  const made: { tensor: import("@tensorflow/tfjs").Tensor; values: number[] }[] = [];
  let decoded: unknown[];
  try {
    decoded = args.map((a) => decodeArg(a, made));
  } catch (err) {
    send({ t: "threw", seq, error: `grader: the arguments could not be built (${errorText(err)})`, printed: [], args: [], forbiddenCalls: [], ms: 0 });
    return;
  }
  const fn = current!.exports[current!.name] as (...a: unknown[]) => unknown;
  const chunks: string[] = [];
  forbiddenCalls = [];
  captured = chunks;
  const started = performance.now();
  let outcome: { value: unknown } | { error: unknown };
  try {
    let value = fn(...decoded);
    if (value && typeof (value as PromiseLike<unknown>).then === "function") value = await value;
    outcome = { value };
  } catch (err) {
    outcome = { error: err };
  } finally {
    captured = undefined;
  }
  const ms = performance.now() - started;
  const base = { seq, printed: printedLines(chunks), args: argStates(made), forbiddenCalls, ms };
  if ("error" in outcome) {
    send({ t: "threw", ...base, error: errorText(outcome.error).slice(0, 4000) });
  } else {
    let value: Encoded;
    try {
      value = encodeValue(outcome.value, (v): v is never => v instanceof tf.Tensor);
    } catch (err) {
      send({ t: "threw", ...base, error: `reading the returned value raised ${errorText(err)}`.slice(0, 4000) });
      return;
    }
    send({ t: "returned", ...base, value });
    const returned = new Set<import("@tensorflow/tfjs").Tensor>();
    tensorsIn(outcome.value, returned);
    tf.dispose([...returned]);
  }
  tf.dispose(made.map((m) => m.tensor));
}

async function onExercise(request: Extract<Request, { t: "exercise" }>): Promise<void> {
  current = undefined;
  forbidden = { lib: new Set(request.forbidden.lib), kernels: new Set(request.forbidden.kernels) };
  for (const cell of request.cells) if (!cellExports.has(cell.moduleName)) cellExports.set(cell.moduleName, {});
  for (const cell of request.cells) {
    const outcome = await runCell(cell);
    if ("error" in outcome) {
      send({ t: "cell-error", seq: request.seq, label: cell.label, message: outcome.error });
      return;
    }
  }
  const exports = cellExports.get(request.module) ?? {};
  const value = exports[request.name];
  current = { name: request.name, kind: request.kind, exports, forbidden: request.forbidden };
  send({ t: "ready", seq: request.seq, typeOf: value === null ? "null" : typeof value });
}

async function onValue(seq: number): Promise<void> {
  const value = current!.exports[current!.name];
  send({ t: "returned", seq, value: encodeValue(value, (v): v is never => v instanceof tf.Tensor), printed: [], args: [], forbiddenCalls: [], ms: 0 });
}

async function main(): Promise<void> {
  const backend = requireLib("./backend") as { ready(): Promise<string>; tf: Tf };
  const backendName = await backend.ready();
  tf = backend.tf;
  requireLib("./index"); // every lib module loaded, so every guarded routine is wrapped
  guardLibrary(tf as unknown as { engine(): object });
  refuseSignals();
  send({ t: "hello", seq: 0, protocol: PROTOCOL_VERSION, backend: backendName });
  // One request at a time, in order: the grader waits for each reply before it sends the next.
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    const request = JSON.parse(line) as Request;
    if (request.t === "exercise") await onExercise(request);
    else if (request.t === "call") await onCall(request.seq, request.args);
    else if (request.t === "value") await onValue(request.seq);
    else if (request.t === "sync") send({ t: "synced", seq: request.seq });
  }
  process.exit(0);
}

// Student code may leave a timer or a promise behind that fails later: say so, and go on.
process.on("uncaughtException", (err) => process.stderr.write(`uncaught exception from student code: ${errorText(err)}\n`));
process.on("unhandledRejection", (reason) => process.stderr.write(`unhandled rejection from student code: ${errorText(reason)}\n`));

main().catch((err) => {
  process.stderr.write(`grading runner failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(70);
});
