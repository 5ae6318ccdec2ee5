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

  it("gemv_rows: y[r] = Σ_c A[r, c]·x[c] for row lengths 0..40 (vector part, tail, unaligned rows), against float64", () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const k = instantiate(kernelModulePlain(), memory);
    const heap = new Float32Array(memory.buffer);
    const [A, x, y] = [0, 8192, 12288]; // float32 indices
    for (let i = 0; i < 12288; i++) heap[i] = Math.fround(Math.cos(i * 0.3) * 2);
    for (const rows of [1, 3, 7]) {
      for (let cols = 0; cols <= 40; cols++) {
        k.gemv_rows(A * 4, rows, cols, x * 4, y * 4);
        for (let r = 0; r < rows; r++) {
          let exact = 0;
          let mag = 0;
          for (let c = 0; c < cols; c++) {
            exact += heap[A + r * cols + c] * heap[x + c];
            mag += Math.abs(heap[A + r * cols + c] * heap[x + c]);
          }
          const got = heap[y + r];
          assert.ok(Math.abs(got - exact) <= 2 ** -23 * (1 + cols) * mag + 1e-30, `rows ${rows}, cols ${cols}, row ${r}: ${got} vs ${exact}`);
        }
      }
    }
  });
});
