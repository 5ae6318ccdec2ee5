import { strict as assert } from "assert";
import { backendInfo, backendName, ready, tf } from "./backend";

describe("backend", () => {
  it("initializes one backend and reports it", async () => {
    const name = await ready();
    assert.equal(backendName(), name);
    assert.equal(backendInfo().backend, name);
    assert.ok(["tensorflow", "wasm", "cpu"].includes(name));
  });

  it("prefers wasm over cpu when native tfjs-node is absent and nothing is forced", async function () {
    // Skipped, not passed, when the premise does not hold: nothing would be checked.
    if (process.env.NN_BACKEND) {
      console.log(`      skipped: NN_BACKEND=${process.env.NN_BACKEND} forces the backend`);
      this.skip();
    }
    if (backendInfo().native === "loaded") {
      console.log("      skipped: @tensorflow/tfjs-node is loaded, so native TensorFlow is preferred");
      this.skip();
    }
    assert.equal(await ready(), "wasm");
  });

  it("shares one engine with danfo", async () => {
    await ready();
    // danfo's own tfjs copy resolves to this project's tfjs-core, so its tensors live in our engine.
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const dfd = require("danfojs-node");
    const before = tf.memory().numTensors;
    const s = new dfd.Series([1, 2, 3]);
    const t = s.tensor;
    assert.equal(tf.memory().numTensors > before, true);
    assert.deepEqual(Array.from(t.dataSync()), [1, 2, 3]);
  });
});
