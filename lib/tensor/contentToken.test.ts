import { strict as assert } from "assert";
import { tf } from "../backend";
import { assertFinite } from "./assertFinite";
import { contentToken, valuesCanChange } from "./contentToken";
import { kernelRuns, onBackend } from "../../test/fixtures/backends";

describe("contentToken (what the lib learns about a tensor lasts exactly as long as its values)", () => {
  it("on the wasm backend: the tensor's dataId, because writing into dataSync() cannot change the tensor", async function () {
    if (!tf.findBackend("wasm")) this.skip();
    await onBackend("wasm", () => {
      assert.equal(valuesCanChange(), false);
      const t = tf.tensor2d([[1, 2], [3, 4]]);
      assert.equal(contentToken(t), t.dataId);
      assert.notEqual(contentToken(tf.clone(t)), contentToken(t));
      // The assumption the token rests on: dataSync() is a copy here.
      const data = t.dataSync();
      data[0] = 99;
      assert.equal(t.dataSync()[0], 1);
      assert.notEqual(t.dataSync(), t.dataSync());
      t.dispose();
    });
  });

  it("on the cpu backend: the same token while the values stay, a new one after any single write", async () => {
    await onBackend("cpu", () => {
      assert.equal(valuesCanChange(), true);
      for (const [dtype, n] of [["float32", 1001], ["int32", 6], ["bool", 7]] as const) {
        const t = tf.tensor1d(Array.from({ length: n }, (_, i) => (dtype === "bool" ? i % 2 : i * 1.5)), dtype);
        const first = contentToken(t);
        assert.equal(contentToken(t), first, `${dtype}: unchanged values keep their token`);
        // Every position (vector lanes and the tail), one write at a time: a new token exactly when
        // the tensor changed (cpu hands out float32 and int32 storage; bool comes back as a copy).
        let token = first;
        const data = t.dataSync();
        for (let i = 0; i < n; i += dtype === "float32" ? 97 : 1) {
          const old = t.dataSync()[i];
          data[i] = dtype === "bool" ? 1 - data[i] : data[i] + 1;
          const changed = t.dataSync()[i] !== old;
          if (dtype !== "bool") assert.ok(changed, `${dtype}: dataSync() is the cpu backend's own array`);
          const next = contentToken(t);
          if (changed) assert.notEqual(next, token, `${dtype}: a write at [${i}] must change the token`);
          else assert.equal(next, token, `${dtype}: nothing changed at [${i}]`);
          token = next;
        }
        t.dispose();
      }
    });
  });

  it("on the cpu backend: a tensor made from a typed array follows writes into that array", async () => {
    await onBackend("cpu", () => {
      const values = new Float32Array([1, 2, 3]);
      const t = tf.tensor1d(values);
      const before = contentToken(t);
      values[2] = 4;
      if (t.dataSync()[2] === 4) assert.notEqual(contentToken(t), before); // tfjs kept the array: the token follows
      t.dispose();
    });
  });
});

describe("assertFinite checks a tensor's values once", () => {
  it("reads a tensor once while its values stay, and again (catching a NaN) after a write on the cpu backend", async () => {
    await onBackend("cpu", () => {
      const X = tf.ones([300, 300]); // large enough to be checked on the backend
      assert.equal(kernelRuns("IsFinite", () => assertFinite("f", "X", X)), 1);
      assert.equal(kernelRuns("IsFinite", () => assertFinite("f", "X", X)), 0, "checked already");
      X.dataSync()[301] = NaN;
      assert.throws(() => assertFinite("f", "X", X), { message: "f: X contains 1 NaN value, the first at index [1, 1]; inputs must be finite" });
      X.dispose();
      // A small tensor is scanned in JavaScript, and a write is seen all the same.
      const w = tf.tensor2d([[1], [2], [3]]);
      assertFinite("f", "w", w);
      w.dataSync()[2] = Infinity;
      assert.throws(() => assertFinite("f", "w", w), { message: "f: w contains 1 infinite value, the first at index [2, 0]; inputs must be finite" });
      w.dispose();
    });
  });

  it("reads a tensor once on the active backend", () => {
    const X = tf.ones([300, 300]);
    assert.equal(kernelRuns("IsFinite", () => assertFinite("f", "X", X)), 1);
    assert.equal(kernelRuns("IsFinite", () => assertFinite("f", "X", X)), 0);
    X.dispose();
  });
});
