/**
 * `npm run test:mutations`: do the unit tests catch what their names promise? Each mutation below
 * is a small, plausible bug in lib/ (a sign, a constant, a dropped dispose, a stale cache, …). For
 * each, a copy of the sources gets that one change (the working tree is never touched) and the unit
 * tests that cover the code run against it; the script fails unless every mutation makes them fail.
 *
 *   npx tsx test/mutations.ts            all mutations
 *   npx tsx test/mutations.ts --list     just list them
 *   npx tsx test/mutations.ts NAME …     only these
 *
 * A mutation whose code is no longer found fails too (with the file and text): when the code it
 * names changes, update the mutation with it.
 */
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const REPO = path.resolve(__dirname, "..");

interface Mutation {
  name: string;
  /** The bug, in words. */
  what: string;
  file: string;
  find: string;
  replace: string;
  /** Spec files that must fail. */
  specs: string[];
  /** Re-assemble lib/fast/kernel.wat into kernelBinary.ts after the change. */
  rebuildKernel?: boolean;
}

const LOGREG = ["lib/logreg/propagate.test.ts", "lib/logreg/optimize.test.ts", "lib/logreg/model.test.ts"];

export const MUTATIONS: Mutation[] = [
  {
    name: "leak-wPrev",
    what: "the tfjs path of optimize no longer disposes the previous w each iteration",
    file: "lib/logreg/optimize.ts",
    find: "      wPrev.dispose();\n",
    replace: "",
    specs: ["lib/logreg/optimize.test.ts"],
  },
  {
    name: "db-over-m-plus-1",
    what: "the tfjs path of optimize divides db by m + 1",
    file: "lib/logreg/optimize.ts",
    find: "        db = g.sumDZ.dataSync()[0] / m;\n        if (g.cost",
    replace: "        db = g.sumDZ.dataSync()[0] / (m + 1);\n        if (g.cost",
    specs: ["lib/logreg/optimize.test.ts"],
  },
  {
    name: "cost-times-1.01",
    what: "the tfjs path scales the cost by 1.01",
    file: "lib/logreg/propagate.ts",
    find: "cost: meanFloat64(losses.dataSync()) }",
    replace: "cost: meanFloat64(losses.dataSync()) * 1.01 }",
    specs: ["lib/logreg/propagate.test.ts", "lib/logreg/optimize.test.ts"],
  },
  {
    name: "dZ-sign",
    what: "the tfjs path computes dZ = Y − A",
    file: "lib/logreg/propagate.ts",
    find: "const dZ = tf.sub(A, Y);",
    replace: "const dZ = tf.sub(Y, A);",
    specs: LOGREG,
  },
  {
    name: "model-keeps-dw",
    what: "model no longer disposes the last gradient",
    file: "lib/logreg/model.ts",
    find: "  grads.dw.dispose();\n",
    replace: "",
    specs: ["lib/logreg/model.test.ts"],
  },
  {
    name: "kernel-sigmoid-constant",
    what: "the fast kernel's σ(z) = 2 / (1 + e^−z)",
    file: "lib/fast/kernel.wat",
    find: "(f64.div (f64.const 1) (f64.add (f64.const 1) (call $exp (f64.neg (local.get $z)))))",
    replace: "(f64.div (f64.const 2) (f64.add (f64.const 1) (call $exp (f64.neg (local.get $z)))))",
    specs: ["lib/fast/train.test.ts"],
    rebuildKernel: true,
  },
  {
    name: "halves-db-sign",
    what: "the trainer subtracts the second half's Σ dz instead of adding it",
    file: "lib/fast/train.ts",
    find: "db = (outA[1] + outB[1]) / m;",
    replace: "db = (outA[1] - outB[1]) / m;",
    specs: ["lib/fast/train.test.ts"],
  },
  {
    name: "stale-packed-copy",
    what: "content tokens ignore writes on the cpu backend (the packed X and the NaN check go stale)",
    file: "lib/tensor/contentToken.ts",
    find: "  if (!valuesCanChange()) return dataId;",
    replace: "  if (valuesCanChange() || !valuesCanChange()) return dataId;",
    specs: ["lib/logreg/fastPath.test.ts"],
  },
  {
    name: "no-fallback",
    what: "the fast path throws instead of falling back when X does not fit its memory",
    file: "lib/logreg/fastPath.ts",
    find: "    if (!(err instanceof DoesNotFitError)) throw err;",
    replace: "    throw err;",
    specs: ["lib/logreg/fastPath.test.ts"],
  },
  {
    name: "matvec-rows-cols",
    what: "the wasm matMul kernel swaps rows and cols of a transposed matrix B",
    file: "lib/wasmBackend/matVec.ts",
    find: `if (transposeB) return { kind: "rows", matrix: "b", vector: "a", rows: N, cols: K };`,
    replace: `if (transposeB) return { kind: "rows", matrix: "b", vector: "a", rows: K, cols: N };`,
    specs: ["lib/wasmBackend/matVec.test.ts"],
  },
  {
    name: "packed-ignores-shape",
    what: "the packed matrix is reused for the same key whatever its shape (a reshape shares the key)",
    file: "lib/fast/packed.ts",
    find: "p.key?.deref() === key && p.rows === rows && p.cols === cols",
    replace: "p.key?.deref() === key",
    specs: ["lib/wasmBackend/matVec.test.ts"],
  },
  {
    name: "repack-in-rotation",
    what: "the wasm matMul kernel evicts the packed copy of a matrix still in use (two matrices taking turns repack every time)",
    file: "lib/wasmBackend/matVec.ts",
    find: "products - lastHit <= ROTATION",
    replace: "products - lastHit < 0",
    specs: ["lib/wasmBackend/matVec.test.ts"],
  },
  {
    name: "combine-second-column",
    what: "the kernel's S·v uses v[j] for both columns of a pair",
    file: "lib/fast/kernel.wat",
    find: "(f32.load offset=0 (local.get $v)) (f32.load offset=4 (local.get $v))))\n          (else (call $axpy2_f32",
    replace: "(f32.load offset=0 (local.get $v)) (f32.load offset=0 (local.get $v))))\n          (else (call $axpy2_f32",
    specs: ["lib/fast/matVec.test.ts"],
    rebuildKernel: true,
  },
];

