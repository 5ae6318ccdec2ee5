/**
 * stdout and stderr of the runtime, carried to the main thread through shared memory.
 *
 * The runtime writes each chunk as a record into a ring buffer; the main thread drains it on a
 * timer, whether or not the runtime is busy, and publishes the text to IOPub in a few large stream
 * messages. When the ring is full the writer waits for room: a cell printing faster than the
 * frontend takes output slows down instead of losing lines — flow control, like a terminal's.
 *
 * Record: u32 payload length, u8 stream (0 stdout, 1 stderr), i32 cell (the running cell's id, or
 * -1 when none runs), i32 origin (the cell that scheduled the callback printing, or -1), payload
 * (UTF-8 bytes; a multi-byte character may be split across records and is decoded whole).
 */

const HEADER_SLOTS = 2; // write position, read position (byte counters, wrapping at 2^32)
const RECORD_HEADER = 13;

export interface StreamRecord {
  stream: "stdout" | "stderr";
  cell: number;
  origin: number;
  bytes: Uint8Array;
}

/** `capacity` must be a power of two (positions wrap at 2^32). */
export function createStreamRing(capacity = 1 << 20): SharedArrayBuffer {
  if ((capacity & (capacity - 1)) !== 0) throw new Error(`createStreamRing: capacity must be a power of two, got ${capacity}`);
  return new SharedArrayBuffer(HEADER_SLOTS * 4 + capacity);
}

class Ring {
  protected readonly positions: Int32Array;
  protected readonly data: Uint8Array;
  protected readonly capacity: number;

  constructor(buffer: SharedArrayBuffer) {
    this.positions = new Int32Array(buffer, 0, HEADER_SLOTS);
    this.data = new Uint8Array(buffer, HEADER_SLOTS * 4);
    this.capacity = this.data.length;
  }

  protected used(): number {
    return (Atomics.load(this.positions, 0) - Atomics.load(this.positions, 1)) >>> 0;
  }

  /** The write position, for ordering other messages after the text written before them. */
  mark(): number {
    return Atomics.load(this.positions, 0) >>> 0;
  }
}

export class StreamRingWriter extends Ring {
  private readonly encoder = new TextEncoder();
  private readonly header = new Uint8Array(RECORD_HEADER);
  private readonly headerView = new DataView(this.header.buffer);

  write(stream: "stdout" | "stderr", cell: number, origin: number, chunk: string | Uint8Array): void {
    const bytes = typeof chunk === "string" ? this.encoder.encode(chunk) : chunk;
    const maxPayload = this.capacity / 2;
    for (let offset = 0; offset < bytes.length; offset += maxPayload) {
      const part = bytes.subarray(offset, Math.min(bytes.length, offset + maxPayload));
      this.headerView.setUint32(0, part.length, true);
      this.header[4] = stream === "stdout" ? 0 : 1;
      this.headerView.setInt32(5, cell, true);
      this.headerView.setInt32(9, origin, true);
      this.waitForRoom(RECORD_HEADER + part.length);
      const at = Atomics.load(this.positions, 0) >>> 0;
      this.copyIn(at, this.header);
      this.copyIn(at + RECORD_HEADER, part);
      Atomics.store(this.positions, 0, (at + RECORD_HEADER + part.length) | 0);
    }
  }

  private waitForRoom(bytes: number): void {
    for (;;) {
      if (this.capacity - this.used() >= bytes) return;
      const read = Atomics.load(this.positions, 1);
      // The reader notifies after each drain; wake up now and then regardless.
      Atomics.wait(this.positions, 1, read, 50);
    }
  }

  private copyIn(at: number, bytes: Uint8Array): void {
    const start = at % this.capacity;
    const first = Math.min(bytes.length, this.capacity - start);
    this.data.set(bytes.subarray(0, first), start);
    if (first < bytes.length) this.data.set(bytes.subarray(first), 0);
  }
}

export class StreamRingReader extends Ring {
  /** Every record written up to `until` (a mark; default: everything written so far). */
  drain(until?: number): StreamRecord[] {
    const records: StreamRecord[] = [];
    let read = Atomics.load(this.positions, 1) >>> 0;
    const end = until ?? (Atomics.load(this.positions, 0) >>> 0);
    while (((end - read) >>> 0) >= RECORD_HEADER && ((end - read) >>> 0) <= this.capacity) {
      const header = this.copyOut(read, RECORD_HEADER);
      const view = new DataView(header.buffer);
      const length = view.getUint32(0, true);
      records.push({
        stream: header[4] === 0 ? "stdout" : "stderr",
        cell: view.getInt32(5, true),
        origin: view.getInt32(9, true),
        bytes: this.copyOut(read + RECORD_HEADER, length),
      });
      read = (read + RECORD_HEADER + length) >>> 0;
    }
    if (records.length > 0) {
      Atomics.store(this.positions, 1, read | 0);
      Atomics.notify(this.positions, 1);
    }
    return records;
  }

  private copyOut(at: number, length: number): Uint8Array {
    const out = new Uint8Array(length);
    const start = at % this.capacity;
    const first = Math.min(length, this.capacity - start);
    out.set(this.data.subarray(start, start + first), 0);
    if (first < length) out.set(this.data.subarray(0, length - first), first);
    return out;
  }
}
