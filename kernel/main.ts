#!/usr/bin/env node
/**
 * The course kernel's entry point (kernels/nn-basics-ts/kernel.json):
 *   node --no-force-async-hooks-checks dist/kernel/main.js --config-path <connection_file>
 */
import { enableCompileCache } from "./shared/compileCache";
enableCompileCache();
import { CourseKernel } from "./kernel";

const args = process.argv.slice(2);
const flag = args.indexOf("--config-path");
const connectionFile = flag >= 0 ? args[flag + 1] : args[0];
if (!connectionFile) {
  console.error("usage: node dist/kernel/main.js --config-path <connection_file>");
  process.exit(2);
}
// Deep library stacks (tfjs) must not push the cell's own frames out of tracebacks.
Error.stackTraceLimit = 50;

new CourseKernel({ connectionFile }).start().catch((err: unknown) => {
  console.error(`nn-basics-ts kernel failed to start: ${err instanceof Error && err.stack ? err.stack : String(err)}`);
  process.exit(1);
});
