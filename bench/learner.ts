/**
 * The learner's path, as `npm run bench` times it: the functions of notebook 18's solution
 * (initializeWithZeros, propagate, optimize, predict, model, and the helpers they call), read from
 * the notebook itself, not copied, compiled with TypeScript and run as a notebook runs them: plain
 * tfjs ops on whatever backend and kernels are active. The notebook's own training call (cell
 * `model(trainSetX, …, { numIterations, learningRate })`) gives the iterations and learning rate.
 */
import * as path from "path";
import ts from "typescript";
import * as nn from "../lib/index"; // the sources (../lib alone resolves to the build in dist/)
import { cellSource, readNotebook } from "../grading/notebook";

export const LEARNER_NOTEBOOK = path.join(__dirname, "..", "notebooks", "18-assignment-logistic-regression.ipynb");

type Tensor2D = nn.tf.Tensor2D;
export interface LearnerFunctions {
  initializeWithZeros(dim: number): { w: Tensor2D; b: number };
  propagate(w: Tensor2D, b: number, X: Tensor2D, Y: Tensor2D): { grads: { dw: Tensor2D; db: number }; cost: number };
  optimize(
    w: Tensor2D,
    b: number,
    X: Tensor2D,
    Y: Tensor2D,
    options: { numIterations: number; learningRate: number; printCost?: boolean },
  ): { params: { w: Tensor2D; b: number }; grads: { dw: Tensor2D; db: number }; costs: number[] };
  predict(w: Tensor2D, b: number, X: Tensor2D): Tensor2D;
}

/** A code cell that only declares functions (the exercises and helpers like pythonFloat). */
function onlyFunctions(source: string): boolean {
  const file = ts.createSourceFile("cell.ts", source, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  return file.statements.length > 0 && file.statements.every((s) => ts.isFunctionDeclaration(s) || ts.isTypeAliasDeclaration(s) || ts.isInterfaceDeclaration(s));
}

/** The notebook's functions, compiled, with `nn` and `tf` bound as its first cell binds them. */
export function learnerFunctions(file = LEARNER_NOTEBOOK): LearnerFunctions & { cells: number[] } {
  const nb = readNotebook(file);
  const cells = nb.cells.flatMap((cell, index) => (cell.cell_type === "code" && onlyFunctions(cellSource(cell)) ? [index] : []));
  const source = cells.map((i) => cellSource(nb.cells[i])).join("\n\n");
  const names = ["initializeWithZeros", "propagate", "optimize", "predict"] as const;
  const js = ts.transpileModule(`${source}\n;return { ${names.join(", ")} };`, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.None },
    reportDiagnostics: false,
  }).outputText;
  for (const name of names) {
    if (!new RegExp(`function ${name}\\b`).test(source)) throw new Error(`${path.basename(file)}: no function ${name} in its solution cells`);
  }
  const functions = new Function("nn", "tf", js)(nn, nn.tf) as LearnerFunctions;
  return { ...functions, cells };
}

/** numIterations and learningRate of the notebook's training call (`model(trainSetX, …)`). */
export function learnerSettings(file = LEARNER_NOTEBOOK): { numIterations: number; learningRate: number } {
  const nb = readNotebook(file);
  const call = nb.cells.map(cellSource).find((s) => /=\s*model\(trainSetX\b/.test(s));
  const numIterations = Number(/numIterations:\s*([\d_]+)/.exec(call ?? "")?.[1]?.replace(/_/g, ""));
  const learningRate = Number(/learningRate:\s*([\d.e-]+)/.exec(call ?? "")?.[1]);
  if (!call || !Number.isInteger(numIterations) || !(learningRate > 0)) {
    throw new Error(`${path.basename(file)}: no training call model(trainSetX, …, { numIterations, learningRate }) found`);
  }
  return { numIterations, learningRate };
}
