import Mocha from 'mocha';

/**
 * Mocha reporter for every layer: one line per test through console (which the extension host
 * forwards to our runner, unlike process.stdout), and a closing `<layer>: N passed, N failed`
 * line that scripts/test.mjs adds up.
 */
export function createLineReporter(layer: string): new (runner: Mocha.Runner, options?: Mocha.MochaOptions) => Mocha.reporters.Base {
  return class LineReporter extends Mocha.reporters.Base {
    constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
      super(runner, options);
      let passed = 0;
      let failed = 0;
      let pending = 0;
      runner.on('suite', (suite) => {
        if (suite.title) {
          console.log(suite.title);
        }
      });
      runner.on('pass', (test) => {
        passed++;
        console.log(`  ✓ ${test.title} (${test.duration ?? 0} ms)`);
      });
      runner.on('pending', (test) => {
        pending++;
        console.log(`  - ${test.title} (pending)`);
      });
      runner.on('fail', (test, error: Error) => {
        failed++;
        console.error(`  ✗ ${test.fullTitle()}\n${indent(error.stack ?? error.message)}`);
      });
      runner.once('end', () => {
        console.log(`${layer}: ${passed} passed, ${failed} failed${pending ? `, ${pending} skipped` : ''}`);
      });
    }
  };
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `      ${line}`)
    .join('\n');
}
