const dyn = new Function("s", "return import(s)");
dyn("h5wasm/node").then(m => m.ready.then(() => console.log("bare ok", typeof m.File))).catch(e => console.log("bare fail", e.code, e.message));
const path = require("path"), fs = require("fs"), url = require("url");
const dirs = require.resolve.paths("h5wasm");
const dir = dirs.map(d => path.join(d, "h5wasm")).find(d => fs.existsSync(path.join(d, "package.json")));
dyn(url.pathToFileURL(path.join(dir, "dist/node/hdf5_hl.js")).href).then(m => console.log("abs ok", typeof m.File)).catch(e => console.log("abs fail", e.message));
