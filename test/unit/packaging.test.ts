import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../runner/paths';

suite('Packaging', () => {
  test('the .vsix holds exactly what ships: manifest, docs, licence, the bundles and what the manifest contributes', function () {
    this.timeout(60_000);
    const vsce = join(projectRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
    const listed = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: projectRoot, encoding: 'utf8' })
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .sort();
    assert.deepEqual(listed, [
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      'dist/cli.js',
      'dist/extension.js',
      'dist/web/extension.js',
      'l10n/bundle.l10n.json',
      'media/icon.png',
      'media/lwkd.svg',
      'package.json',
      'package.nls.json',
      'snippets/lwkd.code-snippets',
      'syntaxes/lwkd.injection.tmLanguage.json',
    ]);
  });

  test('the browser entry loads nothing but vscode: the web worker host resolves no other module', () => {
    const manifest = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { browser?: string };
    assert.equal(manifest.browser, './dist/web/extension.js');
    const bundle = readFileSync(join(projectRoot, manifest.browser), 'utf8');
    const required = new Set([...bundle.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((match) => match[1]));
    assert.deepEqual([...required], ['vscode']);
    // Node's Buffer is not there in a web worker: nothing in the bundle may reach for it.
    assert.doesNotMatch(bundle, /\bBuffer\b/);
  });

  test("neither editor bundle carries js-yaml's types beyond the CORE schema the front matter is read with", () => {
    for (const bundle of ['dist/extension.js', 'dist/web/extension.js']) {
      const text = readFileSync(join(projectRoot, bundle), 'utf8');
      assert.match(text, /tag:yaml\.org,2002:int/, `${bundle} has the CORE schema`);
      assert.doesNotMatch(text, /tag:yaml\.org,2002:(timestamp|binary|omap|pairs|set)\b/, bundle);
    }
  });
});
