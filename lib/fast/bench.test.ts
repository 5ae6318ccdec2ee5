import { strict as assert } from "assert";
import { tf } from "../backend";
import { benchDot, benchGradientDescent, formatMs, TimingTable } from "./bench";

describe("benchmark helpers (shared by npm run bench and the vectorization notebook)", function () {
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

  it("TimingTable shows medians and ratios to the baseline as text and HTML", () => {
    const table = new TimingTable("demo <x>", [
      { label: "loop", medianMs: 800, samplesMs: [800] },
      { label: "vectorized", medianMs: 0.1, samplesMs: [0.1], note: "simd" },
    ]);
    const bundle = table._repr_mimebundle_();
    assert.match(bundle.data["text/plain"], /demo <x> — median of runs; ratio to loop/);
    assert.match(bundle.data["text/plain"], /loop\s+800 ms\s+1\.0×/);
    assert.match(bundle.data["text/plain"], /vectorized\s+100 µs\s+0\.00013×\s+\(simd\)/);
    assert.match(bundle.data["text/html"] as string, /<caption[^>]*>demo &lt;x&gt;/);
  });

  it("benchGradientDescent: times optimize on either implementation and returns its costs, no tensors left", async () => {
    const X = tf.tensor2d([[1, 2, -1, 0.5], [3, 4, -3.2, 1]]);
    const Y = tf.tensor2d([[1, 0, 1, 0]]);
    const before = tf.memory().numTensors;
    const runs = [];
    for (const implementation of ["fast", "tfjs"] as const) {
      const r = await benchGradientDescent(X, Y, { implementation, numIterations: 101, learningRate: 0.01, repeats: 2, warmup: 0 });
      assert.equal(r.row.samplesMs.length, 2);
      assert.equal(r.costs.length, 2);
      assert.ok(Math.abs(r.msPerIteration - r.row.medianMs / 101) < 1e-12);
      runs.push(r);
    }
    assert.ok(Math.abs(runs[0].costs[1] - runs[1].costs[1]) <= 1e-5 * runs[1].costs[1]);
    assert.equal(tf.memory().numTensors, before);
    tf.dispose([X, Y]);
  });
});

describe("formatMs", () => {
  it("picks the unit after rounding to 3 digits, never an exponent", () => {
    assert.deepEqual([999.7, 0.99996, 1.5, 0.0123, 1234].map(formatMs), ["1.00 s", "1.00 ms", "1.50 ms", "12.3 µs", "1.23 s"]);
  });
});
