// @ts-check
/**
 * The five ZeroMQ sockets of a Jupyter kernel, laid out as tslab's ZmqServer.init does (same zeromq
 * module, the one tslab depends on), but handing every parsed message to one dispatcher so the
 * kernel can order, queue and abort requests itself.
 */
"use strict";
const fs = require("fs");
const Module = require("module");
const { parseMessage } = require("./wire");

/** zeromq as tslab resolves it: its native addon is built for tslab's zeromq version. */
const zmq = /** @type {typeof import("zeromq")} */ (
  Module.createRequire(require.resolve("tslab/package.json"))("zeromq")
);

/**
 * @typedef {{ transport: string, ip: string, key: string, signature_scheme?: string,
 *   shell_port: number, iopub_port: number, stdin_port: number, control_port: number, hb_port: number }} ConnectionInfo
 * @typedef {"shell" | "control"} Channel
 * @typedef {(channel: Channel, message: import("./wire").Message) => void} Dispatch
 */

class KernelChannels {
  /**
   * @param {string} connectionFile
   * @param {(text: string) => void} log kernel-side log (not a cell's output)
   */
  constructor(connectionFile, log) {
    this.log = log;
    /** @type {ConnectionInfo} */
    this.connection = JSON.parse(fs.readFileSync(connectionFile, "utf8"));
    const scheme = this.connection.signature_scheme;
    if (scheme && scheme !== "hmac-sha256") {
      throw new Error(`KernelChannels: signature_scheme ${scheme} is not supported (only hmac-sha256)`);
    }
    this.iopub = new zmq.Publisher();
    this.shell = new zmq.Router();
    this.control = new zmq.Router();
    this.stdin = new zmq.Router();
    this.heartbeat = new zmq.Reply();
    /** @type {Map<object, { tail: Promise<void>, backlog: number }>} per socket: the last send and how many wait */
    this.sendState = new Map();
  }

  /** @param {number} port */
  address(port) {
    const { transport, ip } = this.connection;
    return transport === "ipc" ? `ipc://${ip}-${port}` : `${transport}://${ip}:${port}`;
  }

  /**
   * Binds every socket and starts the receive loops.
   * @param {Dispatch} dispatch called once per valid message, in arrival order per channel
   */
  async start(dispatch) {
    const c = this.connection;
    await Promise.all([
      this.iopub.bind(this.address(c.iopub_port)),
      this.shell.bind(this.address(c.shell_port)),
      this.control.bind(this.address(c.control_port)),
      this.stdin.bind(this.address(c.stdin_port)),
      this.heartbeat.bind(this.address(c.hb_port)),
    ]);
    this.receiveLoop(this.shell, "shell", dispatch);
    this.receiveLoop(this.control, "control", dispatch);
    (async () => {
      for await (const frames of this.heartbeat) await this.heartbeat.send(frames);
    })().catch((err) => this.log(`heartbeat stopped: ${err}`));
  }

  /**
   * @param {import("zeromq").Router} socket
   * @param {Channel} channel
   * @param {Dispatch} dispatch
   */
  receiveLoop(socket, channel, dispatch) {
    (async () => {
      for await (const frames of socket) {
        const message = parseMessage(this.connection.key, frames);
        if (typeof message === "string") {
          this.log(`dropped a ${channel} message: ${message}`);
          continue;
        }
        try {
          dispatch(channel, message);
        } catch (err) {
          this.log(`error while handling ${message.header.msg_type}: ${/** @type {Error} */ (err).stack}`);
        }
      }
    })().catch((err) => {
      if (!socket.closed) this.log(`${channel} receive loop stopped: ${err}`);
    });
  }

  /**
   * Sends frames now (zeromq queues them synchronously, so output written by a long synchronous
   * cell leaves at once), or after the pending send when zeromq is still busy with one (EBUSY).
   *
   * Never query `socket.readable` / `socket.writable` here: those read ZMQ_EVENTS, which resets
   * the edge-triggered file descriptor zeromq's poller waits on, and a receive can then hang.
   * @param {import("zeromq").Publisher | import("zeromq").Router} socket
   * @param {Buffer[]} frames
   */
  send(socket, frames) {
    const state = this.sendState.get(socket) ?? { tail: Promise.resolve(), backlog: 0 };
    this.sendState.set(socket, state);
    const failed = (/** @type {unknown} */ err) => this.log(`send failed: ${err}`);
    if (state.backlog === 0) {
      try {
        const sent = socket.send(frames);
        sent.catch(failed);
        state.tail = sent.then(
          () => {},
          () => {},
        );
        return;
      } catch (err) {
        if (/** @type {NodeJS.ErrnoException} */ (err).code !== "EBUSY") return failed(err);
      }
    }
    state.backlog++;
    state.tail = state.tail
      .then(() => socket.send(frames))
      .catch(failed)
      .finally(() => state.backlog--);
  }

  close() {
    for (const socket of [this.iopub, this.shell, this.control, this.stdin, this.heartbeat]) {
      if (!socket.closed) socket.close();
    }
  }
}

module.exports = { KernelChannels };
