/** Exercise 7: softmax(x): row-wise e^x / Σ_j e^x, for x of shape (m, n). */
import { fixture, tensorCase, type Case, type Check } from "../support";

const cases = fixture<{ softmax: Case[] }>("tensor_basics").softmax;

export const checks: Check[] = cases.map((c) => tensorCase("softmax", "x", c));
