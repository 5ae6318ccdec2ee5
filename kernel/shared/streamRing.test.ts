import { strict as assert } from "assert";
import { Worker } from "worker_threads";
import { createStreamRing, StreamRingReader, StreamRingWriter } from "./streamRing";

describe("kernel: the output ring between runtime and main thread", () => {
  it("carries records with their stream, cell and origin, in order, across the wrap-around", () => {
    const buffer = createStreamRing(64);
    const writer = new StreamRingWriter(buffer);
    const reader = new StreamRingReader(buffer);
    const seen: string[] = [];
    for (let i = 0; i < 20; i++) {
      writer.write(i % 2 ? "stderr" : "stdout", i, -1, `line ${i}\n`);
      for (const r of reader.drain()) seen.push(`${r.stream}:${r.cell}:${new TextDecoder().decode(r.bytes)}`);
    }
    assert.equal(seen.length, 20);
    assert.equal(seen[19], "stderr:19:line 19\n");
  });

  it("drains up to a mark, so a message sent after some output is published after it", () => {
    const buffer = createStreamRing(1024);
    const writer = new StreamRingWriter(buffer);
    const reader = new StreamRingReader(buffer);
    writer.write("stdout", 1, -1, "before\n");
    const mark = writer.mark();
    writer.write("stdout", 1, -1, "after\n");
    assert.deepEqual(reader.drain(mark).map((r) => new TextDecoder().decode(r.bytes)), ["before\n"]);
    assert.deepEqual(reader.drain().map((r) => new TextDecoder().decode(r.bytes)), ["after\n"]);
  });

  it("keeps a character split across two writes whole for a streaming decoder", () => {
    const buffer = createStreamRing(1024);
    const writer = new StreamRingWriter(buffer);
    const reader = new StreamRingReader(buffer);
    const euro = new TextEncoder().encode("€");
    writer.write("stdout", 1, -1, euro.subarray(0, 2));
    writer.write("stdout", 1, -1, euro.subarray(2));
    const decoder = new TextDecoder();
    assert.equal(reader.drain().map((r) => decoder.decode(r.bytes, { stream: true })).join(""), "€");
  });

  it("makes a writer that outpaces the reader wait for room instead of losing output", async function () {
    this.timeout(20_000);
    const buffer = createStreamRing(4096);
    const reader = new StreamRingReader(buffer);
    const worker = new Worker(
      `const { workerData } = require("worker_threads");
       require("tsx/cjs");
       const { StreamRingWriter } = require(${JSON.stringify(require.resolve("./streamRing"))});
       const w = new StreamRingWriter(workerData);
       for (let i = 0; i < 20000; i++) w.write("stdout", 1, -1, "line " + i + "\\n");`,
      { eval: true, workerData: buffer },
    );
    let text = "";
    const decoder = new TextDecoder();
    const exited = new Promise((resolve) => worker.on("exit", resolve));
    let done = false;
    void exited.then(() => (done = true));
    while (!done) {
      await new Promise((resolve) => setTimeout(resolve, 2));
      for (const r of reader.drain()) text += decoder.decode(r.bytes, { stream: true });
    }
    for (const r of reader.drain()) text += decoder.decode(r.bytes, { stream: true });
    const lines = text.split("\n").filter(Boolean);
    assert.equal(lines.length, 20000);
    assert.equal(lines[19999], "line 19999");
  });
});
