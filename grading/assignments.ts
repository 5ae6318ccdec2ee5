/**
 * The graded assignments: which exercises each has, the function each defines, its points, its
 * checks and its time limit. The grader's points come from here, not from the notebook being graded
 * (a student's copy could have edited metadata); test/grading checks that the source notebooks'
 * nbgrader metadata agrees.
 */
export interface Exercise {
  /** nbgrader grade_id of the solution cell; the test cell is `${id}_check`. */
  id: string;
  /** The top-level function the solution cell defines. */
  fnName: string;
  points: number;
  /** The mocha check file, relative to grading/checks/, without extension. */
  checks: string;
  /** Wall-clock limit for the whole exercise (its own process: start, run its cells, its checks). */
  timeLimitMs: number;
}

export interface Assignment {
  /** File name of the source notebook in notebooks/. */
  notebook: string;
  title: string;
  exercises: Exercise[];
}

const SECONDS = 1000;

/**
 * An assignment's exercises: each one's checks are grading/checks/<checksDir>/<id>, and its time
 * limit is 20 s unless it trains for longer.
 */
function exercises(checksDir: string, list: (Omit<Exercise, "checks" | "timeLimitMs"> & { timeLimitMs?: number })[]): Exercise[] {
  return list.map((e) => ({ ...e, checks: `${checksDir}/${e.id}`, timeLimitMs: e.timeLimitMs ?? 20 * SECONDS }));
}

export const ASSIGNMENTS: readonly Assignment[] = [
  {
    notebook: "17-assignment-tensor-basics.ipynb",
    title: "Tensor basics (Python Basics with Numpy, in tfjs)",
    exercises: exercises("17-tensor-basics", [
      { id: "sigmoid", fnName: "sigmoid", points: 1 },
      { id: "sigmoid_derivative", fnName: "sigmoidDerivative", points: 1 },
      { id: "image2vector", fnName: "image2vector", points: 1 },
      { id: "normalize_rows", fnName: "normalizeRows", points: 2 },
      { id: "softmax", fnName: "softmax", points: 2 },
      { id: "l1", fnName: "l1", points: 1 },
      { id: "l2", fnName: "l2", points: 1 },
    ]),
  },
  {
    notebook: "18-assignment-logistic-regression.ipynb",
    title: "Logistic regression with a neural-network mindset",
    exercises: exercises("18-logistic-regression", [
      { id: "initialize_with_zeros", fnName: "initializeWithZeros", points: 1 },
      { id: "propagate", fnName: "propagate", points: 3 },
      { id: "optimize", fnName: "optimize", points: 2, timeLimitMs: 30 * SECONDS },
      { id: "predict", fnName: "predict", points: 2 },
      { id: "model", fnName: "model", points: 2, timeLimitMs: 40 * SECONDS },
    ]),
  },
];

/**
 * The assignment a notebook belongs to, recognized by its solution cells' grade_ids (a student's
 * renamed copy is still recognized). Undefined when no assignment shares a grade_id with it.
 */
export function findAssignment(gradeIds: readonly string[]): Assignment | undefined {
  let best: { assignment: Assignment; shared: number } | undefined;
  for (const assignment of ASSIGNMENTS) {
    const shared = assignment.exercises.filter((e) => gradeIds.includes(e.id)).length;
    if (shared > 0 && (!best || shared > best.shared)) best = { assignment, shared };
  }
  return best?.assignment;
}
