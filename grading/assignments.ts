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

export const ASSIGNMENTS: readonly Assignment[] = [
  {
    notebook: "17-assignment-tensor-basics.ipynb",
    title: "Tensor basics (Python Basics with Numpy, in tfjs)",
    exercises: [
      { id: "sigmoid", fnName: "sigmoid", points: 1, checks: "17-tensor-basics/sigmoid", timeLimitMs: 20 * SECONDS },
      { id: "sigmoid_derivative", fnName: "sigmoidDerivative", points: 1, checks: "17-tensor-basics/sigmoid_derivative", timeLimitMs: 20 * SECONDS },
      { id: "image2vector", fnName: "image2vector", points: 1, checks: "17-tensor-basics/image2vector", timeLimitMs: 20 * SECONDS },
      { id: "normalize_rows", fnName: "normalizeRows", points: 2, checks: "17-tensor-basics/normalize_rows", timeLimitMs: 20 * SECONDS },
      { id: "softmax", fnName: "softmax", points: 2, checks: "17-tensor-basics/softmax", timeLimitMs: 20 * SECONDS },
      { id: "l1", fnName: "l1", points: 1, checks: "17-tensor-basics/l1", timeLimitMs: 20 * SECONDS },
      { id: "l2", fnName: "l2", points: 1, checks: "17-tensor-basics/l2", timeLimitMs: 20 * SECONDS },
    ],
  },
  {
    notebook: "18-assignment-logistic-regression.ipynb",
    title: "Logistic regression with a neural-network mindset",
    exercises: [
      { id: "initialize_with_zeros", fnName: "initializeWithZeros", points: 1, checks: "18-logistic-regression/initialize_with_zeros", timeLimitMs: 20 * SECONDS },
      { id: "propagate", fnName: "propagate", points: 3, checks: "18-logistic-regression/propagate", timeLimitMs: 20 * SECONDS },
      { id: "optimize", fnName: "optimize", points: 2, checks: "18-logistic-regression/optimize", timeLimitMs: 30 * SECONDS },
      { id: "predict", fnName: "predict", points: 2, checks: "18-logistic-regression/predict", timeLimitMs: 20 * SECONDS },
      { id: "model", fnName: "model", points: 2, checks: "18-logistic-regression/model", timeLimitMs: 40 * SECONDS },
    ],
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
