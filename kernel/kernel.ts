/**
 * The course kernel: the Jupyter protocol with IPython's behaviour, on the main thread, which
 * never runs a cell — so the heartbeat, control requests (interrupt, shutdown, kernel_info) and
 * completion are answered at once, whatever a cell is doing.
 *
 * A cell goes to the compiler (kernel/compilers.ts), which transpiles it in about a millisecond
 * and type-checks it with a warm checker; the runtime (kernel/runtimeHost.ts) starts it as soon
 * as it is transpiled, while the check runs beside it. A type error stops the cell if it is still
 * running and is its error, as TypeScript requires; the reply waits for both.
 *
 * IOPub carries IPython's sequence: busy, execute_input, stream / display_data / execute_result
 * or error, idle; the reply goes on shell. After an error (or an interrupt) with stop_on_error,
 * the execute requests already queued are answered "aborted"; requests sent after the error run.
 * Output that a cell's callbacks write after the cell finished is shown at the start of the next
 * cell's output, named after the cell it came from (JupyterLab ignores output for a finished cell).
 */
import * as path from "path";
import { Compilers } from "./compilers";
import { History } from "./history";
import { IOPub } from "./iopub";
import { KernelChannels, type Channel } from "./protocol/channels";
import { MessageFactory, PROTOCOL_VERSION, type Content, type Message } from "./protocol/wire";
import { RuntimeHost, type RunOutcome } from "./runtimeHost";
import { keyboardInterrupt, type ErrorContent } from "./shared/errors";
import type { FromRuntime } from "./shared/messages";
import type { StreamRecord } from "./shared/streamRing";

interface Request {
  channel: Channel;
  message: Message;
}

interface ActiveCell {
  id: number;
  request: Message;
  label: string;
  allowStdin: boolean;
  phase: "compiling" | "running";
  interrupted: boolean;
  onInterrupt(): void;
}

type LateItem =
  | { kind: "stream"; origin: number; name: "stdout" | "stderr"; text: string }
  | { kind: "display"; origin: number; message: Extract<FromRuntime, { kind: "display" }> };

const PROJECT_ROOT = path.resolve(__dirname, "..", "..");
/**
 * How long after an error requests stamped before it are still aborted. Requests waiting in the
 * socket at the error are read within milliseconds on a quiet machine, later on a loaded one; this
 * only limits what a client whose clock runs behind the kernel's can lose.
 */
const ABORT_WINDOW_MS = 3000;
/** How long a cell whose type check failed may still finish by itself before it is stopped. */
const TYPE_ERROR_GRACE_MS = 100;
/**
 * kernel_info waits for the compiler, so the kernel says "ready" when it is — but no longer than
 * this after the kernel started: jupyter_client asks again every second, and a late reply to an
 * extra request would reach a client that has moved on.
 */
const READY_TIMEOUT_MS = 800;
/** Whether the client created `message` before `time` (epoch ms); unreadable dates count as before. */
function sentBefore(message: Message, time: number): boolean {
  const m = /^(.*T\d\d:\d\d:\d\d)(\.\d+)?(Z|[+-]\d\d:?\d\d)?$/.exec(String(message.header.date ?? ""));
  if (!m) return true;
  const seconds = Date.parse(m[1] + (m[3] ?? ""));
  if (Number.isNaN(seconds)) return true;
  return seconds + Number(m[2] ?? 0) * 1000 <= time;
}

export class CourseKernel {
  private readonly channels: KernelChannels;
  private readonly messages: MessageFactory;
  private readonly iopub: IOPub;
  private readonly compilers: Compilers;
  private readonly runtime: RuntimeHost;
  private readonly history = new History();
  private executionCount = 0;
  private cellIds = 0;
  private readonly queue: Request[] = [];
  private running = false;
  private abortWindow: { sentBefore: number; until: number } | null = null;
  private active: ActiveCell | null = null;
  private lastRequest: Message | null = null;
  private readonly labels = new Map<number, string>();
  private readonly decoders = new Map<string, TextDecoder>();
  private readonly late: LateItem[] = [];
  private readonly inputWaits = new Map<string, Extract<FromRuntime, { kind: "inputRequest" }>>();
  private interrupting: Promise<void> | null = null;
  /** Resolves when kernel_info may be answered (see READY_TIMEOUT_MS). */
  private readonly answerable: Promise<unknown>;
  private readonly realStderr = process.stderr.write.bind(process.stderr);

