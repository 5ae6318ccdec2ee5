import { strict as assert } from "assert";
import { assertValidVegaLite, layers } from "../../test/fixtures/vegaLite";
import { timingBarsSpec } from "./timingBars";

describe("timingBarsSpec", () => {
  it("keeps the given order, labels each bar and compiles on linear and log scales", () => {
    const spec = timingBarsSpec({ "for loop": 480.2, vectorized: 1.5, "tiny": 0.0123 });
    assertValidVegaLite(spec);
    const rows = (spec as any).data.values as { label: string; text: string; base: number }[];
    assert.deepEqual(rows.map((r) => r.label), ["for loop", "vectorized", "tiny"]);
    assert.deepEqual(rows.map((r) => r.text), ["480 ms", "1.50 ms", "12.3 µs"]);
    assert.deepEqual(layers(spec)[0].encoding!.y.sort, ["for loop", "vectorized", "tiny"]);
    const log = timingBarsSpec([{ label: "loop", ms: 523 }, { label: "vectorized", ms: 0.137 }], { logScale: true });
    assertValidVegaLite(log);
    assert.deepEqual(layers(log)[0].encoding!.x.scale.domain, [0.1, 10000]);
    assert.equal((log as any).data.values[0].base, 0.1);
    // labels share lib/display/format's formatMs: no "1.00e+3 µs" just under a millisecond
    assert.deepEqual((timingBarsSpec({ a: 0.9999, b: 2500 }) as any).data.values.map((r: { text: string }) => r.text), ["1.00 ms", "2.50 s"]);
    assert.throws(() => timingBarsSpec({ a: 0 }, { logScale: true }), /timingBarsSpec: timing .* positive time in ms/);
  });
});
