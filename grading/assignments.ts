/**
 * The graded assignments: which exercises each has, the name each defines, its points, its checks,
 * its time limit, and the library routines it may not call. The grader's points come from here,
 * not from the notebook being graded (a student's copy could have edited metadata); test/grading
 * checks that the source notebooks' nbgrader metadata agrees.
 */
export interface Forbidden {
  /** Library exports (any lib module) that do the exercise's work: `nn.softmax` … */
  lib: readonly string[];
  /** tfjs kernels that do it: "Softmax" is tf.softmax and x.softmax() alike. */
  kernels: readonly string[];
}

export interface Exercise {
  /** nbgrader grade_id of the solution cell; the test cell is `${id}_check`. */
  id: string;
  /** The name the solution cell defines: a function, or a value for `kind: "value"`. */
  fnName: string;
  kind: "function" | "value";
  /** The course's exercise number, so a learner can follow the course's notebook side by side. */
  number: number;
  points: number;
  /** The trusted check module, relative to grading/checks/, without extension. */
  checks: string;
  /** Wall-clock limit for the whole exercise (run its cells, answer every check's calls). */
  timeLimitMs: number;
  /**
   * When another exercise calls this one's function, the grader gives it the library's function
   * of the same name instead of the student's (each exercise is graded on its own).
   */
  standIn: boolean;
  /** Calling any of these earns 0 for this exercise. */
  forbidden: Forbidden;
}

export interface Assignment {
  /** nbgrader's assignment name (the folder in submitted/<student>/<assignment>/). */
  name: string;
  /** File name of the source notebook in notebooks/ (and of the released one). */
  notebook: string;
  title: string;
  exercises: Exercise[];
}

const SECONDS = 1000;

type ExerciseSpec = Pick<Exercise, "id" | "fnName" | "number" | "points"> &
  Partial<Pick<Exercise, "kind" | "timeLimitMs" | "standIn">> & { forbidLib?: string[]; forbidKernels?: string[] };

/**
 * An assignment's exercises: each one's checks are grading/checks/<checksDir>/<id>; its time limit
 * is 20 s unless it trains for longer; it may never call the library's function of its own name.
 */
function exercises(checksDir: string, list: ExerciseSpec[]): Exercise[] {
  return list.map(({ forbidLib = [], forbidKernels = [], ...e }) => ({
    kind: "function",
    standIn: false,
    timeLimitMs: 20 * SECONDS,
    ...e,
    checks: `${checksDir}/${e.id}`,
    forbidden: { lib: e.kind === "value" ? forbidLib : [e.fnName, ...forbidLib], kernels: forbidKernels },
  }));
}

/** The library routines that run gradient descent or compute its gradients (lib/logreg, lib/fast). */
const DESCENT_ROUTINES = ["optimize", "gradientDescent", "gradientDescentFast", "fastGradientDescent", "model", "benchGradientDescent"];
const GRADIENT_ROUTINES = ["propagateCore", "propagateFast", "fastPropagate", "propagateLoop", ...DESCENT_ROUTINES];

export const ASSIGNMENTS: readonly Assignment[] = [
  {
    name: "tensor-basics",
    notebook: "17-assignment-tensor-basics.ipynb",
    title: "Tensor basics (Python Basics with Numpy, in tfjs)",
    exercises: exercises("17-tensor-basics", [
      { id: "test", fnName: "test", kind: "value", number: 1, points: 1 },
      { id: "basic_sigmoid", fnName: "basicSigmoid", number: 2, points: 1, forbidLib: ["sigmoid"], forbidKernels: ["Sigmoid"] },
      { id: "sigmoid", fnName: "sigmoid", number: 3, points: 1, standIn: true, forbidKernels: ["Sigmoid"] },
      { id: "sigmoid_derivative", fnName: "sigmoidDerivative", number: 4, points: 1 },
      { id: "image2vector", fnName: "image2vector", number: 5, points: 1 },
      { id: "normalize_rows", fnName: "normalizeRows", number: 6, points: 2 },
      { id: "softmax", fnName: "softmax", number: 7, points: 2, forbidKernels: ["Softmax"] },
      { id: "l1", fnName: "l1", number: 8, points: 1 },
      { id: "l2", fnName: "l2", number: 9, points: 1 },
    ]),
  },
  {
    name: "logistic-regression",
    notebook: "18-assignment-logistic-regression.ipynb",
    title: "Logistic regression with a neural-network mindset",
    exercises: exercises("18-logistic-regression", [
      { id: "dataset_sizes", fnName: "datasetSizes", number: 1, points: 1 },
      { id: "flatten_images", fnName: "flattenImages", number: 2, points: 1 },
      { id: "sigmoid", fnName: "sigmoid", number: 3, points: 1, standIn: true, forbidKernels: ["Sigmoid"] },
      { id: "initialize_with_zeros", fnName: "initializeWithZeros", number: 4, points: 1, standIn: true },
      { id: "propagate", fnName: "propagate", number: 5, points: 3, standIn: true, forbidLib: GRADIENT_ROUTINES },
      { id: "optimize", fnName: "optimize", number: 6, points: 2, standIn: true, timeLimitMs: 30 * SECONDS, forbidLib: DESCENT_ROUTINES },
      { id: "predict", fnName: "predict", number: 7, points: 2, standIn: true, forbidLib: ["model"] },
      { id: "model", fnName: "model", number: 8, points: 2, timeLimitMs: 40 * SECONDS },
    ]),
  },
];

/** Every library export some exercise may not call: the student runner guards exactly these. */
export function guardedLibrary(): string[] {
  return [...new Set(ASSIGNMENTS.flatMap((a) => a.exercises.flatMap((e) => e.forbidden.lib)))].sort();
}

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
