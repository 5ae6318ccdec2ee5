/**
 * The dot-product section of `npm run bench`: np.dot of 10⁶ float64 numbers and the course video's
 * Python loop (timed by bench/numpy_reference.py in the model section's first numpy session), against
 * the vectorization lesson's five ways (lib/timing.ts, benchDot) on wasm and cpu.
 */
import { median } from "../lib/timing";
import type { TimingRow } from "../lib/display/timingTable";
import { child, lastJson, log, type Row } from "./common";
import type { NumpyResult } from "./model";

export const DOT_TARGET = 2.0;

export async function dotSection(ctx: {
  numpy: NumpyResult;
  repeats: number;
  skipCpu: boolean;
  blasName: string;
  problems: string[];
}): Promise<{ section: string; rows: Row[]; record: unknown }> {
  const { numpy, repeats, skipCpu, blasName, problems } = ctx;
  const section = "dot product of 10⁶ numbers";
  const npDot = median(numpy.dot.samplesMs);
  const rows: Row[] = [
    { section, what: `np.dot (float64, ${blasName})`, ms: npDot, note: "reference" },
    { section, what: "Python for loop", ms: numpy.dot.pythonLoopMsExtrapolated, referenceMs: npDot, ratio: numpy.dot.pythonLoopMsExtrapolated / npDot, note: "timed on 10⁵, ×10" },
  ];
  const results: { backend: string; rows: TimingRow[] }[] = [];
  for (const backend of ["wasm", ...(skipCpu ? [] : ["cpu"])]) {
    log(`dot product on ${backend}…`);
    try {
      const d = lastJson<{ backend: string; rows: TimingRow[] }>(await child(["dot", "--repeats", String(repeats)], { NN_BACKEND: backend }), `the dot product on ${backend}`);
      results.push(d);
      const exact = d.rows.find((r) => r.label === "Float64Array loop")?.value as number;
      for (const r of d.rows) {
        if (backend !== "wasm" && !/^(nn|tf)\.dot/.test(r.label)) continue; // the JS loops do not depend on the backend
        const isLib = r.label.startsWith("nn.dot");
        const rel = Math.abs((r.value as number) - exact) / Math.abs(exact);
        // nn.dot sums in float64 blocks: it must agree with the float64 loop; tf.dot's float32 sum drifts, shown only.
        const ok = isLib ? rel <= 1e-6 : undefined;
        if (ok === false) problems.push(`${r.label}: value ${r.value} differs from the Float64Array loop's ${exact} (rel ${rel.toExponential(1)})`);
        const ratio = r.medianMs / npDot;
        const target = isLib && backend === "wasm";
        rows.push({
          section,
          what: r.label.includes("(") || backend === "wasm" ? r.label : `${r.label} (${backend})`,
          ms: r.medianMs,
          referenceMs: npDot,
          ratio,
          target: target ? `≤ ${DOT_TARGET}` : undefined,
          targetMet: target ? ratio <= DOT_TARGET : undefined,
          check: `rel. diff. to float64 loop ${rel.toExponential(1)}`,
          ok,
          note: r.note,
        });
      }
    } catch (err) {
      problems.push((err as Error).message);
    }
  }
  return { section, rows, record: results };
}
