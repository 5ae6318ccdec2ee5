import { strict as assert } from "assert";
import { TimingTable } from "./timingTable";

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
