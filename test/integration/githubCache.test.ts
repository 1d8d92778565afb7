import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
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
  const source = (file: string) => new GitHubItemSource(new ExtensionSettings(), { token: async () => undefined, onDidChange: changes.event }, logger, 'lwkd-test', vscode.Uri.file(file));
  const asideFiles = () => readdirSync(dir).filter((name) => name.startsWith('github-cache.json.corrupt-'));

  suiteSetup(async () => {
    github = await FakeGitHub.start();
    github.addPull('kubernetes/kubernetes', { number: 140001, title: 'Fresh from GitHub', author: 'octo', mergedAt: '2026-11-05T10:00:00Z' });
    await config().update('github.apiUrl', github.url, vscode.ConfigurationTarget.Global);
  });

  setup(() => {
    dir = mkdtempSync(join(tmpdir(), 'lwkd-cache-'));
    logger = new MemoryLogger();
  });

  teardown(() => {
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
      assert.deepEqual(readdirSync(dir).filter((name) => name === 'github-cache.json'), [], 'the corrupt file is no longer in the way');
      assert.equal(asideFiles().length, 1);
      assert.equal(readFileSync(join(dir, asideFiles()[0]!), 'utf8'), '{"version": 1, "entries": [{"key": "kubern', 'kept as it was');
      assert.ok(logger.lines.some((line) => /cache file set aside/.test(line)), logger.lines.join('\n'));
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
    writeFileSync(file, JSON.stringify({ version: 1, entries: [{ key: 'kubernetes/kubernetes#140001', fetchedAt: future, item: { kind: 'pull', owner: 'kubernetes', repo: 'kubernetes', number: 140001, title: 'Poisoned for ever', state: 'merged', mergedAt: '2026-11-05T10:00:00Z', labels: [] } }] }));
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
});
