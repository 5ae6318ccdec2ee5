/**
 * A compiler worker: one generation of the session's type checker (see session.ts), answering the
 * main thread's requests one at a time. A cell is transpiled first and the result posted at once,
 * so the runtime can start it while its type check runs here.
 */
import { enableCompileCache } from "../shared/compileCache";
enableCompileCache();
import { parentPort, workerData } from "worker_threads";
import type ts from "typescript";
import type { CompilerWorkerData, FromCompiler, ToCompiler } from "../shared/messages";
import { complete, inspect } from "./complete";
import { diagnosticsToError } from "./diagnostics";
import { isComplete } from "./isComplete";
import { CheckSession } from "./session";
import { isTranspileFailure, transpileCell, type TranspiledCell } from "./transform";
import type { ErrorContent } from "../shared/errors";

const data = workerData as CompilerWorkerData;
const port = parentPort!;
const post = (message: FromCompiler) => port.postMessage(message);
const heapMB = () => Math.round(process.memoryUsage().heapUsed / 2 ** 20);

function start(): CheckSession {
  const started = performance.now();
  const session = new CheckSession(data.cwd, data.preludeModules);
  if (data.warmUp) {
    // Resolves the library's types once; the warm-up cell is then dropped from the session.
    session.check(-1, data.warmUp);
    session.forget(-1);
  }
  post({ kind: "ready", buildMs: Math.round(performance.now() - started), heapMB: heapMB() });
  return session;
}

function handle(session: CheckSession, message: ToCompiler): void {
  switch (message.kind) {
    case "compile": {
      const names = session.sessionNames();
      const transpiled = transpileCell(message.code, names, `${message.label}.ts`);
      if (isTranspileFailure(transpiled)) {
        post({ kind: "transpileFailed", id: message.id, error: toError(session, transpiled.diagnostics, message) });
        return;
      }
      post({ kind: "transpiled", id: message.id, cell: transpiled });
      const diagnostics = session.check(message.id, message.code);
      post({
        kind: "checked",
        id: message.id,
        error: diagnostics.length > 0 ? toError(session, diagnostics, message) : undefined,
        heapMB: heapMB(),
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
      const names = session.sessionNames();
      const results: Record<string, TranspiledCell | ErrorContent> = {};
      for (const [name, expression] of Object.entries(message.expressions)) {
        const out = transpileCell(`(${expression})`, names, "expression.ts");
        results[name] = isTranspileFailure(out) ? toError(session, out.diagnostics, { label: name, code: expression }) : out;
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

try {
  const session = start();
  port.on("message", (message: ToCompiler) => {
    try {
      handle(session, message);
    } catch (err) {
      // A bug in the compiler must not leave a cell waiting: answer what was asked with the error.
      const text = err instanceof Error ? (err.stack ?? err.message) : String(err);
      const error = { ename: "KernelError", evalue: `the compiler failed: ${text.split("\n")[0]}`, traceback: [`KernelError: the compiler failed\n${text}`] };
      const id = (message as { id?: number }).id ?? -1;
      if (message.kind === "compile") post({ kind: "checked", id, error, heapMB: heapMB(), cells: session.cellCount });
      else post({ kind: "failed", message: text });
    }
  });
} catch (err) {
  post({ kind: "failed", message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
}
