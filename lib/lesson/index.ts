/** The lessons' verdicts: ✔ when a check holds, a CheckFailure naming expected and actual when not. */
export { expectClose, expectEqual, expectBelow, expectAbove, checkAnswer } from "./expect";
export { fasterOrSlower } from "./speed";
