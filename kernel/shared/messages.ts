/**
 * The messages between the kernel's threads.
 *
 *   main thread      the Jupyter protocol (ZeroMQ), the execute queue, interrupts; never runs cells
 *   compiler process TypeScript: transpiles and type-checks cells, completes, inspects
 *   runtime worker   runs cells; holds the notebook's variables
 *
 * A compiler process is one "generation" of the type checker; the kernel replaces it now and
 * then with a fresh one (kernel/compilers.ts).
 */
import type { TranspiledCell } from "../compiler/transform";
import type { Completion, Inspection } from "../compiler/complete";
import type { CompleteStatus } from "../compiler/isComplete";
import type { ErrorContent } from "./errors";

export type { ErrorContent };

export interface MimeBundle {
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

// ------------------------------------------------------------------ compiler

/** How a compiler process builds its session. */
export interface CompilerOptionsData {
  /** The notebook's folder: cells resolve their imports from it. */
  cwd: string;
  /** Modules the type checker loads up front (the course library), as absolute paths. */
  preludeModules: string[];
  /** A cell to check once the program is built, so the first real cell finds warm caches. */
  warmUp?: string;
}

export type ToCompiler =
  | { kind: "compile"; id: number; code: string; label: string }
  | { kind: "complete"; id: number; code: string; cursor: number }
  | { kind: "inspect"; id: number; code: string; cursor: number }
  | { kind: "isComplete"; id: number; code: string }
  | { kind: "expressions"; id: number; expressions: Record<string, string> }
  | { kind: "replay"; cells: { id: number; source: string }[] }
  /** The cell did not run after all (interrupted before it started): drop it from the session. */
  | { kind: "forget"; id: number }
  /** The runtime restarted: no earlier cell's names exist any more. */
  | { kind: "clear" };

export type FromCompiler =
  | { kind: "ready"; buildMs: number; rssMB: number }
  | { kind: "transpiled"; id: number; cell: TranspiledCell }
  | { kind: "transpileFailed"; id: number; error: ErrorContent }
  | { kind: "checked"; id: number; error?: ErrorContent; rssMB: number; cells: number }
  | { kind: "completed"; id: number; completion: Completion }
  | { kind: "inspected"; id: number; inspection: Inspection }
  | { kind: "isCompleteResult"; id: number; status: CompleteStatus }
  | { kind: "expressionsTranspiled"; id: number; results: Record<string, TranspiledCell | ErrorContent> }
  | { kind: "failed"; message: string };

// ------------------------------------------------------------------ runtime

/** Int32 slots of the runtime's shared state (a SharedArrayBuffer the main thread also sees). */
export enum RuntimeSlot {
  /** > 0 while cell code runs inside a SIGINT scope (an interrupt there is a catchable error). */
  SigintScopeDepth = 0,
  /** Set by the main thread when a sync `prompt()` has its answer in the input buffer. */
  InputReady = 1,
  /** Byte length of the answer in the input buffer; -1 when the prompt was cancelled. */
  InputLength = 2,
  /** An interrupt's handshake (InterruptState): who handles it, the runtime or the inspector. */
  Interrupt = 3,
  Count = 4,
}

/**
 * The interrupt handshake, one word both threads change with compare-and-swap: the runtime takes
 * an interrupt it has time for (Pending -> Acknowledged); the main thread, past a grace period,
 * takes it for the inspector (Pending -> Terminating). Exactly one wins, so the inspector never
 * stops JavaScript that is not the busy code it was meant for.
 */
export enum InterruptState {
  Idle = 0,
  Pending = 1,
  Acknowledged = 2,
  Terminating = 3,
}

/** Bytes of the answer to a sync prompt(). */
export const INPUT_BUFFER_BYTES = 1 << 16;

export interface RuntimeWorkerData {
  cwd: string;
  /** Int32Array(RuntimeSlot.Count) */
  state: SharedArrayBuffer;
  /** stdout and stderr (shared/streamRing.ts) */
  streams: SharedArrayBuffer;
  /** Uint8Array(INPUT_BUFFER_BYTES) */
  input: SharedArrayBuffer;
  /** Folders whose stack frames are kernel machinery (hidden from tracebacks). */
  hiddenDirs: string[];
}

export interface RunRequest {
  kind: "run";
  id: number;
  /** "In[3]" */
  label: string;
  source: string;
  cell: TranspiledCell;
  /** Whether the frontend answers input requests (execute_request's allow_stdin). */
  allowStdin: boolean;
}

export type ToRuntime =
  | RunRequest
  | { kind: "interrupt"; token: number }
  | { kind: "evaluate"; id: number; expressions: Record<string, TranspiledCell | ErrorContent> }
  | { kind: "inputReply"; requestId: number; value: string | null };

/**
 * Messages from the runtime carry `mark`, the stream ring's write position when they were sent:
 * the main thread publishes the text written before a message before the message itself.
 */
export type FromRuntime = { mark: number } & (
  | { kind: "ready" }
  | { kind: "display"; cell: number; origin: number; bundle: MimeBundle; displayId?: string; update: boolean }
  | { kind: "clearOutput"; cell: number; wait: boolean }
  | { kind: "result"; id: number; bundle: MimeBundle }
  | { kind: "done"; id: number; error?: ErrorContent }
  | { kind: "interrupted"; token: number; running: boolean; clearedTimers: number }
  | { kind: "inputRequest"; requestId: number; prompt: string; password: boolean; sync: boolean }
  | { kind: "evaluated"; id: number; results: Record<string, { status: "ok"; bundle: MimeBundle } | ({ status: "error" } & ErrorContent)> }
);
