/**
 * Prepares a class's submissions in a worker thread (grading/submission.ts: read, recognize,
 * type-check, compile), so the grader's main thread stays free to answer its student processes.
 */
import * as path from "path";
import { Worker } from "worker_threads";
import type { Preparation } from "./submission";

export class Preparer {
  private readonly worker: Worker;
  private next = 0;
  private readonly waiting = new Map<number, { resolve: (r: Preparation[]) => void; reject: (e: Error) => void }>();

  constructor(repoRoot: string) {
    // The worker runs the TypeScript sources through tsx, as the grader itself does.
    const entry = path.join(__dirname, "prepare-worker.ts");
    this.worker = new Worker(`require("tsx/cjs/api").register(); require(${JSON.stringify(entry)});`, { eval: true, workerData: { repoRoot } });
    this.worker.on("message", ({ id, results, error }: { id: number; results?: Preparation[]; error?: string }) => {
      const w = this.waiting.get(id);
      this.waiting.delete(id);
      if (error !== undefined) w?.reject(new Error(`preparing submissions failed: ${error}`));
      else w?.resolve(results!);
    });
    this.worker.on("error", (err) => {
      for (const w of this.waiting.values()) w.reject(err);
      this.waiting.clear();
    });
  }

  prepare(files: string[]): Promise<Preparation[]> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, files });
    });
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }
}
