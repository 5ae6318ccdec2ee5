/**
 * Reports a grade through mocha's own reporters: the results (already computed by the workers) are
 * replayed as a mocha suite — one `describe` per exercise, one `it` per check, each failing with
 * the check's message — so "spec" prints the familiar human report and "xunit" (JUnit XML) or
 * "json" feed CI.
 */
import Mocha from "mocha";
import * as path from "path";
import type { GradeResult } from "./grade";

/** Reporter names a user may give; "junit" is mocha's xunit reporter. */
export function mochaReporterName(name: string): string {
  return name === "junit" ? "xunit" : name;
}

/** Reporters that can write to a file (mocha's reporterOptions.output). */
export const FILE_REPORTERS = new Set(["xunit", "json"]);

export function exerciseTitle(e: GradeResult["exercises"][number]): string {
  const unit = e.maxPoints === 1 ? "point" : "points";
  return `${e.fnName} [${e.id}] — ${e.points}/${e.maxPoints} ${unit}`;
}

/**
 * Runs the replay with one reporter. `output` writes the report to that file (xunit, json);
 * without it the reporter writes to stdout.
 */
export function report(result: GradeResult, reporter: string, output?: string): Promise<void> {
  const name = mochaReporterName(reporter);
  const reporterOptions: Record<string, string> = { suiteName: `grade ${path.basename(result.notebook)}` };
  if (output) reporterOptions.output = output;
  const mocha = new Mocha({ reporter: name, reporterOptions, slow: 60000, timeout: 0 });
  const durations = new Map<Mocha.Test, number>();
  for (const exercise of result.exercises) {
    const suite = Mocha.Suite.create(mocha.suite, exerciseTitle(exercise));
    for (const check of exercise.checks) {
      const test = new Mocha.Test(check.title, () => {
        if (check.passed) return;
        const error = new Error(check.message ?? "failed");
        error.name = "CheckFailure";
        // The replay's own stack means nothing to a student; say where the check belongs instead.
        error.stack = `    in the grader's checks of ${exercise.fnName} (grade_id ${exercise.id})`;
        throw error;
      });
      test.file = result.notebook; // reporters that name a file (xunit) name the graded notebook
      durations.set(test, check.durationMs);
      suite.addTest(test);
    }
  }
  return new Promise((resolve) => {
    const runner = mocha.run(() => resolve());
    // The replay takes no time; the reporters that record durations (xunit, json) read them at the
    // end, so put the real ones back as each test finishes.
    runner.on(Mocha.Runner.constants.EVENT_TEST_END, (test: Mocha.Test) => {
      const ms = durations.get(test);
      if (ms !== undefined) test.duration = ms;
    });
  });
}

/** The total under mocha's spec output. */
export function totalLine(result: GradeResult): string {
  const passed = result.exercises.filter((e) => e.passed).length;
  return `  Score: ${result.score}/${result.maxScore} points — ${passed} of ${result.exercises.length} exercises passed (${path.basename(result.notebook)}, ${(result.durationMs / 1000).toFixed(1)} s)`;
}
