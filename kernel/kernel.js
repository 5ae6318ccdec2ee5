// @ts-check
/**
 * The course kernel: Jupyter messaging with IPython's behaviour, on top of tslab's compiler.
 *
 * - Shell requests other than execute are answered at once (completion keeps working while a cell
 *   awaits); execute requests run one at a time, in arrival order.
 * - busy, execute_input, then stream / display_data / execute_result or error, idle on IOPub and
 *   the reply on shell: the sequence ipykernel produces.
 * - After an error (or an interrupt) with stop_on_error, the execute requests already queued,
 *   including those still unread in the shell socket, are answered "aborted"; requests sent after
 *   the error run normally (tslab aborted every request for 200 ms instead).
 * - Errors of callbacks and unawaited promises are reported under the last cell; they do not end
 *   the kernel.
 */
"use strict";
const path = require("path");
const { MessageFactory, PROTOCOL_VERSION } = require("./wire");
const { KernelChannels } = require("./channels");
const { CellExecutor } = require("./executor");
const { Tracebacks } = require("./traceback");
const { History } = require("./history");
const { isComplete } = require("./is-complete");
const { mimeBundleOf, TensorInspection } = require("./display");
const { tslabDirs } = require("./typescript");

/**
 * @typedef {import("./wire").Message} Message
 * @typedef {import("./channels").Channel} Channel
 * @typedef {{ message: Message, socket: import("zeromq").Router }} Request
 */

const PROJECT_ROOT = path.resolve(__dirname, "..");
/**
 * How long after an error requests stamped before it are still aborted. Requests waiting in the
 * socket at the error are read within milliseconds; this only limits what a client whose clock
 * runs behind the kernel's can lose.
 */
const ABORT_WINDOW_MS = 1000;
/** When to create the compiler if no kernel_info_request comes. */
const WARM_UP_DELAY_MS = 1000;
/** jupyter_client waits 0.2 s for IOPub after each kernel_info_reply before asking again. */
const HANDSHAKE_QUIET_MS = 300;

/**
 * Whether the client created `message` before `time` (epoch ms). The header date has microseconds
 * ("2025-01-01T12:34:56.789012Z"); a message without a readable date counts as sent before.
 * @param {import("./wire").Message} message
 * @param {number} time
 */
function sentBefore(message, time) {
  const m = /^(.*T\d\d:\d\d:\d\d)(\.\d+)?(Z|[+-]\d\d:?\d\d)?$/.exec(String(message.header.date ?? ""));
  if (!m) return true;
  const seconds = Date.parse(m[1] + (m[3] ?? ""));
  if (Number.isNaN(seconds)) return true;
  return seconds + Number(m[2] ?? 0) * 1000 <= time;
}

class CourseKernel {
  /**
   * @param {{ connectionFile: string, cwd?: string }} options
   */
  constructor({ connectionFile, cwd = process.cwd() }) {
    this.channels = new KernelChannels(connectionFile, (text) => this.log(text));
    this.messages = new MessageFactory(this.channels.connection.key);
    this.tracebacks = new Tracebacks({
      cwd,
      hiddenDirs: [__dirname, ...tslabDirs],
    });
    this.executor = new CellExecutor({ rootDir: cwd, tracebacks: this.tracebacks });
    this.history = new History();
    this.tensorInspection = new TensorInspection();
    this.executionCount = 0;
    /** @type {Request[]} execute requests waiting for the running one */
    this.queue = [];
    this.running = false;
    /** @type {{ sentBefore: number, until: number } | null} set by an error: see abortQueued */
    this.abortWindow = null;
    /** @type {Message | null} the request whose cell output goes to (the last one executed) */
    this.outputParent = null;
    /** @type {NodeJS.Timeout | undefined} */
    this.warmUpTimer = undefined;
    this.originalWrite = {
      stdout: process.stdout.write.bind(process.stdout),
      stderr: process.stderr.write.bind(process.stderr),
    };
  }

  /** Kernel-side log: the kernel process's own stderr, never a cell's output. */
  log(/** @type {string} */ text) {
    this.originalWrite.stderr(`[nn-basics-ts kernel] ${text}\n`);
  }

