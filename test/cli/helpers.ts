/**
 * Helpers for CLI tests: they run the BUILT bundle (`server/out/cli.js`) as a child process, the
 * way users and CI run it, on temporary workspaces under the OS temp folder.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { ensureBuilt as ensureBundle, REPO, TORCH_LOAD } from '../support/bundles';

export { REPO, TORCH_LOAD };
export const CLI = path.join(REPO, 'server', 'out', 'cli.js');
/** Makes the child believe its stdout/stderr are terminals (progress line, colours). */
export const FAKE_TTY = path.join(__dirname, 'fixtures', 'fake-tty.cjs');

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Builds the bundles when the CLI bundle is missing or stale. */
export function ensureBuilt(): void {
  ensureBundle(CLI);
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Pretend stdout and stderr are terminals. */
  tty?: boolean;
}

export function runCli(args: string[], options: RunOptions = {}): RunResult {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  if (!options.env || !('NO_COLOR' in options.env)) delete env.NO_COLOR;
  const nodeArgs = options.tty ? ['--require', FAKE_TTY, CLI] : [CLI];
  const result = spawnSync(process.execPath, [...nodeArgs, ...args], {
    cwd: options.cwd ?? os.tmpdir(),
    encoding: 'utf8',
    env,
    timeout: 60_000,
  });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh workspace with the given files (paths with forward slashes). */
export function makeWorkspace(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'aip-cli-'));
  for (const [relative, text] of Object.entries(files)) {
    const file = path.join(root, ...relative.split('/'));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return root;
}

export function removeWorkspaces(roots: string[]): void {
  for (const root of roots.splice(0)) fs.rmSync(root, { recursive: true, force: true });
}

export function lines(text: string): string[] {
  return text.split('\n').filter((line) => line.length > 0);
}
