/**
 * Jupyter wire protocol (messaging spec 5.3): parsing, signing and building messages.
 * https://jupyter-client.readthedocs.io/en/stable/messaging.html#the-wire-protocol
 */
import * as crypto from "crypto";

export const PROTOCOL_VERSION = "5.3";
const DELIMITER = Buffer.from("<IDS|MSG>");

export interface Header {
  msg_id: string;
  msg_type: string;
  session: string;
  username: string;
  date: string;
  version: string;
}

export type Content = Record<string, any>;

export interface Message {
  identities: Buffer[];
  header: Header;
  parent_header: Header | Record<string, never>;
  metadata: Content;
  content: Content;
  buffers: Buffer[];
}

export type OutgoingMessage = Omit<Message, "identities" | "buffers">;

/** The HMAC signature of the four JSON frames; "" when the connection has no key (signing disabled). */
function sign(key: string, frames: (string | Buffer)[]): string {
  if (!key) return "";
  const hmac = crypto.createHmac("sha256", key);
  for (const frame of frames) hmac.update(frame);
  return hmac.digest("hex");
}

/**
 * Parses the frames of one incoming message. Returns a reason instead of a message when the frames
 * are malformed or the signature does not match (such messages are dropped, like ipykernel).
 */
export function parseMessage(key: string, frames: Buffer[]): Message | string {
  const delimiterAt = frames.findIndex((frame) => frame.equals(DELIMITER));
  if (delimiterAt < 0 || frames.length < delimiterAt + 6) return "malformed message (no delimiter or missing frames)";
  const signature = frames[delimiterAt + 1].toString();
  const jsonFrames = frames.slice(delimiterAt + 2, delimiterAt + 6);
  if (key) {
    const expected = Buffer.from(sign(key, jsonFrames));
    const actual = Buffer.from(signature);
    if (expected.length !== actual.length || !crypto.timingSafeEqual(expected, actual)) return "invalid HMAC signature";
  }
  try {
    const [header, parent_header, metadata, content] = jsonFrames.map((frame) => JSON.parse(frame.toString()));
    return { identities: frames.slice(0, delimiterAt), header, parent_header, metadata, content, buffers: frames.slice(delimiterAt + 6) };
  } catch (err) {
    return `unparsable JSON frame: ${(err as Error).message}`;
  }
}

/** Builds and signs outgoing messages for one kernel session. */
export class MessageFactory {
  /** The kernel's own session id, sent in the header of every message it sends. */
  readonly session = crypto.randomUUID();
  private counter = 0;

  constructor(private readonly key: string) {}

  create(msgType: string, content: Content, parent: Message | null, metadata: Content = {}): OutgoingMessage {
    return {
      header: {
        msg_id: `${this.session}_${process.pid}_${++this.counter}`,
        msg_type: msgType,
        session: this.session,
        username: "kernel",
        date: new Date().toISOString(),
        version: PROTOCOL_VERSION,
      },
      parent_header: parent ? parent.header : {},
      metadata,
      content,
    };
  }

  /** The frames to send: identities (routing ids for ROUTER, a topic for PUB), delimiter, signature, JSON. */
  serialize(message: OutgoingMessage, identities: Buffer[]): Buffer[] {
    const jsonFrames = [message.header, message.parent_header, message.metadata, message.content].map((part) => JSON.stringify(part));
    const signature = Buffer.from(sign(this.key, jsonFrames));
    return [...identities, DELIMITER, signature, ...jsonFrames.map((frame) => Buffer.from(frame))];
  }
}
