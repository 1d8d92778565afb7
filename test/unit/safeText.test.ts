import * as assert from 'node:assert/strict';
import { literalIcons } from '../../src/core/safeText';

suite('Icons in pickers stay text', () => {
  test('a $(name) from GitHub is escaped, so VS Code shows it as written', () => {
    assert.equal(literalIcons('Fix $(alert) in logs'), 'Fix \\$(alert) in logs');
    assert.equal(literalIcons('$(sync~spin) and $(git-pull-request)'), '\\$(sync~spin) and \\$(git-pull-request)');
  });

  test('what VS Code would not turn into an icon is left as it is', () => {
    for (const text of ['costs $(5)', '$( alert)', '$(a b)', 'echo $HOME', '(plain)', '$(', 'already \\$(alert)']) {
      const expected = text === 'costs $(5)' ? 'costs \\$(5)' : text;
      assert.equal(literalIcons(text), expected, text);
    }
  });
});
