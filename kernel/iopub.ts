/**
 * The IOPub channel: every message in order, stream output coalesced, and paced so that nothing
 * is dropped on the way to the browser.
 *
 * Text a cell prints is gathered per request and stream and leaves as one `stream` message per
 * flush, like ipykernel's buffered stdout, instead of one message per `console.log`. Past its
 * high-water mark a ZeroMQ publisher drops messages, and jupyter_server (JupyterLab's server)
 * drops IOPub messages beyond its default rate limits — 1000 messages/s and 1 MB/s of stream
 * data, averaged over 3 s. The publisher stays under both: when output comes faster, it waits,
 * the queue fills, the main thread stops draining the runtime's output, and the cell's writes
 * block until there is room (shared/streamRing.ts). Output slows down; none is lost.
 */
import { TokenBucket } from "./tokenBucket";
import type { KernelChannels } from "./protocol/channels";
import type { Content, Message, MessageFactory } from "./protocol/wire";

type StreamName = "stdout" | "stderr";

interface QueuedMessage {
  type: string;
  content: Content;
  parent: Message | null;
  /** Stream text still being gathered into this message. */
  stream?: { name: StreamName; text: string };
}

/** The largest stream message: big enough to be few, small enough for the rate limit's window. */
const MAX_STREAM_TEXT = 256 * 1024;

export interface IOPubPacing {
  messagesPerSecond: number;
  bytesPerSecond: number;
  /** Seconds of burst allowed at once (the rate limits are averaged over 3 s). */
  burstSeconds: number;
}

/** 90 % of jupyter_server's defaults (iopub_msg_rate_limit, iopub_data_rate_limit, rate_limit_window). */
export const JUPYTER_SERVER_PACING: IOPubPacing = { messagesPerSecond: 900, bytesPerSecond: 900_000, burstSeconds: 2.5 };

export class IOPub {
  private readonly queue: QueuedMessage[] = [];
  private readonly messages: TokenBucket;
  private readonly bytes: TokenBucket;
  private pumpTimer: NodeJS.Timeout | undefined;
  private queuedStreamBytes = 0;

  constructor(
    private readonly channels: KernelChannels,
    private readonly factory: MessageFactory,
    pacing: IOPubPacing = JUPYTER_SERVER_PACING,
  ) {
    this.messages = new TokenBucket(pacing.messagesPerSecond, pacing.messagesPerSecond * pacing.burstSeconds);
    this.bytes = new TokenBucket(pacing.bytesPerSecond, pacing.bytesPerSecond * pacing.burstSeconds);
  }

  /** Bytes of stream text waiting to be published (the caller stops reading output past a limit). */
  get backlog(): number {
    return this.queuedStreamBytes;
  }

  publish(type: string, content: Content, parent: Message | null): void {
    this.queue.push({ type, content, parent });
    this.pump();
  }

  /** Text for a stream of a request; joins the previous stream message when it is still queued. */
  stream(parent: Message | null, name: StreamName, text: string): void {
    if (!text) return;
    for (let offset = 0; offset < text.length; offset += MAX_STREAM_TEXT) {
      const part = text.slice(offset, offset + MAX_STREAM_TEXT);
      const last = this.queue[this.queue.length - 1];
      if (last?.stream && last.parent === parent && last.stream.name === name && last.stream.text.length + part.length <= MAX_STREAM_TEXT) {
        last.stream.text += part;
      } else {
        this.queue.push({ type: "stream", content: {}, parent, stream: { name, text: part } });
      }
      this.queuedStreamBytes += part.length;
    }
    this.schedulePump(0);
  }

  /** Resolves once every queued message has been handed to ZeroMQ. */
  async drained(): Promise<void> {
    while (this.queue.length > 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await this.channels.flushed();
  }

  private schedulePump(delayMs: number): void {
    if (this.pumpTimer) return;
    this.pumpTimer = setTimeout(() => {
      this.pumpTimer = undefined;
      this.pump();
    }, delayMs);
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const next = this.queue[0];
      const size = next.stream ? Buffer.byteLength(next.stream.text) : 0;
      const wait = Math.max(this.messages.waitMs(1), this.bytes.waitMs(size));
      if (wait > 0) {
        this.schedulePump(wait);
        return;
      }
      this.messages.take(1);
      this.bytes.take(size);
      this.queue.shift();
      if (next.stream) {
        this.queuedStreamBytes -= next.stream.text.length;
        this.send("stream", { name: next.stream.name, text: next.stream.text }, next.parent);
      } else {
        this.send(next.type, next.content, next.parent);
      }
    }
  }

  private send(type: string, content: Content, parent: Message | null): void {
    const message = this.factory.create(type, content, parent);
    const topic = Buffer.from(`kernel.${this.factory.session}.${type}`);
    this.channels.send(this.channels.iopub, this.factory.serialize(message, [topic]));
  }
}
