import { cpSync, mkdtempSync, rmSync, readFileSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FakeGitHub } from '../test/fakeGitHub/server';
import { projectRoot } from '../test/runner/paths';
import { startServer } from '../test/runner/vscodeServer';

/**
 * `npm start [-- <folder>] [--offline] [--port N]`: a real VS Code in the browser with LWKD Author
 * installed, on a throw-away copy of the sample workspace or on the writer's own LWKD clone.
 * `--offline` answers GitHub requests from the sample's own data (scripts/sample-github.json)
 * on 127.0.0.1 instead of api.github.com.
 */
async function main(argv: string[]): Promise<void> {
  let folder: string | undefined;
  let offline = false;
  let port: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--offline') {
      offline = true;
    } else if (arg === '--port') {
      port = Number(argv[++i]);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new Error('--port needs a port number');
      }
    } else if (arg.startsWith('--')) {
      throw new Error(`unknown option ${arg} (try: npm start -- [<folder>] [--offline] [--port N])`);
    } else {
      folder = resolve(arg);
    }
  }

  let cleanup = (): void => undefined;
  if (folder === undefined) {
    const parent = mkdtempSync(join(tmpdir(), 'lwkd-sample-'));
    folder = join(parent, 'lwkd-sample');
    cpSync(join(projectRoot, 'sample-workspace'), folder, { recursive: true });
    cleanup = () => rmSync(parent, { recursive: true, force: true });
  } else if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new Error(`${folder} is not a folder`);
  }

  let github: FakeGitHub | undefined;
  const userSettings: Record<string, unknown> = {};
  if (offline) {
    github = await FakeGitHub.start();
    github.seed(JSON.parse(readFileSync(join(projectRoot, 'scripts', 'sample-github.json'), 'utf8')) as Parameters<FakeGitHub['seed']>[0]);
    userSettings['lwkd.github.apiUrl'] = github.url;
  }
  const server = await startServer({ extension: 'installed', userSettings, ...(port !== undefined ? { port } : {}) });
  const stop = (): void => {
    server.stop();
    void github?.close();
    cleanup();
  };
  process.once('SIGINT', () => {
    stop();
    process.exit(0);
  });
  process.once('SIGTERM', () => {
    stop();
    process.exit(0);
  });
  console.log(`LWKD Author is running in VS Code: ${server.url}/?folder=${encodeURIComponent(folder)}`);
  if (github) {
    console.log(`GitHub answers offline from scripts/sample-github.json at ${github.url}`);
  }
  console.log('Press Ctrl+C to stop.');
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`npm start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
