/**
 * The main thread's side of the runtime worker: starting it, running cells, reading its output,
 * interrupting it, and starting it afresh when it dies (out of memory, `process.exit()`).
 *
 * Interrupts reach the runtime in any state:
 * - waiting on an `await`: a message makes the cell throw KeyboardInterrupt at that await;
 * - busy inside a SIGINT scope (a cell's own code, a timer callback): a SIGINT to this process
 *   stops it with a catchable error;
 * - busy anywhere else (an async function after its first await): after a short grace period,
 *   the inspector's `Runtime.terminateExecution` stops it; the interrupt message then finishes
 *   the cell. (The kernel runs with --no-force-async-hooks-checks: Node's async-hooks consistency
 *   check would otherwise abort the process when a callback is terminated.)
 */
import * as inspector from "inspector";
import * as path from "path";
import * as v8 from "v8";
import { Worker } from "worker_threads";
import type { TranspiledCell } from "./compiler/transform";
import type { ErrorContent } from "./shared/errors";
import { INPUT_BUFFER_BYTES, InterruptState, RuntimeSlot, type FromRuntime, type MimeBundle, type RuntimeWorkerData, type ToRuntime } from "./shared/messages";
import { createStreamRing, StreamRingReader, type StreamRecord } from "./shared/streamRing";

export interface RunOutcome {
  bundle?: MimeBundle;
  error?: ErrorContent;
}

export interface RuntimeEvents {
  /** Output drained from the runtime, in order with the other events. */
  stream(record: StreamRecord): void;
  display(message: Extract<FromRuntime, { kind: "display" }>): void;
  clearOutput(message: Extract<FromRuntime, { kind: "clearOutput" }>): void;
  inputRequest(message: Extract<FromRuntime, { kind: "inputRequest" }>): void;
  /** The runtime died and a new one replaces it: every variable is gone. */
  restarted(reason: string): void;
  /** Whether the consumer can take more output now (IOPub's backlog). */
  canTakeOutput(): boolean;
}

/** How long an interrupt waits for the runtime to answer before stopping busy code by force. */
const GRACE_MS = 100;
/** How long after `interrupt` signalled the process a SIGINT reaching the kernel's handler is that signal. */
const OWN_SIGINT_MS = 2000;
const DRAIN_INTERVAL_MS = 15;

export class RuntimeHost {
  private worker!: Worker;
  private state!: Int32Array;
  private input!: Uint8Array;
  private streams!: StreamRingReader;
  private readyPromise!: Promise<void>;
  private readonly runs = new Map<number, { resolve(outcome: RunOutcome): void; bundle?: MimeBundle }>();
  private readonly evaluations = new Map<number, (results: Extract<FromRuntime, { kind: "evaluated" }>["results"]) => void>();
  private readonly interruptAcks = new Map<number, () => void>();
  private interruptTokens = 0;
  /** When `interrupt` last signalled the process (0: its signal was taken). */
  private ownSigintAt = 0;
  private evaluationIds = 0;
  private drainTimer: NodeJS.Timeout | undefined;
  private readonly session = new inspector.Session();
  private workerSession: string | undefined;
  private inspectorCalls = 0;
  private readonly inspectorReplies = new Map<number, () => void>();
  private stopping = false;

  constructor(
    private readonly cwd: string,
    private readonly events: RuntimeEvents,
    private readonly log: (text: string) => void,
  ) {
    this.session.connect();
    this.session.on("NodeWorker.attachedToWorker", ({ params }: { params: { sessionId: string; workerInfo: { title: string } } }) => {
      if (params.workerInfo.title.endsWith("nn-runtime")) this.workerSession = params.sessionId;
    });
    this.session.on("NodeWorker.receivedMessageFromWorker", ({ params }: { params: { message: string } }) => {
      const reply = JSON.parse(params.message) as { id?: number };
      if (reply.id !== undefined) this.inspectorReplies.get(reply.id)?.();
    });
    this.session.post("NodeWorker.enable", { waitForDebuggerOnStart: false });
    this.start();
  }

  ready(): Promise<void> {
    return this.readyPromise;
  }

  run(id: number, label: string, source: string, cell: TranspiledCell, allowStdin: boolean): Promise<RunOutcome> {
    return new Promise((resolve) => {
      this.runs.set(id, { resolve });
      this.send({ kind: "run", id, label, source, cell, allowStdin });
    });
  }

