import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '..', '..');

/** The smallest file with one AIP102 finding (a fixable `torch.load` call). */
export const TORCH_LOAD = 'import torch\nmodel = torch.load(path)\n';

/**
 * Builds the bundles when `bundle` is missing or older than any server source file, so a plain
 * `mocha` run of one suite tests the current code. Another bundle failing to build must not stop
 * the caller, but a stale or missing `bundle` must.
 */
export function ensureBuilt(bundle: string): void {
  if (fs.existsSync(bundle) && !sourcesNewerThan(fs.statSync(bundle).mtimeMs)) return;
  const build = spawnSync(process.execPath, [path.join(REPO, 'scripts', 'build.mjs')], { cwd: REPO, encoding: 'utf8' });
  if (!fs.existsSync(bundle) || sourcesNewerThan(fs.statSync(bundle).mtimeMs)) {
    throw new Error(`npm run build did not produce an up-to-date ${bundle}:\n${build.stderr}`);
  }
}

function sourcesNewerThan(mtimeMs: number): boolean {
  const stack = [path.join(REPO, 'server', 'src'), path.join(REPO, 'package.json')];
  while (stack.length > 0) {
    const entry = stack.pop() as string;
    const stat = fs.statSync(entry);
    if (stat.isDirectory()) stack.push(...fs.readdirSync(entry).map((name) => path.join(entry, name)));
    else if (stat.mtimeMs > mtimeMs) return true;
  }
  return false;
}
