/**
 * Reading HDF5 files (the course ships its datasets as .h5) with h5wasm, the HDF5 C library
 * compiled to WebAssembly: pure npm, no native build.
 *
 * Every failure becomes one clear error that names the calling function, the file and what is
 * wrong with it, instead of HDF5's multi-line diagnostic stack on stderr.
 */
import * as fs from "fs";
// The module object itself (not an import-star copy), so captureStderr can swap its writeSync.
import nodeFs = require("fs");
import type * as H5 from "h5wasm";

type H5wasm = typeof H5;

/** HDF5 type classes, as h5wasm reports them in `metadata.type`. */
const H5T_INTEGER = 0;
const H5T_FLOAT = 1;
const H5T_STRING = 3;

/** One dataset read into memory. */
export interface H5Array {
  name: string;
  shape: number[];
  /** numpy-style name of the element type: "uint8", "int64", "float32", "string" ... */
  dtype: string;
  value: H5.OutputData;
}

let h5wasmPromise: Promise<H5wasm> | undefined;

/**
 * h5wasm is an ES module only (its package "exports" have just an "import" condition) while this
 * library compiles to CommonJS, where TypeScript rewrites `import()` into `require()`. An import()
 * built with Function stays a real dynamic import in both the compiled build and tsx.
 */
export function loadH5wasm(): Promise<H5wasm> {
  h5wasmPromise ??= (async () => {
    const dynamicImport = new Function("specifier", "return import(specifier)") as (
      specifier: string,
    ) => Promise<H5wasm>;
    const h5 = await dynamicImport("h5wasm/node");
    await h5.ready;
    return h5;
  })();
  return h5wasmPromise;
}

/** numpy's name for an HDF5 element type (for messages and checks). */
function dtypeName(meta: H5.Metadata): string {
  switch (meta.type) {
    case H5T_INTEGER:
      return `${meta.signed ? "int" : "uint"}${meta.size * 8}`;
    case H5T_FLOAT:
      return `float${meta.size * 8}`;
    case H5T_STRING:
      return "string";
    default:
      return `HDF5 type class ${meta.type}`;
  }
}

/** The 8-byte HDF5 format signature; it sits at offset 0, 512, 1024, 2048 ... (after a user block). */
const HDF5_SIGNATURE = Buffer.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]);

function hasHdf5Signature(path: string, size: number): boolean {
  const fd = fs.openSync(path, "r");
  try {
    const head = Buffer.alloc(8);
    for (let offset = 0; offset + 8 <= size; offset = offset === 0 ? 512 : offset * 2) {
      fs.readSync(fd, head, 0, 8, offset);
      if (head.equals(HDF5_SIGNATURE)) return true;
    }
    return false;
  } finally {
    fs.closeSync(fd);
  }
}

