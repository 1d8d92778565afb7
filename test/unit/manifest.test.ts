import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Commands, ContextKeys, DEFAULT_GITHUB_TIMEOUT_MS, EXTENSION_ID, Settings } from '../../src/constants';
import { LINT_DEFAULTS } from '../../src/core/lintDefaults';
import { projectRoot } from '../runner/paths';

// npm's own range logic, as npm applies it to engines (installed with the dev tools; not shipped).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const semver = require('semver') as { minVersion(range: string): { version: string } | null; satisfies(version: string, range: string): boolean };

interface Manifest {
  name: string;
  publisher: string;
  engines: { vscode: string; node: string };
  icon: string;
  categories: string[];
  bugs?: { url: string };
  homepage?: string;
  galleryBanner?: { color: string; theme: string };
  activationEvents: string[];
  devDependencies: Record<string, string>;
  contributes: {
    commands: Array<{ command: string; title: string; category?: string }>;
    menus: { commandPalette: Array<{ command: string; when: string }> };
    configuration: { properties: Record<string, { markdownDescription?: string; description?: string }> };
  };
}

const manifest = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as Manifest;
const nls = JSON.parse(readFileSync(join(projectRoot, 'package.nls.json'), 'utf8')) as Record<string, string>;

function placeholder(text: string | undefined): string | undefined {
  return /^%(.+)%$/.exec(text ?? '')?.[1];
}

suite('Manifest', () => {
  test('the extension id matches the manifest', () => {
    assert.equal(`${manifest.publisher}.${manifest.name}`, EXTENSION_ID);
  });

  test('the Marketplace listing has a 128×128 PNG icon, a banner, fitting categories and links', () => {
    const png = readFileSync(join(projectRoot, manifest.icon));
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128], 'IHDR width and height');
    assert.match(manifest.galleryBanner?.color ?? '', /^#[0-9A-Fa-f]{6}$/);
    assert.ok(manifest.categories.some((category) => category !== 'Other'));
    assert.match(manifest.bugs?.url ?? '', /^https:\/\/github\.com\/.+\/issues$/);
    assert.match(manifest.homepage ?? '', /^https:\/\//);
  });

  test('every installed package accepts the oldest Node that engines.node admits, so npm ci is quiet', () => {
    const lock = JSON.parse(readFileSync(join(projectRoot, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { engines?: { node?: string } | string[] }>;
    };
    const oldest = semver.minVersion(manifest.engines.node)?.version;
    assert.ok(oldest, manifest.engines.node);
    const refusing = Object.entries(lock.packages)
      .map(([path, entry]) => [path, Array.isArray(entry.engines) ? undefined : entry.engines?.node] as const)
      .filter(([, range]) => range !== undefined && !semver.satisfies(oldest, range))
      .map(([path, range]) => `${path} wants Node ${range}`);
    assert.deepEqual(refusing, [], `engines.node is ${manifest.engines.node}`);
  });

  test('the l10n bundle the manifest declares holds exactly the strings the code passes to vscode.l10n.t', () => {
    assert.equal((JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { l10n?: string }).l10n, './l10n');
    execFileSync(process.execPath, [join(projectRoot, 'scripts', 'l10n.mjs'), '--check'], { cwd: projectRoot, stdio: 'pipe' });
  });

  test("the GitHub timeout has one default: the manifest's is the one the client and the CLI use", () => {
    const properties = manifest.contributes.configuration.properties as Record<string, { default?: unknown }>;
    assert.equal(properties[`${Settings.section}.${Settings.githubTimeoutMs}`]?.default, DEFAULT_GITHUB_TIMEOUT_MS);
  });

  test("the style checks' numbers have one default: the manifest declares the core's", () => {
    const properties = manifest.contributes.configuration.properties as Record<string, { default?: unknown }>;
    assert.equal(properties['lwkd.lint.recentWeeks']?.default, LINT_DEFAULTS.recentWeeks);
    assert.equal(properties['lwkd.lint.otherMergesWordLimit']?.default, LINT_DEFAULTS.otherMergesWordLimit);
  });

  test('activation is lazy: never "*", never on start-up', () => {
    assert.ok(!manifest.activationEvents.includes('*'));
    assert.ok(!manifest.activationEvents.includes('onStartupFinished'));
    assert.ok(manifest.activationEvents.includes('workspaceContains:_posts/*.md'));
  });

  test('@types/vscode is no newer than the engine we claim', () => {
    const engine = /(\d+)\.(\d+)/.exec(manifest.engines.vscode)!;
    const types = /(\d+)\.(\d+)/.exec(manifest.devDependencies['@types/vscode'] ?? '')!;
    assert.ok(Number(types[1]) < Number(engine[1]) || (Number(types[1]) === Number(engine[1]) && Number(types[2]) <= Number(engine[2])));
  });

  test('every command is in the LWKD category, titled through package.nls.json, and typed in constants', () => {
    const ids = new Set<string>(Object.values(Commands));
    for (const command of manifest.contributes.commands) {
      assert.equal(command.category, 'LWKD', command.command);
      const key = placeholder(command.title);
      assert.ok(key && nls[key], `${command.command} has a localised title`);
      assert.ok(ids.has(command.command), `${command.command} is in constants`);
    }
    assert.equal(manifest.contributes.commands.length, ids.size);
  });

  test('the commands that act on the open edition are in the palette exactly while an edition is active', () => {
    const editionCommands = [
      Commands.stampPublicationTime,
      Commands.addMissingSections,
      Commands.preparePublication,
      Commands.insertMergedPRs,
      Commands.insertSubprojectReleases,
      Commands.checkLinks,
    ];
    const when = new Map(manifest.contributes.menus.commandPalette.map((entry) => [entry.command, entry.when]));
    for (const command of editionCommands) {
      assert.equal(when.get(command), ContextKeys.editionActive, command);
    }
    // The rest of the palette's commands make sense with no edition open, or are hidden.
    for (const [command, clause] of when) {
      assert.ok(editionCommands.includes(command as (typeof editionCommands)[number]) || clause === 'false', `${command}: ${clause}`);
    }
  });

  test('every setting is under lwkd.* with a localised description', () => {
    const properties = manifest.contributes.configuration.properties;
    assert.ok(properties[`${Settings.section}.${Settings.githubApiUrl}`]);
    for (const [key, property] of Object.entries(properties)) {
      assert.match(key, /^lwkd\.[a-z][a-zA-Z]*(\.[a-z][a-zA-Z]*)?$/);
      const nlsKey = placeholder(property.markdownDescription ?? property.description);
      assert.ok(nlsKey && nls[nlsKey], `${key} has a localised description`);
    }
  });

  test('every string in package.nls.json is used', () => {
    const text = readFileSync(join(projectRoot, 'package.json'), 'utf8');
    assert.deepEqual(
      Object.keys(nls).filter((key) => !text.includes(`%${key}%`)),
      [],
    );
  });
});
