/**
 * The five ZeroMQ sockets of a Jupyter kernel (tslab's zeromq module), each parsed message handed
 * to one dispatcher so the kernel can order, queue and abort requests itself.
 *
 * ROUTER sockets hand a routing identity over to a newer connection (a browser tab that
 * reconnects with the same session id, as jupyter_server's does), and IOPub's high-water mark is
 * raised: stream output is coalesced (kernel/iopub.ts), so messages are few, but a burst of
 * displays must not be dropped by a slow reader.
 */
import * as fs from "fs";
import Module from "module";
import { parseMessage, type Message } from "./wire";

/** zeromq as tslab resolves it: its native addon is built for tslab's zeromq version. */
const zmq = Module.createRequire(require.resolve("tslab/package.json"))("zeromq") as typeof import("zeromq");

export interface ConnectionInfo {
  transport: string;
  ip: string;
  key: string;
  signature_scheme?: string;
  shell_port: number;
  iopub_port: number;
  stdin_port: number;
  control_port: number;
  hb_port: number;
}

export type Channel = "shell" | "control" | "stdin";
export type Dispatch = (channel: Channel, message: Message) => void;
type Sendable = import("zeromq").Publisher | import("zeromq").Router;

const IOPUB_HIGH_WATER_MARK = 100_000;

export class KernelChannels {
  readonly connection: ConnectionInfo;
  readonly iopub = new zmq.Publisher({ sendHighWaterMark: IOPUB_HIGH_WATER_MARK, linger: 1000 });
  readonly shell = new zmq.Router({ handover: true });
  readonly control = new zmq.Router({ handover: true });
  readonly stdin = new zmq.Router({ handover: true });
  readonly heartbeat = new zmq.Reply();
  /** Per socket: the last send and how many wait behind it. */
  private readonly sendState = new Map<Sendable, { tail: Promise<void>; backlog: number }>();

  constructor(connectionFile: string, private readonly log: (text: string) => void) {
    this.connection = JSON.parse(fs.readFileSync(connectionFile, "utf8")) as ConnectionInfo;
    const scheme = this.connection.signature_scheme;
    if (scheme && scheme !== "hmac-sha256") throw new Error(`KernelChannels: signature_scheme ${scheme} is not supported (only hmac-sha256)`);
  }

  private address(port: number): string {
    const { transport, ip } = this.connection;
    return transport === "ipc" ? `ipc://${ip}-${port}` : `${transport}://${ip}:${port}`;
  }

  /** Binds every socket and starts the receive loops; `dispatch` gets messages in arrival order per channel. */
  async start(dispatch: Dispatch): Promise<void> {
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
    this.receiveLoop(this.stdin, "stdin", dispatch);
    (async () => {
      for await (const frames of this.heartbeat) await this.heartbeat.send(frames);
    })().catch((err) => this.log(`heartbeat stopped: ${err}`));
  }

  private receiveLoop(socket: import("zeromq").Router, channel: Channel, dispatch: Dispatch): void {
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
          this.log(`error while handling ${message.header.msg_type}: ${(err as Error).stack}`);
        }
      }
    })().catch((err) => {
      if (!socket.closed) this.log(`${channel} receive loop stopped: ${err}`);
    });
  }

  /**
   * Sends frames now (zeromq queues them synchronously), or after the pending send when zeromq is
   * still busy with one (EBUSY).
   *
   * Never query `socket.readable` / `socket.writable` here: those read ZMQ_EVENTS, which resets
   * the edge-triggered file descriptor zeromq's poller waits on, and a receive can then hang.
   */
  send(socket: Sendable, frames: Buffer[]): void {
    const state = this.sendState.get(socket) ?? { tail: Promise.resolve(), backlog: 0 };
    this.sendState.set(socket, state);
    const failed = (err: unknown) => this.log(`send failed: ${err}`);
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
        if ((err as NodeJS.ErrnoException).code !== "EBUSY") return failed(err);
      }
    }
    state.backlog++;
    state.tail = state.tail
      .then(() => socket.send(frames))
      .catch(failed)
      .finally(() => state.backlog--);
  }

  /** Resolves when every send started so far has been handed to ZeroMQ. */
  async flushed(): Promise<void> {
    await Promise.all([...this.sendState.values()].map((s) => s.tail));
  }

  close(): void {
    for (const socket of [this.iopub, this.shell, this.control, this.stdin, this.heartbeat]) {
      if (!socket.closed) socket.close();
    }
  }
}
