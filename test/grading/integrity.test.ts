/**
 * Integrity: only the student's own code earns points. Each case is a copy of a graded notebook
 * with one change that once earned full marks; now it scores 0 on that exercise (a library call,
 * a failed check, or tampering) and leaves the other exercises' marks intact.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as http from "http";
import type { AddressInfo } from "net";
import * as path from "path";
import * as nn from "../../lib";
import { ASSIGNMENTS } from "../../grading/assignments";
import { gradeNotebook, newImage, type GradeResult } from "../../grading/grade";
import { readNotebook, type Notebook } from "../../grading/notebook";
import type { SandboxImage } from "../../grading/sandbox";
import { NOTEBOOK_17, NOTEBOOK_18, REPO_ROOT, tempDir, withCellPrefix, withSolutions, writeNotebook } from "./helpers";

const byId = (r: GradeResult, id: string) => r.exercises.find((e) => e.id === id)!;
const summary = (r: GradeResult) => r.exercises.map((e) => `${e.id}: ${e.points}/${e.maxPoints} ${e.status}${e.passed ? "" : `\n    ${e.message.split("\n").join("\n    ")}`}`).join("\n");

describe("grading: integrity", function () {
  this.timeout(180000);
  let dir = "";
  let image: SandboxImage;
  const nb17 = () => readNotebook(NOTEBOOK_17);
  const nb18 = () => readNotebook(NOTEBOOK_18);
  const grade = (name: string, nb: Notebook, only?: string[]) => gradeNotebook(writeNotebook(dir, name, nb), { image, only });

  /** Exactly `failed` lost their points, with `status`; every other graded exercise kept its own. */
  function expectOnly(result: GradeResult, failed: string[], status: RegExp): void {
    for (const e of result.exercises) {
      if (failed.includes(e.id)) {
        assert.equal(e.points, 0, `${e.id} should earn 0\n${summary(result)}`);
        assert.match(e.status, status, `${e.id}: ${summary(result)}`);
      } else {
        assert.equal(e.points, e.maxPoints, `${e.id} should keep its marks\n${summary(result)}`);
      }
    }
  }

  before(() => {
    dir = tempDir("integrity");
    image = newImage();
  });
  after(() => {
    image.remove();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("an answer that only calls the library's routine earns 0, with a message that says why (both assignments, every exercise)", async () => {
    for (const [nb, i] of [[nb17(), 0], [nb18(), 1]] as const) {
      const bodies: Record<string, string[]> = {};
      for (const e of ASSIGNMENTS[i].exercises) {
        // Every exercise the library has a routine for: nn.<name>(...its arguments).
        const routine = e.forbidden.lib.find((name) => typeof (nn as unknown as Record<string, unknown>)[name] === "function");
        if (e.kind === "function" && routine) bodies[e.id] = [`return (nn as any).${routine}(...Array.from(arguments));`];
      }
      const result = await grade(`library-${i}.ipynb`, withSolutions(nb, bodies));
      expectOnly(result, Object.keys(bodies), /^library call$/);
      for (const id of Object.keys(bodies)) assert.match(byId(result, id).message, /calls nn\.\w+: the library's own version of what Exercise \d+ asks you to write/);
    }
  });

  it("tf.softmax and tf.sigmoid (tfjs's own routines) count as the library's", async () => {
    const result = await grade("tf-ops.ipynb", withSolutions(nb17(), { softmax: ["return tf.softmax(x);"], sigmoid: ["return z.sigmoid();"] }), ["sigmoid", "softmax", "l1"]);
    expectOnly(result, ["sigmoid", "softmax"], /^library call$/);
    assert.match(byId(result, "softmax").message, /calls tf\.softmax/);
  });

  it("patching what the checks use (Math.abs, the comparison helpers, mocha, isDisposed) changes nothing: a wrong answer still fails", async () => {
    const patched = withCellPrefix(
      withSolutions(nb17(), { sigmoid: ["return tf.mul(z, 0);"], image2vector: ["image.dispose();", "return image as unknown as nn.tf.Tensor2D;"] }),
      "sigmoid",
      [
        "Math.abs = () => 0;",
        "for (const m of Object.values(require('module')._cache as Record<string, any>)) { const e = m?.exports as any; if (e && typeof e.close === 'function') { try { e.close = () => true; e.expectTensorClose = () => {}; } catch {} } }",
        "(globalThis as any).it = (title: string, f: () => void) => {};",
        "try { const Mocha = require('mocha'); Mocha.Runnable.prototype.run = function (fn: (e?: unknown) => void) { fn(); }; } catch {}",
        "Object.defineProperty(tf.Tensor.prototype, 'isDisposed', { get: () => false });",
      ],
    );
    const result = await grade("patched.ipynb", patched);
    expectOnly(result, ["sigmoid", "image2vector"], /^failed$/);
    assert.match(byId(result, "sigmoid").message, /wrong values/);
    assert.match(byId(result, "image2vector").message, /disposed|raised/);
  });

  it("fake replies on the result channel, or a rewritten channel, are tampering or judged like any returned value", async () => {
    const forged = (seq: string) =>
      `require("fs").writeSync(3, JSON.stringify({ t: "returned", seq: ${seq}, value: { $: "tensor", shape: [3], dtype: "float32", values: [0.7310586, 0.8807971, 0.9525741] }, printed: [], args: [], forbiddenCalls: [], ms: 0 }) + "\\n");`;
    const nb = withSolutions(nb17(), {
      // Replies for every request number, and one nobody asked for.
      sigmoid: [`for (let s = 0; s < 64; s++) ${forged("s")}`, "return z;"],
      softmax: [forged("9999"), "return x;"],
      // The old protocol's report ("this check passed"): there is no IPC channel any more.
      l1: ["(process as any).send({ type: 'test-end', title: 'x', passed: true, durationMs: 0 });", "return 0;"],
      // Rewrites every reply on its way out: a wrong value stays wrong.
      l2: ["const net = require('net'); const write = net.Socket.prototype.write; net.Socket.prototype.write = function (this: any, chunk: any, ...rest: any[]) { return write.call(this, String(chunk).replace(/\"threw\"/, '\"returned\"'), ...rest); };", "return 0.43 + 1;"],
    });
    const result = await grade("forged.ipynb", nb);
    expectOnly(result, ["sigmoid", "softmax", "l1", "l2"], /^(tampering|failed)$/);
    assert.equal(byId(result, "sigmoid").status, "tampering", summary(result));
    assert.equal(byId(result, "softmax").status, "tampering", summary(result));
    assert.match(byId(result, "softmax").message, /tampering: .* reply to request 9999/);
  });

  it("the expected values are out of reach: neither the fixtures on disk nor an answer key on the network", async function () {
    const key = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "grading", "fixtures", "tensor_basics.json"), "utf8")).fixtures.softmax[0].expected;
    const server = http.createServer((_, res) => res.end(JSON.stringify(key)));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      const fixtures = [path.join(REPO_ROOT, "grading", "fixtures", "tensor_basics.json"), path.join(REPO_ROOT, "test", "fixtures", "grading_tensor_basics.json")];
      const nb = withSolutions(nb17(), {
        // Reads the answer key from the grader's files, where they are (and were) in the repository.
        normalize_rows: [`for (const f of ${JSON.stringify(fixtures)}) { try { const fx = JSON.parse(require("fs").readFileSync(f, "utf8")).fixtures; return tf.tensor(fx.normalizeRows.find((c: any) => c.inputs.x.length === x.shape[0]).expected) as nn.tf.Tensor2D; } catch {} }`, "return x;"],
        softmax: [`return fetch("http://127.0.0.1:${port}/").then((r) => r.json()).then((v) => tf.tensor(v)) as unknown as nn.tf.Tensor2D;`],
      });
      const result = await grade("answer-key.ipynb", nb, ["normalize_rows", "softmax", "l1"]);
      if (image.isolation !== "namespaces") {
        // Without a network namespace the loopback answer key is reachable (grading/README.md).
        assert.equal(byId(result, "normalize_rows").points, 0, summary(result));
        this.skip();
      }
      expectOnly(result, ["normalize_rows", "softmax"], /^failed$/);
    } finally {
      server.close();
    }
  });

  it("signalling the grader, or an unknown message, costs only that exercise; grading goes on", async function () {
    const nb = withSolutions(nb18(), {
      // In the namespaces the parent is the sandbox's init; without them, a shell between the two.
      initialize_with_zeros: ["process.kill(process.ppid, 'SIGTERM');", "process.kill(process.ppid, 'SIGKILL');", "return { w: tf.zeros([dim, 1]) as nn.tf.Tensor2D, b: 0 };"],
      predict: ['require("fs").writeSync(3, JSON.stringify({ t: "ready", seq: 12345, typeOf: "function" }) + "\\n");', "return tf.zeros([1, X.shape[1]]) as nn.tf.Tensor2D;"],
    });
    const result = await grade("signals.ipynb", nb);
    expectOnly(result, ["initialize_with_zeros", "predict"], /^(crashed|tampering|failed)$/);
    assert.equal(byId(result, "predict").status, "tampering", summary(result));
    assert.ok(result.exercises.filter((e) => e.passed).length >= 5, summary(result));
  });
});
