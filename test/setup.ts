/** Mocha root hooks: one backend for the whole run, initialized before the first test. */
import { ready, backendName } from "../lib/backend";

export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    this.timeout(60000);
    await ready();
    if (!process.env.MOCHA_QUIET) console.log(`  (tfjs backend: ${backendName()})`);
  },
};
