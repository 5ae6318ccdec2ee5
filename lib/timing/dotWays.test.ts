import { strict as assert } from "assert";
import { benchDot } from "./dotWays";

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
