import { strict as assert } from "assert";
import * as fs from "fs";
import { KERNEL_BINARY_MODULE, assembleKernel, kernelBinaryModule } from "./buildKernel";
import { KERNEL_PLAIN_BASE64, KERNEL_SHARED_BASE64 } from "./kernelBinary";
import { instantiate, kernelModulePlain } from "./kernel";

describe("fast path: the committed WebAssembly kernel", function () {
  this.timeout(30000);

  it("is the assembly of kernel.wat (run `npx tsx lib/fast/buildKernel.ts` after editing the .wat)", async () => {
    const builds = await assembleKernel();
    assert.equal(Buffer.from(builds.shared).toString("base64"), KERNEL_SHARED_BASE64, "shared build is stale");
    assert.equal(Buffer.from(builds.plain).toString("base64"), KERNEL_PLAIN_BASE64, "plain build is stale");
    assert.equal(fs.readFileSync(KERNEL_BINARY_MODULE, "utf8"), kernelBinaryModule(builds));
  });

  it("dot_f32: every length 0..70 (vector part and scalar tail) and offsets, against a float64 sum", () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const k = instantiate(kernelModulePlain(), memory);
    const heap = new Float32Array(memory.buffer);
    for (let i = 0; i < 2048; i++) heap[i] = Math.fround(Math.sin(i) * 3);
    for (const [offA, offB] of [[0, 1024], [4, 1100], [12, 1031]]) {
      for (let n = 0; n <= 70; n++) {
        let exact = 0;
        for (let i = 0; i < n; i++) exact += heap[offA + i] * heap[offB + i];
        const got = k.dot_f32(offA * 4, offB * 4, n);
        assert.ok(Math.abs(got - exact) <= 1e-6 * (1 + Math.abs(exact)), `n=${n} offsets ${offA},${offB}: ${got} vs ${exact}`);
      }
    }
  });
});
