/**
 * The grader's handle on one student process (grading/student/runner.ts in the sandbox): sends
 * requests, reads replies, and treats anything it did not ask for as tampering. It never runs
 * student code and never trusts what the process says beyond the data in a valid reply.
 */
import type { ChildProcess } from "child_process";
import { isReply, MAX_REPLY_BYTES, PROTOCOL_VERSION, type Reply, type Request } from "./protocol";
import type { SandboxImage } from "./sandbox";

/** Why a student process can no longer answer. */
export type GoneReason =
  | { kind: "timeout" }
  | { kind: "exited"; detail: string }
  | { kind: "tampering"; detail: string }
  | { kind: "startup"; detail: string };

export class StudentGone extends Error {
  constructor(readonly reason: GoneReason) {
    super(reason.kind === "timeout" ? "stopped at its time limit" : `${reason.kind}: ${"detail" in reason ? reason.detail : ""}`);
  }
}

/** Time a new student process gets to load tfjs and the library. */
export const STARTUP_LIMIT_MS = 60000;

type RequestBody = Request extends infer R ? (R extends { seq: number } ? Omit<R, "seq"> : never) : never;

export class StudentProcess {
  private readonly child: ChildProcess;
  private seq = 0;
  private pending: { seq: number; resolve: (r: Reply) => void; reject: (e: StudentGone) => void } | undefined;
  private buffer = "";
  private outputTail = "";
  private gone: GoneReason | undefined;
  private readonly exited: Promise<void>;
  readonly hello: Promise<Extract<Reply, { t: "hello" }>>;

  constructor(image: SandboxImage, cellsDir: string) {
    this.child = image.start(cellsDir);
    // What the student's code prints outside a call is not part of the grade; its tail explains a crash.
    const keep = (chunk: Buffer) => {
      this.outputTail = (this.outputTail + chunk.toString("utf8")).slice(-4000);
    };
    this.child.stdout!.on("data", keep);
    this.child.stderr!.on("data", keep);
    this.child.stdin!.on("error", () => {}); // a write after the process died
    const replies = this.child.stdio[3] as NodeJS.ReadableStream;
    replies.on("data", (chunk: Buffer) => this.onData(chunk.toString("utf8")));
    this.exited = new Promise((resolve) => {
      this.child.on("close", (code, signal) => {
        this.fail({ kind: "exited", detail: signal ? `signal ${signal}` : `exit code ${code}` });
        resolve();
      });
      this.child.on("error", (err) => {
        this.fail({ kind: "startup", detail: err.message });
        resolve();
      });
    });
    this.pending = undefined;
    this.hello = new Promise((resolve, reject) => {
      this.pending = { seq: 0, resolve: (r) => resolve(r as Extract<Reply, { t: "hello" }>), reject };
    });
    const timer = setTimeout(() => this.stop({ kind: "startup", detail: `did not start within ${STARTUP_LIMIT_MS / 1000} s` }), STARTUP_LIMIT_MS);
    this.hello.then(
      (h) => {
        clearTimeout(timer);
        if (h.protocol !== PROTOCOL_VERSION) this.stop({ kind: "startup", detail: `speaks protocol ${h.protocol}, expected ${PROTOCOL_VERSION}` });
      },
      () => clearTimeout(timer),
    );
  }

  /** The end of what the process printed outside calls (for crash messages). */
  get output(): string {
    return this.outputTail.trim().split("\n").slice(-6).join("\n");
  }

  get reason(): GoneReason | undefined {
    return this.gone;
  }

  private onData(text: string): void {
    if (this.gone) return;
    this.buffer += text;
    if (this.buffer.length > MAX_REPLY_BYTES) {
      this.stop({ kind: "tampering", detail: `sent a reply longer than ${MAX_REPLY_BYTES / 1024 / 1024} MB` });
      return;
    }
    let newline: number;
    while ((newline = this.buffer.indexOf("\n")) >= 0 && !this.gone) {
      const line = this.buffer.slice(0, newline);
      this.buffer = this.buffer.slice(newline + 1);
      this.onLine(line);
    }
  }

  private onLine(line: string): void {
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch {
      this.stop({ kind: "tampering", detail: `sent a line that is not a message: ${JSON.stringify(line.slice(0, 80))}` });
      return;
    }
    if (!isReply(message)) {
      this.stop({ kind: "tampering", detail: `sent a message the grader does not know: ${line.slice(0, 120)}` });
      return;
    }
    const pending = this.pending;
    if (!pending || message.seq !== pending.seq) {
      this.stop({ kind: "tampering", detail: `sent a reply to request ${message.seq}, which is not the one pending${pending ? ` (${pending.seq})` : ""}` });
      return;
    }
    if ((pending.seq === 0) !== (message.t === "hello")) {
      this.stop({ kind: "tampering", detail: `sent a "${message.t}" reply out of turn` });
      return;
    }
    this.pending = undefined;
    pending.resolve(message);
  }

  private fail(reason: GoneReason): void {
    if (this.gone) return;
    this.gone = reason;
    const pending = this.pending;
    this.pending = undefined;
    pending?.reject(new StudentGone(reason));
  }

  /** Ends the process (SIGKILL to bwrap ends the whole namespace) and fails what is pending. */
  stop(reason: GoneReason): void {
    this.fail(reason);
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill("SIGKILL");
    // Without namespaces the student process runs in its own process group: end all of it.
    if (this.child.pid !== undefined) {
      try {
        process.kill(-this.child.pid, "SIGKILL");
      } catch {
        // no such group (bwrap's child, or already gone)
      }
    }
  }

  /** Sends a request and resolves with its reply (rejects with StudentGone). */
  request<T extends Reply["t"]>(body: RequestBody, expect: readonly T[]): Promise<Extract<Reply, { t: T }>> {
    if (this.gone) return Promise.reject(new StudentGone(this.gone));
    if (this.pending) throw new Error("grader: one request at a time");
    const seq = ++this.seq;
    const reply = new Promise<Reply>((resolve, reject) => {
      this.pending = { seq, resolve, reject };
    });
    this.child.stdin!.write(JSON.stringify({ ...body, seq }) + "\n");
    return reply.then((r) => {
      if (!(expect as readonly string[]).includes(r.t)) {
        this.stop({ kind: "tampering", detail: `answered a "${body.t}" request with "${r.t}"` });
        throw new StudentGone(this.gone!);
      }
      return r as Extract<Reply, { t: T }>;
    });
  }

  /** Closes its stdin (the runner then exits) and waits for it to end. */
  async close(): Promise<void> {
    if (!this.gone) {
      this.child.stdin!.end();
      const timer = setTimeout(() => this.stop({ kind: "exited", detail: "did not exit" }), 5000);
      await this.exited;
      clearTimeout(timer);
    }
    await this.exited;
  }
}
