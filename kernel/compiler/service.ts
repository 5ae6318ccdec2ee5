/**
 * A compiler process: one generation of the session's type checker (see session.ts), answering
 * the kernel's requests one at a time over the IPC channel. A cell is transpiled first and the
 * result sent at once, so the runtime can start it while its type check runs here.
 *
 * Started either from a V8 startup snapshot that holds a ready, warm session (snapshot.ts: the
 * usual case, ready in well under a second) or as a plain process that builds its session first
 * (main.ts).
 */
import type ts from "typescript";
import type { ErrorContent } from "../shared/errors";
import type { CompilerOptionsData, FromCompiler, ToCompiler } from "../shared/messages";
import { complete, inspect } from "./complete";
import { diagnosticsToError } from "./diagnostics";
import { parseDiagnostics } from "./internals";
import { isComplete } from "./isComplete";
import { CheckSession } from "./session";
import { transpileCell, type TranspiledCell } from "./transform";

/** Resident memory: what the kernel renews a generation by (V8 keeps freed heap pages resident). */
const rssMB = () => Math.round(process.memoryUsage.rss() / 2 ** 20);

/** Builds a session as `options` say: the modules it loads up front, and a warm-up cell. */
export function createSession(options: CompilerOptionsData): CheckSession {
  const session = new CheckSession(options.cwd, options.preludeModules);
  if (options.warmUp) {
    // Resolves the library's types once; the warm-up cell is then dropped from the session.
    session.check(-1, options.warmUp);
    session.forget(-1);
  }
  return session;
}

/**
 * Answers the kernel's requests on this process's IPC channel; ends the process when the kernel
 * goes (its channel closes), so no compiler outlives its kernel.
 */
export function serve(session: CheckSession, buildMs: number): void {
  const send = (message: FromCompiler) => process.send?.(message);
  process.on("disconnect", () => process.exit(0));
  process.on("message", (message: ToCompiler) => {
    try {
      handle(session, message, send);
    } catch (err) {
      // A bug in the compiler must not leave a cell waiting: answer what was asked with the error.
      const text = err instanceof Error ? (err.stack ?? err.message) : String(err);
      const error = { ename: "KernelError", evalue: `the compiler failed: ${text.split("\n")[0]}`, traceback: [`KernelError: the compiler failed\n${text}`] };
      const id = (message as { id?: number }).id ?? -1;
      if (message.kind === "compile") send({ kind: "checked", id, error, rssMB: rssMB(), cells: session.cellCount });
      else send({ kind: "failed", message: text });
    }
  });
  send({ kind: "ready", buildMs, rssMB: rssMB() });
}

function handle(session: CheckSession, message: ToCompiler, post: (message: FromCompiler) => void): void {
  switch (message.kind) {
    case "compile": {
      const cell = session.prepare(message.id, message.code);
      const syntax = parseDiagnostics(cell.file);
      if (syntax.length > 0) {
        post({ kind: "transpileFailed", id: message.id, error: toError(session, syntax, message) });
        return;
      }
      post({ kind: "transpiled", id: message.id, cell: transpileCell(cell.file, session.sessionNames(), session.emit) });
      session.commit(cell);
      const diagnostics = session.diagnosticsOf(cell);
      post({
        kind: "checked",
        id: message.id,
        error: diagnostics.length > 0 ? toError(session, diagnostics, message) : undefined,
        rssMB: rssMB(),
        cells: session.cellCount,
      });
      return;
    }
    case "complete":
      post({ kind: "completed", id: message.id, completion: complete(session, message.code, message.cursor) });
      return;
    case "inspect":
      post({ kind: "inspected", id: message.id, inspection: inspect(session, message.code, message.cursor) });
      return;
    case "isComplete":
      post({ kind: "isCompleteResult", id: message.id, status: isComplete(message.code) });
      return;
    case "expressions": {
      const results: Record<string, TranspiledCell | ErrorContent> = {};
      for (const [name, expression] of Object.entries(message.expressions)) {
        const scratch = session.prepare(-1, `(${expression})`);
        const syntax = parseDiagnostics(scratch.file);
        results[name] = syntax.length > 0 ? toError(session, syntax, { label: name, code: expression }) : transpileCell(scratch.file, session.sessionNames(), session.emit);
      }
      post({ kind: "expressionsTranspiled", id: message.id, results });
      return;
    }
    case "replay":
      for (const cell of message.cells) session.add(cell.id, cell.source);
      return;
    case "forget":
      session.forget(message.id);
      return;
    case "clear":
      session.clear();
      return;
  }
}

function toError(session: CheckSession, diagnostics: readonly ts.Diagnostic[], cell: { label: string; code: string }) {
  return diagnosticsToError(diagnostics, { label: cell.label, source: cell.code, paths: session.paths });
}
