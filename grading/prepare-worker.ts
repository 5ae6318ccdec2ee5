/** The worker thread of grading/preparer.ts: prepares the submissions it is sent, in one type check. */
import { parentPort, workerData } from "worker_threads";
import { prepareSubmissions } from "./submission";

parentPort!.on("message", ({ id, files }: { id: number; files: string[] }) => {
  try {
    parentPort!.postMessage({ id, results: prepareSubmissions(files, (workerData as { repoRoot: string }).repoRoot) });
  } catch (err) {
    parentPort!.postMessage({ id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  }
});