  async start() {
    this.routeProcessOutput();
    this.installSignalAndErrorHandlers();
    await this.channels.start((channel, message) => this.dispatch(channel, message));
    this.publish("status", { execution_state: "starting" }, null);
    this.scheduleWarmUp(WARM_UP_DELAY_MS);
  }

  /**
   * Creating tslab's compiler takes one to two seconds of blocking work. It waits until clients
   * have finished their kernel_info handshake (jupyter_client repeats kernel_info_request until
   * it sees IOPub messages), so frontends see the kernel ready at once; the first cell creates
   * the compiler itself if it comes earlier.
   * @param {number} delay milliseconds
   */
  scheduleWarmUp(delay) {
    clearTimeout(this.warmUpTimer);
    this.warmUpTimer = setTimeout(() => this.executor.warmUp(), delay);
  }

  // ---------------------------------------------------------------- dispatch

  /**
   * @param {Channel} channel
   * @param {Message} message
   */
  dispatch(channel, message) {
    const socket = channel === "control" ? this.channels.control : this.channels.shell;
    if (channel === "shell" && message.header.msg_type === "execute_request") {
      const abortWindow = this.abortWindow;
      if (abortWindow && Date.now() <= abortWindow.until && sentBefore(message, abortWindow.sentBefore)) {
        this.abort({ message, socket });
      } else {
        this.queue.push({ message, socket });
        void this.runQueue();
      }
    } else {
      this.handleNow({ message, socket });
    }
  }

  /** @param {Request} request */
  handleNow(request) {
    const { message } = request;
    const type = message.header.msg_type;
    this.publish("status", { execution_state: "busy" }, message);
    try {
      switch (type) {
        case "kernel_info_request":
          this.reply(request, "kernel_info_reply", this.kernelInfo());
          this.scheduleWarmUp(HANDSHAKE_QUIET_MS);
          break;
        case "complete_request": {
          const { code, cursor_pos: cursor = Array.from(code).length } = message.content;
          this.reply(request, "complete_reply", { status: "ok", ...this.executor.complete(code, cursor) });
          break;
        }
        case "inspect_request": {
          const { code, cursor_pos: cursor = Array.from(code).length } = message.content;
          this.reply(request, "inspect_reply", { status: "ok", metadata: {}, ...this.executor.inspect(code, cursor) });
          break;
        }
        case "is_complete_request":
          this.reply(request, "is_complete_reply", isComplete(message.content.code));
          break;
        case "history_request":
          this.reply(request, "history_reply", { status: "ok", history: this.history.query(message.content) });
          break;
        case "comm_info_request":
          this.reply(request, "comm_info_reply", { status: "ok", comms: {} });
          break;
        case "interrupt_request":
          // For interrupt_mode "message"; the kernel spec uses signals, which also reach busy code.
          process.kill(process.pid, "SIGINT");
          this.reply(request, "interrupt_reply", { status: "ok" });
          break;
        case "shutdown_request":
          this.reply(request, "shutdown_reply", { status: "ok", restart: Boolean(message.content.restart) });
          this.publish("status", { execution_state: "idle" }, message);
          this.shutdown();
          return;
        default:
          // comm messages (no widgets here), debug_request (no debugger), ...: ignored, like
          // ipykernel ignores unknown types.
          this.log(`ignoring ${type} on ${request.socket === this.channels.control ? "control" : "shell"}`);
      }
    } catch (err) {
      this.log(`${type} failed: ${/** @type {Error} */ (err).stack}`);
      const replyType = type.replace(/_request$/, "_reply");
      if (replyType !== type) this.reply(request, replyType, { status: "error", ...this.tracebacks.fromError(err) });
    } finally {
      if (type !== "shutdown_request") this.publish("status", { execution_state: "idle" }, message);
    }
  }

  async runQueue() {
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
  }

