/**
 * Timings in words, for the sentences the vectorization lessons write from what they measured
 * (so the text always says what this run found): "4.4× faster than", "1.3× slower than".
 */

/** How a run of `ms` compares with one of `referenceMs`: "4.4× faster than", "12× slower than", or "about as fast as" (within 10%). */
export function fasterOrSlower(ms: number, referenceMs: number): string {
  if (!(ms > 0) || !(referenceMs > 0)) throw new Error(`fasterOrSlower: timings must be positive numbers of milliseconds, got ${ms} and ${referenceMs}`);
  const ratio = referenceMs / ms;
  const times = (r: number) => `${r < 10 ? r.toFixed(1) : r.toFixed(0)}×`;
  if (ratio >= 1.1) return `${times(ratio)} faster than`;
  if (ratio <= 1 / 1.1) return `${times(1 / ratio)} slower than`;
  return "about as fast as";
}
