// The system packages the heavier test layers need, from Debian. For the VS Code layers (and
// `npm start`): Chromium (Playwright drives it; Playwright's own browser download cannot work on
// our machines) and the Kerberos headers that the VS Code server's native modules build against.
// For the render layer: Jekyll and kramdown's GFM parser, to build drafted lines as GitHub Pages
// does. Installed when missing and we may (root with apt-get, as in CI); otherwise we say exactly
// what to run. Arguments name the groups, `vscode` and `render`; none means `vscode`.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const groups = process.argv.length > 2 ? process.argv.slice(2) : ['vscode'];
const packages = [...(groups.includes('vscode') ? ['libkrb5-dev'] : []), ...(groups.includes('render') ? ['jekyll', 'ruby-kramdown-parser-gfm'] : [])];
const chromium = process.env.LWKD_CHROMIUM ?? '/usr/bin/chromium';
const missing = [];
if (groups.includes('vscode') && !existsSync(chromium)) {
  missing.push('chromium');
}
for (const name of packages) {
  if (existsSync('/usr/bin/dpkg') && spawnSync('dpkg', ['-s', name], { stdio: 'ignore' }).status !== 0) {
    missing.push(name);
  }
}

if (missing.length > 0) {
  const command = `apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  const canInstall = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (!canInstall) {
    console.error(`The ${groups.join(' and ')} test layers need Debian packages that are missing: ${missing.join(', ')}.\nInstall them with: sudo ${command}`);
    process.exit(1);
  }
  console.log(`Installing ${missing.join(', ')} from Debian (needed by the ${groups.join(' and ')} test layers)...`);
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}
