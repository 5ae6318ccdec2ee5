/**
 * What gradient descent prints and throws, in one place for both implementations (the tfjs ops in
 * ./optimize and the fast path in ../fast/logreg), so the two stay word for word the same.
 */

/** The course's printCost line: `Cost after iteration 100: 0.584508`. */
export function costLine(iteration: number, cost: number): string {
  return `Cost after iteration ${iteration}: ${cost.toFixed(6)}`;
}

/** The error for NaN / ±Infinity in db or a recorded cost at `iteration`; `xName` is the caller's name for X. */
export function divergenceError(fnName: string, iteration: number, db: number, cost: number | undefined, learningRate: number, xName: string): Error {
  return new Error(
    `${fnName}: gradient descent diverged at iteration ${iteration} (${Number.isFinite(db) ? `cost ${cost}` : `db ${db}`}); ` +
      `learningRate ${learningRate} is probably too large, or ${xName} needs normalizing`,
  );
}