  /**
   * Runs one execute_request.
   * @param {Request} request
   * @returns {Promise<number | null>} when queued requests must be aborted: the time of the error
   */
  async execute(request) {
    const { message } = request;
    const content = message.content;
    const code = String(content.code ?? "");
    const silent = content.silent === true;
    const storeHistory = !silent && content.store_history !== false;
    const stopOnError = content.stop_on_error !== false;
    this.publish("status", { execution_state: "busy" }, message);
    if (storeHistory) this.executionCount++;
    const count = this.executionCount;
    if (!silent) this.publish("execute_input", { code, execution_count: count }, message);
    if (storeHistory) this.history.add(count, code);
    this.outputParent = message;
    this.setDisplayTarget(message);

    const label = `In[${count}]`;
    this.tensorInspection.installIfLoaded();
    /** @type {import("./executor").Outcome} */
    let outcome;
    try {
      outcome = await this.executor.execute(code, label);
    } catch (err) {
      // A failure of the compiler itself, not of the cell: still answer, and keep serving.
      this.log(`executing ${label} failed: ${/** @type {Error} */ (err).stack}`);
      outcome = { status: "error", error: this.tracebacks.fromError(err, label) };
    }
    this.tensorInspection.installIfLoaded();

    const finishedAt = Date.now();
    /** @type {Record<string, unknown>} */
    let replyContent;
    if (outcome.status === "ok") {
      if (outcome.value && !silent) {
        const bundle = mimeBundleOf(outcome.value.shown, (note) => this.writeStream(message, "stderr", `${note}\n`));
        this.publish("execute_result", { execution_count: count, ...bundle }, message);
        if (storeHistory) this.history.setOutput(count, String(bundle.data["text/plain"]));
      }
      const expressions = content.user_expressions ?? {};
      replyContent = {
        status: "ok",
        execution_count: count,
        payload: [],
        user_expressions: Object.keys(expressions).length
          ? this.executor.evaluateExpressions(expressions, (value) => mimeBundleOf(value, () => {}))
          : {},
      };
    } else {
      if (!silent) this.publish("error", outcome.error, message);
      replyContent = { status: "error", execution_count: count, ...outcome.error, payload: [], user_expressions: {} };
    }
    this.reply(request, "execute_reply", replyContent, { status: replyContent.status });
    this.publish("status", { execution_state: "idle" }, message);
    return outcome.status === "error" && stopOnError && !silent ? finishedAt : null;
  }

  /**
   * After an error, like ipykernel's stop_on_error: abort the execute requests already queued and
   * those still waiting in the shell socket, but not requests sent after the error (tslab aborted
   * every request for 200 ms). Requests that arrive later are told apart by the time the client
   * stamped in their header; the window only bounds the harm of a client clock running behind.
   * @param {number} errorTime epoch milliseconds, taken before the error's reply was sent
   */
  abortQueued(errorTime) {
    for (let next = this.queue.shift(); next; next = this.queue.shift()) this.abort(next);
    this.abortWindow = { sentBefore: errorTime, until: Date.now() + ABORT_WINDOW_MS };
  }

  /** @param {Request} request */
  abort(request) {
    this.publish("status", { execution_state: "busy" }, request.message);
    this.reply(request, "execute_reply", { status: "aborted" }, { status: "aborted" });
    this.publish("status", { execution_state: "idle" }, request.message);
  }

  // ---------------------------------------------------------------- messages

  /**
   * @param {Request} request
   * @param {string} type
   * @param {Record<string, unknown>} content
   * @param {Record<string, unknown>} [metadata]
   */
  reply(request, type, content, metadata = {}) {
    const message = this.messages.create(type, content, request.message, metadata);
    this.channels.send(request.socket, this.messages.serialize(message, request.message.identities));
  }

  /**
   * @param {string} type
   * @param {Record<string, unknown>} content
   * @param {Message | null} parent
   */
  publish(type, content, parent) {
    const message = this.messages.create(type, content, parent);
    const topic = Buffer.from(`kernel.${this.messages.session}.${type}`);
    this.channels.send(this.channels.iopub, this.messages.serialize(message, [topic]));
  }

  /**
   * @param {Message} parent
   * @param {"stdout" | "stderr"} name
   * @param {string} text
   */
  writeStream(parent, name, text) {
    if (text) this.publish("stream", { name, text }, parent);
  }