  evaluate(expressions: Extract<ToRuntime, { kind: "evaluate" }>["expressions"]): Promise<Extract<FromRuntime, { kind: "evaluated" }>["results"]> {
    const id = ++this.evaluationIds;
    return new Promise((resolve) => {
      this.evaluations.set(id, resolve);
      this.send({ kind: "evaluate", id, expressions });
    });
  }

  /** Answers the runtime's input request (null: cancelled). */
  answerInput(request: Extract<FromRuntime, { kind: "inputRequest" }>, value: string | null): void {
    if (!request.sync) {
      this.send({ kind: "inputReply", requestId: request.requestId, value });
      return;
    }
    const bytes = new TextEncoder().encode(value ?? "").subarray(0, INPUT_BUFFER_BYTES);
    this.input.set(bytes);
    Atomics.store(this.state, RuntimeSlot.InputLength, value === null ? -1 : bytes.length);
    Atomics.store(this.state, RuntimeSlot.InputReady, 1);
    Atomics.notify(this.state, RuntimeSlot.InputReady);
  }

  /**
   * Stops what the runtime is doing (see the file comment). Resolves once the runtime has
   * answered; `forced` tells whether busy code had to be terminated through the inspector.
   */
  async interrupt(): Promise<{ forced: boolean }> {
    const token = ++this.interruptTokens;
    const acked = new Promise<void>((resolve) => this.interruptAcks.set(token, resolve));
    Atomics.store(this.state, RuntimeSlot.Interrupt, InterruptState.Pending);
    this.send({ kind: "interrupt", token });
    if (Atomics.load(this.state, RuntimeSlot.SigintScopeDepth) > 0) {
      this.ownSigintAt = Date.now();
      process.kill(process.pid, "SIGINT");
    }
    const taken = (await settlesWithin(acked, GRACE_MS)) || Atomics.compareExchange(this.state, RuntimeSlot.Interrupt, InterruptState.Pending, InterruptState.Terminating) !== InterruptState.Pending;
    if (taken) {
      // The runtime took the interrupt itself (it may still be answering).
      await settlesWithin(acked, 5000);
      Atomics.store(this.state, RuntimeSlot.Interrupt, InterruptState.Idle);
      return { forced: false };
    }
    await this.terminateExecution();
    Atomics.store(this.state, RuntimeSlot.Interrupt, InterruptState.Idle);
    Atomics.notify(this.state, RuntimeSlot.Interrupt);
    // The termination may have stopped the runtime while it waited for it (see runtime/worker.ts): ask again.
    for (let attempt = 0; attempt < 10; attempt++) {
      if (await settlesWithin(acked, 200)) return { forced: true };
      this.send({ kind: "interrupt", token });
    }
    this.log("the runtime did not answer an interrupt: starting a new one");
    this.restart("it did not answer an interrupt");
    return { forced: true };
  }

  /**
   * Whether a SIGINT that reached the process's own handler is the one `interrupt` sent: it arrived
   * after the runtime left its SIGINT scope (the cell had just ended), so no scope caught it, and
   * it must not interrupt the next cell. Consumes it.
   */
  takeOwnSigint(): boolean {
    const own = Date.now() - this.ownSigintAt < OWN_SIGINT_MS;
    this.ownSigintAt = 0;
    return own;
  }

