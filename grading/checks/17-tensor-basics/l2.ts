/** Exercise 9: l2(yhat, y) = Σ (y − ŷ)², a number. */
import { lossChecks } from "./losses";

export const checks = lossChecks("l2");
