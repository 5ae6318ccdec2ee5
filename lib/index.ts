/**
 * The course library: everything the notebooks import with `import * as nn from "../lib"`.
 * Notebooks see the compiled build (lib/package.json points at dist/); `npm run build` makes it.
 */
export { tf, ready, backendName, backendInfo, BACKEND_ENV } from "./backend";
export type { BackendName } from "./backend";
export { display, isDisplayable } from "./display/mimebundle";
export type { MimeBundle, Displayable } from "./display/mimebundle";
