// @ts-check
/** The TypeScript compiler tslab really uses (@tslab/typescript-for-tslab), resolved through tslab. */
"use strict";
const Module = require("module");
const path = require("path");

const fromTslab = Module.createRequire(require.resolve("tslab/package.json"));

/** @type {typeof import("@tslab/typescript-for-tslab")} */
const ts = fromTslab("@tslab/typescript-for-tslab");

/** Folders of tslab and its compiler: kernel machinery, hidden from tracebacks. */
const tslabDirs = [
  path.dirname(require.resolve("tslab/package.json")),
  path.dirname(fromTslab.resolve("@tslab/typescript-for-tslab/package.json")),
];

module.exports = { ts, fromTslab, tslabDirs };
