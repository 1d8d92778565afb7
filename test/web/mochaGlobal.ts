/**
 * `mocha` for the web layer's bundle (esbuild.mjs aliases it here): the browser build that
 * test/web/setup.ts loads puts the Mocha class on the worker's global, and this hands it to code
 * written for `import Mocha from 'mocha'` (test/util/lineReporter.ts).
 */
import type MochaClass from 'mocha';

const { Mocha } = globalThis as unknown as { Mocha: typeof MochaClass };
export default Mocha;
