#!/usr/bin/env node
// The course kernel: tslab from this project's own node_modules (no global install).
"use strict";
const path = require("path");

const args = process.argv.slice(2);
const i = args.indexOf("--config-path");
const configPath = i >= 0 ? args[i + 1] : args[0];
if (!configPath) {
  console.error("usage: kernel/main.js --config-path <connection_file>");
  process.exit(2);
}
const { startKernel } = require(path.join(__dirname, "..", "node_modules", "tslab", "dist", "main.js"));
startKernel({ configPath, enableFindLocal: false, jsKernel: false });