  constructor({ connectionFile, cwd = process.cwd() }: { connectionFile: string; cwd?: string }) {
    this.channels = new KernelChannels(connectionFile, (text) => this.log(text));
    this.messages = new MessageFactory(this.channels.connection.key);
    this.iopub = new IOPub(this.channels, this.messages);
    this.compilers = new Compilers(cwd, (text) => this.log(text));
    this.answerable = Promise.race([this.compilers.ready(), new Promise((resolve) => setTimeout(resolve, READY_TIMEOUT_MS))]);
    this.runtime = new RuntimeHost(cwd, {
      stream: (record) => this.onStream(record),
      display: (message) => this.onDisplay(message),
      clearOutput: (message) => {
        if (this.active && message.cell === this.active.id) this.iopub.publish("clear_output", { wait: message.wait }, this.active.request);
      },
      inputRequest: (message) => this.onInputRequest(message),
      restarted: (reason) => {
        this.compilers.clear();
        this.log(`runtime restarted: ${reason}`);
      },
      canTakeOutput: () => this.iopub.backlog < 4 * 2 ** 20,
    }, (text) => this.log(text));
  }

  /** Kernel-side log: the kernel process's own stderr, never a cell's output. */
  private log(text: string): void {
    this.realStderr(`[nn-basics-ts kernel] ${text}\n`);
  }

  async start(): Promise<void> {
    // A SIGINT from outside (interrupt_mode "signal" clients, Ctrl-C in a terminal) interrupts;
    // the runtime host's own, arriving after the cell it was for had ended, does not.
    process.on("SIGINT", () => {
      if (!this.runtime.takeOwnSigint()) void this.interrupt();
    });
    process.on("SIGTERM", () => void this.shutdown());
    await this.channels.start((channel, message) => this.dispatch(channel, message));
    this.iopub.publish("status", { execution_state: "starting" }, null);
    this.watchParent();
  }

  /**
   * ipykernel's parent poller: a kernel whose launcher died (a crashed or killed notebook server,
   * a script that exited without shutting it down) ends itself instead of running on, orphaned,
   * perhaps in a busy loop. jupyter_client names the launcher in JPY_PARENT_PID.
   */
  private watchParent(): void {
    const launcher = Number(process.env.JPY_PARENT_PID);
    const parentAtStart = process.ppid;
    const timer = setInterval(() => {
      let launcherAlive = true;
      if (launcher > 0) {
        try {
          process.kill(launcher, 0);
        } catch (err) {
          launcherAlive = (err as NodeJS.ErrnoException).code === "EPERM";
        }
      }
      if (!launcherAlive || process.ppid !== parentAtStart) {
        clearInterval(timer);
        this.log("the process that started the kernel is gone: shutting down");
        void this.shutdown();
      }
    }, 1000);
    timer.unref();
  }

  // ---------------------------------------------------------------- dispatch

  private dispatch(channel: Channel, message: Message): void {
    const type = message.header.msg_type;
    if (channel === "stdin") {
      if (type === "input_reply") this.onInputReply(message);
      return;
    }
    if (channel === "shell" && type === "execute_request") {
      const abortWindow = this.abortWindow;
      if (abortWindow && Date.now() <= abortWindow.until && sentBefore(message, abortWindow.sentBefore)) {
        this.abort({ channel, message });
      } else {
        this.queue.push({ channel, message });
        void this.runQueue();
      }
      return;
    }
    void this.handleNow({ channel, message });
  }