/** A copy of the tracked sources (as they are in the working tree) with node_modules linked. */
function copyOfSources(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nn-mutation-"));
  const files = execFileSync("git", ["ls-files", "-co", "--exclude-standard", "lib", "test", "bench", "grading", "notebooks"], { cwd: REPO, encoding: "utf8" })
    .split("\n")
    .filter(Boolean)
    .concat(["package.json", ".mocharc.json", "tsconfig.json"]);
  for (const file of files) {
    if (!fs.existsSync(path.join(REPO, file))) continue; // deleted in the working tree
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.copyFileSync(path.join(REPO, file), path.join(dir, file));
  }
  fs.symlinkSync(path.join(REPO, "node_modules"), path.join(dir, "node_modules"));
  return dir;
}

function apply(dir: string, m: Mutation): void {
  const file = path.join(dir, m.file);
  const text = fs.readFileSync(file, "utf8");
  const count = text.split(m.find).length - 1;
  if (count !== 1) throw new Error(`mutation ${m.name}: expected the text once in ${m.file}, found it ${count} times:\n${m.find}`);
  fs.writeFileSync(file, text.replace(m.find, m.replace));
  if (m.rebuildKernel) {
    execFileSync(process.execPath, ["--require", "tsx/cjs", path.join(dir, "lib/fast/buildKernel.ts")], { cwd: dir, stdio: "pipe" });
  }
}

/** Runs the specs in `dir`, stopping at the first failure; returns mocha's exit code and last lines. */
function runSpecs(dir: string, specs: string[]): { code: number; tail: string } {
  const mocha = path.join(REPO, "node_modules", "mocha", "bin", "mocha.js");
  const r = spawnSync(process.execPath, [mocha, "--bail", "--reporter", "dot", ...specs], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, MOCHA_QUIET: "1" },
    timeout: 10 * 60_000,
  });
  const lines = `${r.stdout ?? ""}${r.stderr ?? ""}`.split("\n");
  // mocha's first failure: "  1) suite" then the test's title on the next line(s)
  const at = lines.findIndex((l) => /^\s+1\) /.test(l));
  const failing = at >= 0 ? `${lines[at].trim()} › ${lines[at + 1]?.trim()}` : undefined;
  return { code: r.status ?? 1, tail: failing ?? lines.filter(Boolean).slice(-3).join(" | ") };
}

function main(): number {
  const args = process.argv.slice(2);
  if (args.includes("--list")) {
    for (const m of MUTATIONS) console.log(`${m.name.padEnd(24)} ${m.what}  (${m.file}; caught by ${m.specs.join(", ")})`);
    return 0;
  }
  const chosen = args.length ? MUTATIONS.filter((m) => args.includes(m.name)) : MUTATIONS;
  if (chosen.length !== (args.length || MUTATIONS.length)) throw new Error(`unknown mutation among ${args.join(", ")} (see --list)`);
  const dir = copyOfSources();
  let survivors = 0;
  try {
    // The unmutated copy must pass, or a failure below would prove nothing.
    const specs = [...new Set(chosen.flatMap((m) => m.specs))];
    const clean = runSpecs(dir, specs);
    if (clean.code !== 0) {
      console.log(`✘ the unmutated sources already fail ${specs.join(" ")}: ${clean.tail}`);
      return 1;
    }
    console.log(`mutation check: ${chosen.length} mutations of lib/, each must make its unit tests fail (the unmutated tests pass)`);
    for (const m of chosen) {
      const started = Date.now();
      const originals = new Map<string, string>();
      for (const f of [m.file, "lib/fast/kernelBinary.ts"]) originals.set(f, fs.readFileSync(path.join(dir, f), "utf8"));
      try {
        apply(dir, m);
        const r = runSpecs(dir, m.specs);
        const seconds = ((Date.now() - started) / 1000).toFixed(0);
        if (r.code === 0) {
          survivors++;
          console.log(`✘ ${m.name}: NOT caught — ${m.what} (${m.specs.join(", ")} still pass, ${seconds} s)`);
        } else {
          console.log(`✔ ${m.name}: caught — ${m.what} (${seconds} s): ${r.tail}`);
        }
      } finally {
        for (const [f, text] of originals) fs.writeFileSync(path.join(dir, f), text);
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log(survivors === 0 ? `all ${chosen.length} mutations caught` : `${survivors} of ${chosen.length} mutations survived`);
  return survivors === 0 ? 0 : 1;
}

if (require.main === module) {
  try {
    process.exitCode = main();
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  }
}
