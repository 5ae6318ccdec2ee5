/** Exercise 8: l1(yhat, y) = Σ |y − ŷ|, a number. */
import { lossChecks } from "./losses";

export const checks = lossChecks("l1");