  private async handleNow(request: Request): Promise<void> {
    const { message } = request;
    const type = message.header.msg_type;
    this.iopub.publish("status", { execution_state: "busy" }, message);
    try {
      switch (type) {
        case "kernel_info_request":
          await this.answerable;
          this.reply(request, "kernel_info_reply", this.kernelInfo());
          break;
        case "complete_request": {
          const code = String(message.content.code ?? "");
          const cursor = utf16Offset(code, message.content.cursor_pos ?? Array.from(code).length);
          const completion = await this.compilers.complete(code, cursor);
          const start = codePointOffset(code, completion.start);
          const end = codePointOffset(code, completion.end);
          this.reply(request, "complete_reply", {
            status: "ok",
            matches: completion.matches,
            cursor_start: start,
            cursor_end: end,
            metadata: {
              // JupyterLab shows these kinds beside the matches.
              _jupyter_types_experimental: completion.matches.map((text, i) => ({ start, end, text, type: completion.types[i] })),
            },
          });
          break;
        }
        case "inspect_request": {
          const code = String(message.content.code ?? "");
          const cursor = utf16Offset(code, message.content.cursor_pos ?? Array.from(code).length);
          const inspection = await this.compilers.inspect(code, cursor);
          const data: Record<string, string> = inspection.found
            ? {
                "text/plain": inspection.signature + (inspection.documentation ? `\n\n${inspection.documentation}` : ""),
                "text/markdown": "```typescript\n" + inspection.signature + "\n```" + (inspection.documentation ? `\n\n${inspection.documentation}` : ""),
              }
            : {};
          this.reply(request, "inspect_reply", { status: "ok", found: inspection.found, data, metadata: {} });
          break;
        }
        case "is_complete_request":
          this.reply(request, "is_complete_reply", await this.compilers.isComplete(String(message.content.code ?? "")));
          break;
        case "history_request":
          this.reply(request, "history_reply", { status: "ok", history: this.history.query(message.content) });
          break;
        case "comm_info_request":
          this.reply(request, "comm_info_reply", { status: "ok", comms: {} });
          break;
        case "comm_open":
          // As ipykernel does when no library registered the target (no widgets here): close it.
          this.log(`no comm target "${message.content.target_name}" is registered: closing comm ${message.content.comm_id}`);
          this.iopub.publish("comm_close", { comm_id: message.content.comm_id, data: {} }, message);
          break;
        case "comm_msg":
        case "comm_close":
          this.log(`${type} for unknown comm ${message.content.comm_id}: ignored`);
          break;
        case "interrupt_request":
          await this.interrupt();
          this.reply(request, "interrupt_reply", { status: "ok" });
          break;
        case "shutdown_request": {
          const content = { status: "ok", restart: Boolean(message.content.restart) };
          this.reply(request, "shutdown_reply", content);
          // ipykernel also broadcasts the reply, so every client learns of the shutdown.
          this.iopub.publish("shutdown_reply", content, message);
          this.iopub.publish("status", { execution_state: "idle" }, message);
          await this.shutdown();
          return;
        }
        default:
          // debug_request (no debugger) and other types: ignored, as ipykernel ignores unknown types.
          this.log(`ignoring ${type} on ${request.channel}`);
      }
    } catch (err) {
      this.log(`${type} failed: ${(err as Error).stack}`);
      const replyType = type.replace(/_request$/, "_reply");
      if (replyType !== type) this.reply(request, replyType, { status: "error", ename: "KernelError", evalue: String(err), traceback: [String(err)] });
    } finally {
      if (type !== "shutdown_request") this.iopub.publish("status", { execution_state: "idle" }, message);
    }
  }

