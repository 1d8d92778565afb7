// `npm run test:electron`: the same integration suite under @vscode/test-cli and
// @vscode/test-electron, for machines that can download VS Code from Microsoft's update service
// (ours cannot; `npm test` runs the suite in the VS Code server instead).
import { defineConfig } from '@vscode/test-cli';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Tests may write to their workspace: give them a copy, never the fixture itself.
const workspace = join(mkdtempSync(join(tmpdir(), 'lwkd-electron-')), 'lwkd');
cpSync('test/fixtures/workspace', workspace, { recursive: true });

export default defineConfig({
  files: 'out/test/integration/**/*.test.js',
  version: '1.139.1',
  workspaceFolder: workspace,
  mocha: { ui: 'tdd', timeout: 30_000 },
});
