/** Exercise 4: sigmoidDerivative(x), σ'(x) = σ(x)(1 − σ(x)), elementwise, any shape. */
import { fixture, tensorCase, type Case, type Check } from "../support";

const cases = fixture<{ sigmoidDerivative: Case[] }>("tensor_basics").sigmoidDerivative;

export const checks: Check[] = cases.map((c) => tensorCase("sigmoidDerivative", "x", c));
