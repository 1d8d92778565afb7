// Mocha's browser build, not its Node entry: the worker has no `process` and no `require` but
// vscode's. Its path, not `mocha/…`, since `mocha` itself is aliased to test/web/mochaGlobal.ts.
import '../../node_modules/mocha/mocha.js';
import { createLineReporter } from '../util/lineReporter';

// Before any test file is evaluated (index.ts imports this first): `suite` and `test` are the
// globals this defines.
mocha.setup({ ui: 'tdd', reporter: createLineReporter('web'), timeout: 30_000, color: false });
