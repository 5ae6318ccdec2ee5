/**
 * The runtime's stdout and stderr go to the main thread through the stream ring
 * (shared/streamRing.ts), tagged with the running cell (or -1 between cells) and the cell that
 * scheduled the callback writing them. Bytes pass through as written: the main thread decodes
 * UTF-8 per stream, so a character split across two writes arrives whole.
 */
import type { StreamRingWriter } from "../shared/streamRing";

export interface OutputContext {
  cell(): number;
  origin(): number;
}

export function captureProcessOutput(ring: StreamRingWriter, context: OutputContext): void {
  for (const name of ["stdout", "stderr"] as const) {
    const stream = process[name] as NodeJS.WriteStream & { write: (...args: unknown[]) => boolean };
    stream.write = (chunk: unknown, ...rest: unknown[]) => {
      const data = typeof chunk === "string" ? chunk : chunk instanceof Uint8Array ? chunk : String(chunk);
      ring.write(name, context.cell(), context.origin(), data);
      const callback = rest.find((r) => typeof r === "function") as (() => void) | undefined;
      if (callback) process.nextTick(callback);
      return true;
    };
  }
}