/** The first bytes of a file, printable, so a message can show what the file really is. */
function describeStart(path: string): string {
  const fd = fs.openSync(path, "r");
  try {
    const head = Buffer.alloc(24);
    const n = fs.readSync(fd, head, 0, head.length, 0);
    if (n === 0) return "it is empty";
    const bytes = head.subarray(0, n);
    const printable = bytes.every((b) => b === 9 || b === 10 || b === 13 || (b >= 32 && b < 127));
    return printable
      ? `it starts with the text ${JSON.stringify(bytes.toString("latin1"))}`
      : `it starts with the bytes ${bytes.subarray(0, 8).toString("hex")}`;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Runs `run` while collecting what HDF5 prints to stderr (its error stack), so a failure can be
 * reported in one sentence. h5wasm's file system (NODERAWFS) writes that stack with
 * `fs.writeSync(2, ...)` on Node's shared fs module, hence the patch there; h5wasm calls are
 * synchronous, so nothing else writes in between.
 */
function captureStderr<T>(run: () => T): { result?: T; error?: unknown; stderr: string } {
  const chunks: string[] = [];
  const originalWriteSync = nodeFs.writeSync;
  const patched = ((fd: number, data: string | NodeJS.ArrayBufferView, ...rest: unknown[]) => {
    if (fd !== 2) return (originalWriteSync as (...args: unknown[]) => number)(fd, data, ...rest);
    if (typeof data === "string") {
      chunks.push(data);
      return Buffer.byteLength(data);
    }
    // (fd, buffer, offset?, length?, position?)
    const offset = typeof rest[0] === "number" ? rest[0] : 0;
    const length = typeof rest[1] === "number" ? rest[1] : data.byteLength - offset;
    chunks.push(Buffer.from(data.buffer, data.byteOffset + offset, length).toString("utf8"));
    return length;
  }) as typeof nodeFs.writeSync;
  nodeFs.writeSync = patched;
  try {
    return { result: run(), stderr: chunks.join("") };
  } catch (error) {
    return { error, stderr: chunks.join("") };
  } finally {
    nodeFs.writeSync = originalWriteSync;
  }
}

/** The innermost cause in an HDF5 error stack: "#006: ...c line 388 in H5F__super_read(): file signature not found". */
function hdf5Reason(stderr: string): string | undefined {
  const firstStack = stderr.split(/HDF5-DIAG: Error detected/)[1] ?? "";
  const causes = [...firstStack.matchAll(/#\d+: .* in \w+\(\): (.*)/g)].map((m) => m[1].trim());
  return causes.at(-1);
}

/**
 * Reads the named datasets of one HDF5 file. Throws, naming `caller` and the file, when the file is
 * missing, is not HDF5, cannot be opened (truncated, corrupt) or lacks one of the datasets.
 * `howToFix` ends the messages about damaged files.
 */
export async function readH5Datasets(
  path: string,
  names: readonly string[],
  caller: string,
  howToFix: string,
): Promise<Map<string, H5Array>> {
  let size: number;
  try {
    const stat = fs.statSync(path);
    if (!stat.isFile()) throw new Error(`${caller}: ${path} is not a file`);
    size = stat.size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") throw new Error(`${caller}: ${path} does not exist`);
    throw err;
  }
  if (!hasHdf5Signature(path, size)) {
    throw new Error(`${caller}: ${path} is not an HDF5 file (${describeStart(path)}). ${howToFix}`);
  }

  const h5 = await loadH5wasm();
  const opened = captureStderr(() => new h5.File(path, "r"));
  const file = opened.result;
  if (!file || opened.error !== undefined || file.file_id < 0n) {
    const reason = hdf5Reason(opened.stderr) ?? (opened.error as Error | undefined)?.message ?? "unknown error";
    throw new Error(
      `${caller}: ${path} is an HDF5 file that cannot be opened (HDF5 says: ${reason}); ` +
        `it is probably truncated or damaged. ${howToFix}`,
    );
  }
  try {
    const present = file.keys();
    const missing = names.filter((name) => !present.includes(name));
    if (missing.length > 0) {
      throw new Error(
        `${caller}: ${path} has no dataset ${missing.map((n) => `"${n}"`).join(", ")} ` +
          `(it holds: ${present.length ? present.map((n) => `"${n}"`).join(", ") : "nothing"}); ` +
          `it is not the expected file. ${howToFix}`,
      );
    }
    const arrays = new Map<string, H5Array>();
    for (const name of names) {
      const read = captureStderr(() => {
        const entity = file.get(name);
        if (!(entity instanceof h5.Dataset)) return undefined;
        return { meta: entity.metadata, value: entity.value };
      });
      if (read.error !== undefined || !read.result || read.result.value === null) {
        const reason = hdf5Reason(read.stderr) ?? (read.error as Error | undefined)?.message;
        throw new Error(
          `${caller}: cannot read "${name}" from ${path}` +
            (read.result === undefined && read.error === undefined ? " (it is a group, not a dataset)" : "") +
            (reason ? ` (HDF5 says: ${reason})` : "") +
            `. ${howToFix}`,
        );
      }
      const { meta, value } = read.result;
      arrays.set(name, { name, shape: meta.shape ?? [], dtype: dtypeName(meta), value });
    }
    return arrays;
  } finally {
    captureStderr(() => file.close());
  }
}
