/** Exercise 3: sigmoid(z), σ(z) = 1 / (1 + e^(−z)), elementwise, any shape. */
import { fixture, tensorCase, type Case, type Check } from "../support";

const cases = fixture<{ sigmoid: Case[] }>("tensor_basics").sigmoid;

export const checks: Check[] = cases.map((c) => tensorCase("sigmoid", "z", c));
