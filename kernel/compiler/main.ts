/**
 * A compiler process started plainly (no snapshot to start from): builds its session, then serves.
 *   node dist/kernel/compiler/main.js '<CompilerOptionsData as JSON>'
 */
import { enableCompileCache } from "../shared/compileCache";
enableCompileCache();
import type { CompilerOptionsData } from "../shared/messages";
import { createSession, serve } from "./service";

// A signal for the kernel's process group (a terminal's Ctrl-C) is not for the compiler.
process.on("SIGINT", () => {});
const started = performance.now();
serve(createSession(JSON.parse(process.argv[2]) as CompilerOptionsData), Math.round(performance.now() - started));
