import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { createRegistry } from 'vscode-tmgrammar-test/dist/common/index';
import type { IGrammarConfig } from 'vscode-tmgrammar-test/dist/common/model';
import { parseGrammarTestCase, runGrammarTestCase } from 'vscode-tmgrammar-test/dist/unit/index';
import type { GrammarTestCase, ScopeAssertion, TestFailure } from 'vscode-tmgrammar-test/dist/unit/model';
import { exitWith } from '../test/runner/exit';
import { projectRoot } from '../test/runner/paths';
import { ensureServer } from '../test/runner/vscodeServer';

/**
 * The grammar layer: vscode-tmgrammar-test's assertion files in test/grammar/ against the
 * grammars a writer's VS Code has, the version the other layers run. Every grammar the server's
 * built-in extensions contribute is loaded (Markdown, the HTML and YAML it embeds, Markdown
 * Math's own injections), and ours through package.json's contribution, so a wrong path or
 * injectTo there fails here too. Each assertion counts as one test.
 */

const fixturesDir = join(projectRoot, 'test', 'grammar');

interface Manifest {
  readonly contributes?: { readonly grammars?: readonly IGrammarConfig[] };
}

function contributedGrammars(extensionDir: string): IGrammarConfig[] {
  const manifest = join(extensionDir, 'package.json');
  if (!existsSync(manifest)) {
    return [];
  }
  const { contributes } = JSON.parse(readFileSync(manifest, 'utf8')) as Manifest;
  return (contributes?.grammars ?? []).map((grammar) => ({ ...grammar, path: join(extensionDir, grammar.path) }));
}

function builtInGrammars(): IGrammarConfig[] {
  const { serverMain } = ensureServer();
  const extensionsDir = join(dirname(dirname(serverMain)), 'extensions');
  return readdirSync(extensionsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => contributedGrammars(join(extensionsDir, entry.name)));
}

/**
 * Whether a scope is one the JSON grammars can produce, so that an assertion naming no such scope
 * is caught. Names made from captures (`meta.tag.inline.$2.start.html`) match any word there.
 * (The one plist grammar built in, JavaScript's regular expressions, is no concern here.)
 */
function scopeChecker(grammars: readonly IGrammarConfig[]): (scope: string) => boolean {
  const names = new Set<string>();
  const templates: RegExp[] = [];
  const add = (name: string): void => {
    if (name.includes('$')) {
      const parts = name.split(/\$(?:\d+|\{[^}]*\})/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      templates.push(new RegExp(`^${parts.join('[\\w-]+')}$`));
    } else {
      names.add(name);
    }
  };
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(walk);
    } else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if ((key === 'name' || key === 'contentName' || key === 'scopeName') && typeof value === 'string') {
          value.split(/\s+/).forEach(add);
        } else {
          walk(value);
        }
      }
    }
  };
  for (const grammar of grammars.filter(({ path }) => path.endsWith('.json'))) {
    walk(JSON.parse(readFileSync(grammar.path, 'utf8')));
  }
  return (scope) => names.has(scope) || templates.some((template) => template.test(scope));
}

function assertionText(assertion: ScopeAssertion): string {
  return [assertion.scopes.join(' '), ...assertion.exclude.map((scope) => `- ${scope}`)].join(' ').trim();
}

function explain(testCase: GrammarTestCase, failure: TestFailure): string {
  const text = testCase.source[failure.srcLine]!.slice(failure.start, failure.end);
  return [
    `"${text}" at column ${failure.start + 1}`,
    ...(failure.missing.length ? [`missing: ${failure.missing.join(' ')}`] : []),
    ...(failure.unexpected.length ? [`must not have: ${failure.unexpected.join(' ')}`] : []),
    `scopes: ${failure.actual.join(' ') || '(no token)'}`,
  ]
    .map((line) => `      ${line}`)
    .join('\n');
}

async function main(): Promise<number> {
  const ours = contributedGrammars(projectRoot);
  const grammars = [...builtInGrammars(), ...ours];
  const known = scopeChecker(grammars);
  const registry = createRegistry(grammars);
  const files = readdirSync(fixturesDir)
    .filter((name) => name.endsWith('.md'))
    .sort();
  let passed = 0;
  let failed = 0;
  const fail = (message: string): void => {
    failed++;
    console.error(`  ✗ ${message}`);
  };
  if (ours.length === 0) {
    fail('package.json contributes no grammar');
  }
  if (files.length === 0) {
    fail(`no assertion files in ${relative(projectRoot, fixturesDir)}`);
  }
  for (const name of files) {
    const file = relative(projectRoot, join(fixturesDir, name));
    let testCase: GrammarTestCase;
    try {
      testCase = parseGrammarTestCase(readFileSync(join(fixturesDir, name), 'utf8'));
    } catch (error) {
      fail(`${file}: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    const before = { passed, failed };
    if (testCase.assertions.length === 0) {
      fail(`${file} asserts nothing`);
    }
    // A clean file takes one pass; a failing one is run again an assertion at a time, so each
    // failure is counted and reported on its own.
    const clean = (await runGrammarTestCase(registry, testCase)).length === 0;
    for (const line of testCase.assertions) {
      for (const assertion of line.scopeAssertions) {
        const where = `${file}:${line.testCaseLineNumber + 1}:${assertion.from + 1}`;
        const unknown = [...assertion.scopes, ...assertion.exclude].filter((scope) => !known(scope));
        if (unknown.length) {
          // A misspelt scope after `-` would pass whatever the grammar does.
          fail(`${where} ${assertionText(assertion)}\n      no grammar has the scope ${unknown.join(', ')}`);
          continue;
        }
        const failures = clean ? [] : await runGrammarTestCase(registry, { ...testCase, assertions: [{ ...line, scopeAssertions: [assertion] }] });
        if (failures.length === 0) {
          passed++;
        } else {
          fail(`${where} ${assertionText(assertion)}\n${failures.map((failure) => explain(testCase, failure)).join('\n')}`);
        }
      }
    }
    const mark = failed === before.failed ? '✓' : '✗';
    console.log(
      `  ${mark} ${file}: ${testCase.metadata.description || testCase.metadata.scope} (${passed - before.passed} passed, ${failed - before.failed} failed)`,
    );
  }
  console.log(`grammar: ${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

// VS Code's built-in grammars embed languages it does not ship (Scala, ABAP, GraphQL and more);
// VS Code leaves those code blocks plain without a word, and the registry should too rather than
// warn once per language on every run.
const warn = console.warn;
console.warn = (...args: unknown[]): void => {
  if (!(typeof args[0] === 'string' && args[0].startsWith('grammar not found for '))) {
    warn(...args);
  }
};

exitWith(main);