  /**
   * process.stdout/stderr go to the cell that ran last, even from callbacks that fire after it
   * finished (as in IPython); before any cell, to the kernel's own streams.
   */
  routeProcessOutput() {
    const decoder = new TextDecoder();
    for (const name of /** @type {const} */ (["stdout", "stderr"])) {
      const stream = process[name];
      const original = this.originalWrite[name];
      /** @type {any} */ (stream).write = (/** @type {string | Uint8Array} */ chunk, /** @type {any[]} */ ...rest) => {
        if (!this.outputParent) return original(chunk, ...rest);
        const text = typeof chunk === "string" ? chunk : decoder.decode(chunk);
        this.writeStream(this.outputParent, name, text);
        const callback = rest.find((r) => typeof r === "function");
        if (callback) process.nextTick(callback);
        return true;
      };
    }
  }

  /**
   * tslab's display API and the course library's `display()` send display_data through
   * tslab's `lastWriteDisplayData` hook; point it at the running cell.
   * @param {Message} parent
   */
  setDisplayTarget(parent) {
    const jupyter = require("tslab/dist/jupyter");
    /**
     * @param {{ data: Record<string, unknown>, metadata?: Record<string, unknown>, transient?: Record<string, unknown> }} display
     * @param {boolean} update
     */
    const writeDisplayData = (display, update) => {
      this.publish(
        update ? "update_display_data" : "display_data",
        { data: display.data, metadata: display.metadata ?? {}, transient: display.transient ?? {} },
        parent,
      );
    };
    /** @type {any} */ (jupyter).lastWriteDisplayData = writeDisplayData;
  }

  installSignalAndErrorHandlers() {
    // SIGINT: a busy cell is stopped by the vm's breakOnSigint; this handler runs when the
    // kernel is not busy: it interrupts a cell waiting on an await, or does nothing.
    process.on("SIGINT", () => {
      this.executor.interrupt();
    });
    /** @type {unknown} */
    let lastReported;
    const report = (/** @type {string} */ what, /** @type {unknown} */ err) => {
      // tfjs-backend-wasm's listeners rethrow rejections: report each error once.
      if (err === lastReported) return;
      lastReported = err;
      const parent = this.outputParent;
      const { traceback } = this.tracebacks.fromError(err);
      if (parent) this.writeStream(parent, "stderr", `${what}: ${traceback.join("\n")}\n`);
      else this.log(`${what}: ${traceback.join("\n")}`);
    };
    // Errors from callbacks and unawaited promises of earlier cells must not kill the kernel.
    // A capture callback, not an 'uncaughtException' listener: it replaces all such listeners,
    // including the one tfjs-backend-wasm (emscripten) installs, which rethrows and so would
    // end the process.
    process.setUncaughtExceptionCaptureCallback((err) => report("Uncaught exception (from a callback)", err));
    process.on("unhandledRejection", (reason) => report("Unhandled promise rejection", reason));
  }

  kernelInfo() {
    const { ts } = require("./typescript");
    const tslabVersion = require("tslab/package.json").version;
    const courseVersion = require(path.join(PROJECT_ROOT, "package.json")).version;
    return {
      status: "ok",
      protocol_version: PROTOCOL_VERSION,
      implementation: "nn-basics-ts",
      implementation_version: courseVersion,
      language_info: {
        name: "typescript",
        version: ts.version,
        mimetype: "text/typescript",
        file_extension: ".ts",
        pygments_lexer: "typescript",
        nbconvert_exporter: "script",
        // As tslab sets it: `mode` for JupyterLab, `name` + `typescript` for the classic notebook.
        codemirror_mode: { name: "javascript", mode: "typescript", typescript: true },
      },
      banner:
        `TypeScript ${ts.version} kernel of the Neural Network Basics course ` +
        `(tslab ${tslabVersion}, Node.js ${process.version}).\n` +
        `Start with: import * as nn from "../lib"; await nn.ready();`,
      help_links: [
        { text: "Course README", url: "../README.md" },
        { text: "Course notebooks", url: "../notebooks/" },
        { text: "TypeScript handbook", url: "https://www.typescriptlang.org/docs/handbook/intro.html" },
        { text: "TensorFlow.js API", url: "https://js.tensorflow.org/api/latest/" },
        { text: "tslab", url: "https://github.com/yunabe/tslab" },
      ],
      debugger: false,
    };
  }

  shutdown() {
    // Give the IO thread a moment to flush the reply, then leave.
    setTimeout(() => {
      this.executor.close();
      this.channels.close();
      process.exit(0);
    }, 100);
  }
}

module.exports = { CourseKernel };
