#!/usr/bin/env node
// @ts-check
/**
 * The course kernel's entry point (kernels/nn-basics-ts/kernel.json):
 *   node kernel/main.js --config-path <connection_file>
 * Plain JavaScript, so it starts without a TypeScript loader; kernel/tsconfig.json type-checks it.
 */
"use strict";
const args = process.argv.slice(2);
const flag = args.indexOf("--config-path");
const connectionFile = flag >= 0 ? args[flag + 1] : args[0];
if (!connectionFile) {
  console.error("usage: node kernel/main.js --config-path <connection_file>");
  process.exit(2);
}
// Deep library stacks (tfjs) must not push the cell's own frames out of tracebacks.
Error.stackTraceLimit = 50;

const { CourseKernel } = require("./kernel");
new CourseKernel({ connectionFile }).start().catch((err) => {
  console.error(`nn-basics-ts kernel failed to start: ${err && err.stack ? err.stack : err}`);
  process.exit(1);
});
