/** Exercise 6: normalizeRows(x): each row of x divided by its Euclidean length. */
import { fixture, tensorCase, type Case, type Check } from "../support";

const cases = fixture<{ normalizeRows: Case[] }>("tensor_basics").normalizeRows;

export const checks: Check[] = cases.map((c) => tensorCase("normalizeRows", "x", c));
