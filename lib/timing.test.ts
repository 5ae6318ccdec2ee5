import { strict as assert } from "assert";
import { performance } from "perf_hooks";
import { tf } from "./backend";
import { benchDot, median, timeit } from "./timing";

/** Busy-waits `ms` milliseconds (a synchronous workload of known length). */
function spin(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    /* spin */
  }
}

describe("timeit", () => {
  it("takes the median of the timed runs", () => {
    assert.equal(median([5, 1, 3]), 3);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.throws(() => median([]), /median: needs at least one value/);
  });

  it("times a synchronous function: every sample at least its duration, warm-up not counted", async () => {
    let calls = 0;
    const r = await timeit(() => {
      calls++;
      spin(calls === 1 ? 200 : 5); // the first (warm-up) call is slow, like a JIT compile
    }, { repeats: 5, warmup: 1 });
    assert.equal(calls, 6);
    assert.equal(r.repeats, 5);
    assert.equal(r.warmup, 1);
    assert.equal(r.samplesMs.length, 5);
    for (const s of r.samplesMs) assert.ok(s >= 5 && s < 150, `sample ${s} ms`);
    assert.equal(r.medianMs, median(r.samplesMs));
  });

  it("awaits an async function inside the timed interval", async () => {
    const r = await timeit(() => new Promise<void>((resolve) => setTimeout(resolve, 15)), { repeats: 3, warmup: 0 });
    assert.equal(r.samplesMs.length, 3);
    // setTimeout never fires early by more than timer granularity; without the await this would be ~0 ms.
    assert.ok(r.medianMs >= 14, `median ${r.medianMs} ms`);
  });

  it("times tfjs work when the function reads its result back", async () => {
    const a = tf.randomNormal([200, 200]);
    const before = tf.memory().numTensors;
    const r = await timeit(() => tf.tidy(() => tf.matMul(a, a).dataSync()), { repeats: 3 });
    assert.equal(tf.memory().numTensors, before);
    assert.ok(r.medianMs > 0);
    a.dispose();
  });

  it("rejects bad options", async () => {
    await assert.rejects(timeit(() => 0, { repeats: 0 }), { message: "timeit: repeats must be a positive integer, got 0" });
    await assert.rejects(timeit(() => 0, { warmup: -1 }), { message: "timeit: warmup must be a non-negative integer, got -1" });
    await assert.rejects(timeit(42 as unknown as () => unknown), { message: "timeit: fn must be a function, got number 42" });
  });
});

describe("benchDot (the vectorization lesson's dot product, shared with npm run bench)", function () {
  this.timeout(60000);

  it("benchDot: five ways, each timed, all computing the same dot product", async () => {
    const table = await benchDot({ n: 10_000, repeats: 3, warmup: 1 });
    assert.deepEqual(
      table.rows.map((r) => r.label.replace(/ \(.*\)$/, "")),
      ["JS array loop", "Float64Array loop", "Float32Array loop", "tf.dot", "nn.dot"],
    );
    const exact = table.rows[1].value as number;
    for (const r of table.rows) {
      assert.equal(r.samplesMs.length, 3);
      assert.ok(r.medianMs > 0 && Number.isFinite(r.medianMs), `${r.label}: ${r.medianMs}`);
      // tf.dot sums in float32 (~1e-6 relative here); nn.dot rounds products to float32 (~1e-8); the loops are float64
      const rtol = r.label.startsWith("tf.dot") ? 1e-5 : r.label.startsWith("nn.dot") ? 1e-7 : 1e-12;
      assert.ok(Math.abs((r.value as number) - exact) <= rtol * exact, `${r.label}: ${r.value} vs ${exact}`);
    }
    assert.deepEqual(table.entries.map((e) => e.ms), table.rows.map((r) => r.medianMs));
  });
});
