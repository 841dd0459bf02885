/**
 * The packaged extension and user settings shared by every real-VS-Code suite.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeServer } from './codeServer';

const REPO = path.resolve(__dirname, '..', '..');
const VSIX = path.join(REPO, 'ai-posture.vsix');
/** What the package is built from: a `.vsix` newer than all of it is current. */
const PACKAGE_INPUTS = [
  'package.json',
  '.vscodeignore',
  'scripts/build.mjs',
  'client/src',
  'client/webview',
  'server/src',
  'schemas',
  'syntaxes',
  'resources',
  'docs/rules.md',
];

/**
 * The `.vsix` to install: `AI_POSTURE_E2E_VSIX` when set, else the repository's package, rebuilt
 * with `npm run package` when anything it is built from is newer (the suites share one package).
 */
export function currentVsix(resultsDir: string): string {
  if (process.env.AI_POSTURE_E2E_VSIX) return process.env.AI_POSTURE_E2E_VSIX;
  if (fs.existsSync(VSIX) && fs.statSync(VSIX).mtimeMs > newestInput()) return VSIX;
  const output = execFileSync('npm', ['run', 'package'], { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  fs.writeFileSync(path.join(resultsDir, 'package.log'), output);
  return VSIX;
}

function newestInput(): number {
  let newest = 0;
  const stack = PACKAGE_INPUTS.map((input) => path.join(REPO, input));
  while (stack.length > 0) {
    const entry = stack.pop() as string;
    if (!fs.existsSync(entry)) continue;
    const stat = fs.statSync(entry);
    if (stat.isDirectory()) stack.push(...fs.readdirSync(entry).map((name) => path.join(entry, name)));
    else newest = Math.max(newest, stat.mtimeMs);
  }
  return newest;
}

/** Sets the colour theme in the user settings; a running workbench follows the file. */
export function setColorTheme(server: CodeServer | undefined, theme: string): void {
  assert.ok(server);
  const settings = path.join(server.userDataDir, 'User', 'settings.json');
  const current = JSON.parse(fs.readFileSync(settings, 'utf8'));
  fs.writeFileSync(settings, JSON.stringify({ ...current, 'workbench.colorTheme': theme }, null, 2));
}
