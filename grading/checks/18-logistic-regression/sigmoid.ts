/** Exercise 3: sigmoid(z), elementwise, any shape (the helper of propagate and predict). */
import { fixture, tensorCase, type Check } from "../support";
import type { LogregFixtures } from "./common";

export const checks: Check[] = fixture<LogregFixtures>("logreg").sigmoid.map((c) => tensorCase("sigmoid", "z", c));
