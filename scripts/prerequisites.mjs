// The two system packages the real-VS Code layers need, from Debian: Chromium (Playwright drives
// it; Playwright's own browser download cannot work on our machines) and the Kerberos headers
// that the VS Code server's native modules build against. Installed when missing and we may
// (root with apt-get, as in CI); otherwise we say exactly what to run.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.LWKD_CHROMIUM ?? '/usr/bin/chromium';
const missing = [];
if (!existsSync(chromium)) {
  missing.push('chromium');
}
if (spawnSync('dpkg', ['-s', 'libkrb5-dev'], { stdio: 'ignore' }).status !== 0 && existsSync('/usr/bin/dpkg')) {
  missing.push('libkrb5-dev');
}

if (missing.length > 0) {
  const command = `apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  const canInstall = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (!canInstall) {
    console.error(`The VS Code test layers need Debian packages that are missing: ${missing.join(', ')}.\nInstall them with: sudo ${command}`);
    process.exit(1);
  }
  console.log(`Installing ${missing.join(', ')} from Debian (needed by the VS Code test layers)...`);
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}
