import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../src/constants';
import type * as Extension from '../../src/extension';
import { GitHubItemSource } from '../../src/vscode/githubItems';
import { ExtensionSettings } from '../../src/vscode/settings';
import { FakeGitHub } from '../fakeGitHub/server';
import { MemoryLogger } from '../util/memoryLogger';

suite('The saved GitHub cache', () => {
  let github: FakeGitHub;
  let dir: string;
  let logger: MemoryLogger;
  const config = () => vscode.workspace.getConfiguration('lwkd');
  const changes = new vscode.EventEmitter<void>();
  const key = { owner: 'kubernetes', repo: 'kubernetes', number: 140001 };
  /** Every source a test made: its last save is awaited before the folder goes, or it would make the folder again. */
  let made: GitHubItemSource[] = [];
  const source = (file: string) =>
    remember(
      new GitHubItemSource(new ExtensionSettings(), { token: async () => undefined, onDidChange: changes.event }, logger, 'lwkd-test', vscode.Uri.file(file)),
    );
  const asideFiles = () => readdirSync(dir).filter((name) => name.startsWith('github-cache.json.corrupt-'));

  const remember = (items: GitHubItemSource): GitHubItemSource => {
    made.push(items);
    return items;
  };

  suiteSetup(async () => {
    github = await FakeGitHub.start();
    github.addPull('kubernetes/kubernetes', { number: 140001, title: 'Fresh from GitHub', author: 'octo', mergedAt: '2026-11-05T10:00:00Z' });
    await config().update('github.apiUrl', github.url, vscode.ConfigurationTarget.Global);
  });

  setup(() => {
    dir = mkdtempSync(join(tmpdir(), 'lwkd-cache-'));
    logger = new MemoryLogger();
  });

  teardown(async () => {
    await Promise.all(
      made.map((items) => {
        items.dispose();
        return items.flush();
      }),
    );
    made = [];
    rmSync(dir, { recursive: true, force: true });
  });

  suiteTeardown(async () => {
    await config().update('github.apiUrl', undefined, vscode.ConfigurationTarget.Global);
    await github.close();
  });

  test('a corrupt cache file is set aside with a log line, and lookups carry on', async () => {
    const file = join(dir, 'github-cache.json');
    writeFileSync(file, '{"version": 1, "entries": [{"key": "kubern');
    const items = source(file);
    try {
      await items.ready();
      assert.deepEqual(
        readdirSync(dir).filter((name) => name === 'github-cache.json'),
        [],
        'the corrupt file is no longer in the way',
      );
      assert.equal(asideFiles().length, 1);
      assert.equal(readFileSync(join(dir, asideFiles()[0]!), 'utf8'), '{"version": 1, "entries": [{"key": "kubern', 'kept as it was');
      assert.ok(
        logger.lines.some((line) => /cache file set aside/.test(line)),
        logger.lines.join('\n'),
      );
      assert.equal((await items.lookup(key, 'pull')).item?.title, 'Fresh from GitHub');
    } finally {
      items.dispose();
    }
  });

  test('a cache file of another shape, or one that cannot be read as a file, is set aside too', async () => {
    const file = join(dir, 'github-cache.json');
    writeFileSync(file, '[1, 2, 3]');
    const items = source(file);
    await items.ready();
    items.dispose();
    assert.equal(asideFiles().length, 1);
    rmSync(join(dir, asideFiles()[0]!));
    mkdirSync(file);
    const again = source(file);
    try {
      await again.ready();
      assert.equal(asideFiles().length, 1, 'a directory in its place is moved aside');
      assert.equal((await again.lookup(key, 'pull')).item?.title, 'Fresh from GitHub');
    } finally {
      again.dispose();
    }
  });

  test('entries dated in the future are not restored: GitHub is asked', async () => {
    const file = join(dir, 'github-cache.json');
    const future = Date.now() + 365 * 24 * 3600_000;
    writeFileSync(
      file,
      JSON.stringify({
        version: 1,
        entries: [
          {
            key: 'kubernetes/kubernetes#140001',
            fetchedAt: future,
            item: {
              kind: 'pull',
              owner: 'kubernetes',
              repo: 'kubernetes',
              number: 140001,
              title: 'Poisoned for ever',
              state: 'merged',
              mergedAt: '2026-11-05T10:00:00Z',
              labels: [],
            },
          },
        ],
      }),
    );
    const items = source(file);
    try {
      await items.ready();
      assert.equal(items.describe(key).item, undefined);
      assert.equal((await items.lookup(key, 'pull')).item?.title, 'Fresh from GitHub');
      assert.deepEqual(asideFiles(), [], 'a valid file stays where it is');
    } finally {
      items.dispose();
    }
  });

  test('a save pending when the source is disposed is written, and flush() after dispose waits for it', async () => {
    const file = join(dir, 'github-cache.json');
    const items = source(file);
    assert.equal((await items.lookup(key, 'pull')).item?.title, 'Fresh from GitHub');
    // The fetch scheduled a save 2 s away; disposing starts it now instead of dropping it.
    items.dispose();
    await items.flush();
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { entries: Array<{ key: string; item?: { title?: string } }> };
    assert.equal(saved.entries.find((entry) => entry.key === 'kubernetes/kubernetes#140001')?.item?.title, 'Fresh from GitHub');
  });

  test('deactivate() settles once the cache is saved, so what was fetched just before shutdown is kept', async () => {
    github.addPull('kubernetes/kubernetes', { number: 149001, title: 'Fetched just before shutdown', author: 'octo', mergedAt: '2026-11-05T10:00:00Z' });
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    await extension.activate();
    // The module the host loaded and whose deactivate() it calls on shutdown, before disposing
    // the subscriptions; it only saves, so the extension carries on for the tests after this one.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const main = require(join(extension.extensionPath, 'dist', 'extension.js')) as typeof Extension;
    const userData = process.env.LWKD_TEST_USER_DATA_DIR;
    assert.ok(userData, 'the runner says where the user data directory is');
    const cacheFile = join(userData, 'User', 'globalStorage', EXTENSION_ID, 'github-cache.json');
    const document = await vscode.workspace.openTextDocument({
      language: 'markdown',
      content: 'See https://github.com/kubernetes/kubernetes/pull/149001 today.\n',
    });
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(0, 30));
    const shown = hovers
      .flatMap((hover) => hover.contents)
      .map((content) => (content instanceof vscode.MarkdownString ? content.value : typeof content === 'string' ? content : content.value));
    assert.ok(
      shown.some((text) => text.includes('Fetched just before shutdown')),
      `the extension fetched the PR:\n${shown.join('\n')}`,
    );
    // The cache is saved 2 s after a change; shutting down within them must not lose the change.
    await main.deactivate();
    assert.ok(existsSync(cacheFile), `${cacheFile} is written`);
    const saved = JSON.parse(readFileSync(cacheFile, 'utf8')) as { entries: Array<{ key: string; item?: { title?: string } }> };
    assert.equal(saved.entries.find((entry) => entry.key === 'kubernetes/kubernetes#149001')?.item?.title, 'Fetched just before shutdown');
  });
});
