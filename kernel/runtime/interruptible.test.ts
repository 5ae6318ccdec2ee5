import { strict as assert } from "assert";
import { GeneratorRun, SigintScope } from "./interruptible";

describe("kernel: interruptible cells", () => {
  const depth = new Int32Array(new SharedArrayBuffer(4));

  it("drives a generator cell like an async function, inside the SIGINT scope", async () => {
    const seen: number[] = [];
    function* cell(): Generator<unknown, number, number> {
      seen.push(Atomics.load(depth, 0));
      const half = yield Promise.resolve(21);
      let caught = "";
      try {
        yield Promise.reject(new Error("awaited rejection"));
      } catch (err) {
        caught = (err as Error).message;
      }
      assert.equal(caught, "awaited rejection");
      seen.push(Atomics.load(depth, 0));
      return half * 2;
    }
    const run = new GeneratorRun(cell() as Generator<unknown, unknown, unknown>, new SigintScope(depth, 0));
    assert.equal(await run.promise, 42);
    assert.deepEqual(seen, [1, 1], "each step runs in the scope, which the main thread can see");
    assert.equal(Atomics.load(depth, 0), 0);
  });

  it("throws a KeyboardInterrupt into a cell waiting on an await; its finally blocks run", async () => {
    let cleanedUp = false;
    function* cell(): Generator<unknown, void, unknown> {
      try {
        yield new Promise(() => {});
      } finally {
        cleanedUp = true;
      }
    }
    const run = new GeneratorRun(cell(), new SigintScope(depth, 0));
    setTimeout(() => run.interrupt(), 10);
    await assert.rejects(run.promise, { name: "KeyboardInterrupt" });
    assert.ok(cleanedUp);
  });
});