  /** Ends the worker for good (kernel shutdown). */
  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.drainTimer);
    await this.worker.terminate();
  }

  private start(): void {
    const stateBuffer = new SharedArrayBuffer(RuntimeSlot.Count * 4);
    const inputBuffer = new SharedArrayBuffer(INPUT_BUFFER_BYTES);
    const streamBuffer = createStreamRing();
    this.state = new Int32Array(stateBuffer);
    this.input = new Uint8Array(inputBuffer);
    this.streams = new StreamRingReader(streamBuffer);
    const data: RuntimeWorkerData = {
      cwd: this.cwd,
      state: stateBuffer,
      streams: streamBuffer,
      input: inputBuffer,
      hiddenDirs: [__dirname, path.resolve(__dirname, "..", "..", "kernel"), path.dirname(require.resolve("tslab/package.json"))],
    };
    // As much JavaScript heap as a plain Node process gets (or NN_KERNEL_MAX_HEAP_MB); past it,
    // the worker ends alone and the kernel says so.
    const heapLimitMb = Number(process.env.NN_KERNEL_MAX_HEAP_MB) || Math.floor(v8.getHeapStatistics().heap_size_limit / 2 ** 20);
    this.worker = new Worker(path.join(__dirname, "runtime", "worker.js"), {
      workerData: data,
      name: "nn-runtime",
      resourceLimits: { maxOldGenerationSizeMb: heapLimitMb },
      stdout: false,
      stderr: false,
    });
    let ready!: () => void;
    this.readyPromise = new Promise((resolve) => (ready = resolve));
    this.worker.on("message", (message: FromRuntime) => {
      this.drain(message.mark);
      if (message.kind === "ready") ready();
      else this.handle(message);
    });
    let exitReason = "";
    this.worker.on("error", (err: NodeJS.ErrnoException) => {
      exitReason = err.code === "ERR_WORKER_OUT_OF_MEMORY" ? "out-of-memory" : `${err.name}: ${err.message}`;
    });
    this.worker.on("exit", (code) => {
      if (this.stopping) return;
      this.drain();
      const reason =
        exitReason === "out-of-memory"
          ? `the JavaScript heap is full (the limit is ${heapLimitMb} MB)`
          : exitReason || `the runtime exited with code ${code} (process.exit() in a cell?)`;
      this.died(reason);
    });
    clearInterval(this.drainTimer);
    this.drainTimer = setInterval(() => this.drain(), DRAIN_INTERVAL_MS);
    this.drainTimer.unref();
  }

  private restart(reason: string): void {
    this.stopping = true;
    void this.worker.terminate().finally(() => {
      this.stopping = false;
      this.died(reason);
    });
  }

  /** Finishes the cells the dead runtime was running, and starts a new one. */
  private died(reason: string): void {
    const error: ErrorContent = {
      ename: "KernelRestart",
      evalue: `the cell's runtime stopped: ${reason}`,
      traceback: [
        `KernelRestart: the cell's runtime stopped: ${reason}.`,
        "A new runtime started: every variable is gone. Run the notebook again from the top (Run > Run All Above).",
      ],
    };
    for (const run of this.runs.values()) run.resolve({ error });
    this.runs.clear();
    for (const ack of this.interruptAcks.values()) ack();
    this.interruptAcks.clear();
    for (const resolve of this.evaluations.values()) resolve({});
    this.evaluations.clear();
    this.start();
    this.events.restarted(reason);
  }

  private handle(message: FromRuntime): void {
    switch (message.kind) {
      case "result": {
        const run = this.runs.get(message.id);
        if (run) run.bundle = message.bundle;
        return;
      }
      case "done": {
        const run = this.runs.get(message.id);
        this.runs.delete(message.id);
        run?.resolve({ bundle: message.error ? undefined : run.bundle, error: message.error });
        return;
      }
      case "interrupted":
        this.interruptAcks.get(message.token)?.();
        this.interruptAcks.delete(message.token);
        return;
      case "display":
        this.events.display(message);
        return;
      case "clearOutput":
        this.events.clearOutput(message);
        return;
      case "inputRequest":
        this.events.inputRequest(message);
        return;
      case "evaluated":
        this.evaluations.get(message.id)?.(message.results);
        this.evaluations.delete(message.id);
        return;
    }
  }

  /** Publishes the runtime's output written up to `mark` (everything, by default). */
  private drain(mark?: number): void {
    if (mark === undefined && !this.events.canTakeOutput()) return;
    for (const record of this.streams.drain(mark)) this.events.stream(record);
  }

  private send(message: ToRuntime): void {
    this.worker.postMessage(message);
  }

  private terminateExecution(): Promise<void> {
    const sessionId = this.workerSession;
    if (!sessionId) return Promise.resolve();
    const id = ++this.inspectorCalls;
    return new Promise((resolve) => {
      this.inspectorReplies.set(id, () => {
        this.inspectorReplies.delete(id);
        resolve();
      });
      this.session.post("NodeWorker.sendMessageToWorker", {
        sessionId,
        message: JSON.stringify({ id, method: "Runtime.terminateExecution" }),
      });
      // The reply comes when the terminated code has unwound; do not wait forever for it.
      setTimeout(resolve, 2000).unref();
    });
  }
}

function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    promise.then(() => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}