  private async runQueue(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (let next = this.queue.shift(); next; next = this.queue.shift()) {
        const failedAt = await this.execute(next);
        if (failedAt !== null) this.abortQueued(failedAt);
      }
    } finally {
      this.running = false;
    }
    this.compilers.renewIfOld();
  }

  /** Runs one execute_request; returns the time of its error when queued requests must be aborted. */
  private async execute(request: Request): Promise<number | null> {
    const { message } = request;
    const content = message.content;
    const code = String(content.code ?? "");
    const silent = content.silent === true;
    const storeHistory = !silent && content.store_history !== false;
    const stopOnError = content.stop_on_error !== false;
    this.iopub.publish("status", { execution_state: "busy" }, message);
    if (storeHistory) this.executionCount++;
    const count = this.executionCount;
    if (!silent) this.iopub.publish("execute_input", { code, execution_count: count }, message);
    if (storeHistory) this.history.add(count, code);
    this.lastRequest = message;

    const id = ++this.cellIds;
    const label = `In[${count}]`;
    this.labels.set(id, label);
    let interrupted!: () => void;
    const interruptedWhileCompiling = new Promise<"interrupted">((resolve) => (interrupted = () => resolve("interrupted")));
    const active: ActiveCell = { id, request: message, label, allowStdin: content.allow_stdin === true, phase: "compiling", interrupted: false, onInterrupt: interrupted };
    this.active = active;
    this.publishLate();

    let outcome: RunOutcome;
    try {
      outcome = code.trim() === "" ? {} : await this.compileAndRun(active, code, interruptedWhileCompiling);
    } catch (err) {
      // A failure of the kernel itself, not of the cell: still answer, and keep serving.
      this.log(`executing ${label} failed: ${(err as Error).stack}`);
      outcome = { error: { ename: "KernelError", evalue: String(err), traceback: [`KernelError: ${(err as Error).stack}`] } };
    }
    const finishedAt = Date.now();
    // The runtime's `done` carried its stream mark: the cell's own output is published already.
    this.active = null;
    for (const key of this.decoders.keys()) if (key.startsWith(`${id}:`)) this.decoders.delete(key);

    let replyContent: Content;
    if (!outcome.error) {
      if (outcome.bundle && !silent) {
        this.iopub.publish("execute_result", { execution_count: count, data: outcome.bundle.data, metadata: outcome.bundle.metadata }, message);
        if (storeHistory) this.history.setOutput(count, String(outcome.bundle.data["text/plain"]));
      }
      const expressions = (content.user_expressions ?? {}) as Record<string, string>;
      replyContent = {
        status: "ok",
        execution_count: count,
        payload: [],
        user_expressions: Object.keys(expressions).length ? await this.userExpressions(expressions) : {},
      };
    } else {
      if (!silent) this.iopub.publish("error", outcome.error, message);
      replyContent = { status: "error", execution_count: count, ...outcome.error, payload: [], user_expressions: {} };
    }
    this.reply(request, "execute_reply", replyContent, { status: replyContent.status });
    this.iopub.publish("status", { execution_state: "idle" }, message);
    return outcome.error && stopOnError && !silent ? finishedAt : null;
  }

  private async compileAndRun(active: ActiveCell, code: string, interruptedWhileCompiling: Promise<"interrupted">): Promise<RunOutcome> {
    const compilation = this.compilers.compile(active.id, code, active.label);
    const transpiled = await Promise.race([compilation.transpiled, interruptedWhileCompiling]);
    if (transpiled === "interrupted") {
      compilation.cancel();
      return { error: keyboardInterrupt("the cell was interrupted before it ran") };
    }
    if ("error" in transpiled) return { error: transpiled.error };
    active.phase = "running";
    let finished = false;
    let stoppedForTypes = false;
    const run = this.runtime.run(active.id, active.label, code, transpiled.cell, active.allowStdin).finally(() => (finished = true));
    const typeError = await compilation.checked;
    // Most cells end within milliseconds of their check: give them that before stopping one, so an
    // interrupt is only sent to a cell that is really still running.
    if (typeError && !finished) await Promise.race([run, new Promise((resolve) => setTimeout(resolve, TYPE_ERROR_GRACE_MS))]);
    if (typeError && !finished) {
      // TypeScript refuses the cell: stop it rather than let ill-typed code run on.
      stoppedForTypes = true;
      await this.interruptRuntime();
    }
    const outcome = await run;
    if (!typeError) return outcome;
    const note =
      stoppedForTypes && outcome.error?.ename === "KeyboardInterrupt"
        ? ["(The cell started before its type check finished, and was stopped.)"]
        : outcome.error
          ? [`(When it ran, the cell also failed: ${outcome.error.ename}: ${outcome.error.evalue})`]
          : [];
    return { error: { ...typeError, traceback: [...typeError.traceback, ...note] } };
  }

  private async userExpressions(expressions: Record<string, string>): Promise<Record<string, unknown>> {
    const compiled = await this.compilers.transpileExpressions(expressions);
    const results = await this.runtime.evaluate(compiled);
    const out: Record<string, unknown> = {};
    for (const [name, result] of Object.entries(results)) {
      out[name] = result.status === "ok" ? { status: "ok", data: result.bundle.data, metadata: result.bundle.metadata } : result;
    }
    return out;
  }

  /** IPython's stop_on_error: abort what is queued and still unread in the socket, not what comes later. */
  private abortQueued(errorTime: number): void {
    for (let next = this.queue.shift(); next; next = this.queue.shift()) this.abort(next);
    this.abortWindow = { sentBefore: errorTime, until: Date.now() + ABORT_WINDOW_MS };
  }

  private abort(request: Request): void {
    this.iopub.publish("status", { execution_state: "busy" }, request.message);
    this.reply(request, "execute_reply", { status: "aborted" }, { status: "aborted" });
    this.iopub.publish("status", { execution_state: "idle" }, request.message);
  }

  // ---------------------------------------------------------------- interrupts

  /** Kernel > Interrupt: stops the running cell wherever it is (see runtimeHost.ts). */
  interrupt(): Promise<void> {
    this.interrupting ??= (async () => {
      try {
        const active = this.active;
        if (active?.phase === "compiling") {
          active.interrupted = true;
          active.onInterrupt();
          return;
        }
        await this.interruptRuntime();
      } finally {
        this.interrupting = null;
      }
    })();
    return this.interrupting;
  }

  private async interruptRuntime(): Promise<void> {
    for (const [msgId, request] of this.inputWaits) {
      this.runtime.answerInput(request, null);
      this.inputWaits.delete(msgId);
    }
    await this.runtime.interrupt();
  }

  // ---------------------------------------------------------------- runtime output

  private onStream(record: StreamRecord): void {
    const key = `${record.cell}:${record.origin}:${record.stream}`;
    let decoder = this.decoders.get(key);
    if (!decoder) this.decoders.set(key, (decoder = new TextDecoder()));
    const text = decoder.decode(record.bytes, { stream: true });
    if (!text) return;
    const active = this.active;
    const fromActive = record.cell === active?.id || (record.cell === -1 && record.origin === active?.id);
    if (active && fromActive && (record.origin === -1 || record.origin === active.id)) {
      this.iopub.stream(active.request, record.stream, text);
      return;
    }
    // A callback of an earlier cell: shown in the running cell (or the next one), named.
    this.late.push({ kind: "stream", origin: record.origin, name: record.stream, text });
    if (active) this.publishLate();
  }

  private onDisplay(message: Extract<FromRuntime, { kind: "display" }>): void {
    const content = { data: message.bundle.data, metadata: message.bundle.metadata, transient: message.displayId ? { display_id: message.displayId } : {} };
    const active = this.active;
    if (active && message.cell === active.id) {
      this.iopub.publish(message.update ? "update_display_data" : "display_data", content, active.request);
      return;
    }
    if (message.update && message.displayId) {
      // An update reaches the outputs with that display id wherever they are.
      this.iopub.publish("update_display_data", content, this.lastRequest);
      return;
    }
    this.late.push({ kind: "display", origin: message.origin, message });
    if (active) this.publishLate();
  }

  /** Output of earlier cells' callbacks, at the start of the running cell's output, named. */
  private publishLate(): void {
    const active = this.active;
    if (!active || this.late.length === 0) return;
    let lastOrigin: number | undefined;
    for (const item of this.late.splice(0)) {
      if (item.origin !== lastOrigin) {
        const from = this.labels.get(item.origin);
        this.iopub.stream(active.request, "stderr", `[output of ${from ?? "an earlier cell"}, after it finished]\n`);
        lastOrigin = item.origin;
      }
      if (item.kind === "stream") this.iopub.stream(active.request, item.name, item.text);
      else {
        const m = item.message;
        this.iopub.publish("display_data", { data: m.bundle.data, metadata: m.bundle.metadata, transient: m.displayId ? { display_id: m.displayId } : {} }, active.request);
      }
    }
  }

  private onInputRequest(request: Extract<FromRuntime, { kind: "inputRequest" }>): void {
    const active = this.active;
    if (!active || !active.allowStdin) {
      this.runtime.answerInput(request, null);
      return;
    }
    const message = this.messages.create("input_request", { prompt: request.prompt, password: request.password }, active.request);
    this.inputWaits.set(message.header.msg_id, request);
    this.channels.send(this.channels.stdin, this.messages.serialize(message, active.request.identities));
  }

  private onInputReply(message: Message): void {
    // The reply's parent is our input_request; a client that leaves it out answers the only one.
    const parentId = (message.parent_header as { msg_id?: string }).msg_id;
    const key = parentId !== undefined && this.inputWaits.has(parentId) ? parentId : [...this.inputWaits.keys()][0];
    const request = key === undefined ? undefined : this.inputWaits.get(key);
    if (key === undefined || !request) return;
    this.inputWaits.delete(key);
    this.runtime.answerInput(request, String(message.content.value ?? ""));
  }

  // ---------------------------------------------------------------- messages

  private reply(request: Request, type: string, content: Content, metadata: Content = {}): void {
    const socket = request.channel === "control" ? this.channels.control : this.channels.shell;
    const message = this.messages.create(type, content, request.message, metadata);
    this.channels.send(socket, this.messages.serialize(message, request.message.identities));
  }

  private kernelInfo(): Content {
    const tsVersion = (require("typescript/package.json") as { version: string }).version;
    const courseVersion = (require(path.join(PROJECT_ROOT, "package.json")) as { version: string }).version;
    return {
      status: "ok",
      protocol_version: PROTOCOL_VERSION,
      implementation: "nn-basics-ts",
      implementation_version: courseVersion,
      language_info: {
        name: "typescript",
        version: tsVersion,
        mimetype: "text/typescript",
        file_extension: ".ts",
        pygments_lexer: "typescript",
        nbconvert_exporter: "script",
        // A mode name: JupyterLab 4 and Notebook 7 find their TypeScript grammar by it, the
        // classic notebook's CodeMirror 5 its JavaScript mode with TypeScript on.
        codemirror_mode: "typescript",
      },
      banner:
        `TypeScript ${tsVersion} kernel of the Neural Network Basics course (Node.js ${process.version}).\n` +
        `Start with: import * as nn from "../lib"; await nn.ready();`,
      help_links: [
        { text: "Course README", url: "../README.md" },
        { text: "Course notebooks", url: "../notebooks/" },
        { text: "TypeScript handbook", url: "https://www.typescriptlang.org/docs/handbook/intro.html" },
        { text: "TensorFlow.js API", url: "https://js.tensorflow.org/api/latest/" },
      ],
      debugger: false,
    };
  }

  private async shutdown(): Promise<void> {
    await Promise.race([this.iopub.drained(), new Promise((resolve) => setTimeout(resolve, 2000))]);
    this.compilers.stop();
    await Promise.race([this.runtime.stop(), new Promise((resolve) => setTimeout(resolve, 1000))]);
    this.channels.close();
    process.exit(0);
  }
}

/** Jupyter counts cursor positions in code points; TypeScript in UTF-16 units. */
export function utf16Offset(text: string, codePoints: number): number {
  let offset = 0;
  for (let i = 0; i < codePoints && offset < text.length; i++) offset += (text.codePointAt(offset) ?? 0) > 0xffff ? 2 : 1;
  return offset;
}

export function codePointOffset(text: string, utf16: number): number {
  return Array.from(text.slice(0, utf16)).length;
}
