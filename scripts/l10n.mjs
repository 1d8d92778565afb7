// `npm run l10n`: writes l10n/bundle.l10n.json, the English strings the extension shows through
// vscode.l10n.t, which translators copy to bundle.l10n.<locale>.json. Every call passes its
// message as a single-quoted literal (a unit test checks the bundle is current), so reading the
// sources is enough; nothing is evaluated.
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');

export function l10nStrings(dir = join(root, 'src')) {
  const strings = new Set();
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) {
      continue;
    }
    const text = readFileSync(join(entry.parentPath, entry.name), 'utf8');
    // Single or double quotes: the formatter picks whichever needs fewer escapes.
    for (const match of text.matchAll(/\bl10n\.t\(\s*(?:'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)")/g)) {
      strings.add((match[1] ?? match[2]).replace(/\\(.)/g, '$1'));
    }
  }
  return Object.fromEntries([...strings].sort().map((message) => [message, message]));
}

if (process.argv[1] === import.meta.filename) {
  const bundle = join(root, 'l10n', 'bundle.l10n.json');
  const text = `${JSON.stringify(l10nStrings(), null, 2)}\n`;
  if (process.argv.includes('--check')) {
    // For the unit test: the committed bundle must be what the sources say.
    let committed = '';
    try {
      committed = readFileSync(bundle, 'utf8');
    } catch {
      // missing: reported below
    }
    if (committed !== text) {
      console.error('l10n/bundle.l10n.json is not current: run npm run l10n');
      process.exit(1);
    }
  } else {
    mkdirSync(join(root, 'l10n'), { recursive: true });
    writeFileSync(bundle, text);
  }
}
