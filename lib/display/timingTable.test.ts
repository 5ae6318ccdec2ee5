import { strict as assert } from "assert";
import { formatMs, TimingTable } from "./timingTable";

describe("TimingTable", () => {
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
});

describe("formatMs", () => {
  it("picks the unit after rounding to 3 digits, never an exponent", () => {
    assert.deepEqual([999.7, 0.99996, 1.5, 0.0123, 1234].map(formatMs), ["1.00 s", "1.00 ms", "1.50 ms", "12.3 µs", "1.23 s"]);
  });
});
