/**
 * What a command works on: the PATH arguments resolved to folders and files, the root that output
 * paths are relative to, and the configuration that applies.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultConfig, findConfigFile, loadConfigFile, type ResolvedConfig } from '../engine/index';
import { UsageError } from './args';

export interface Target {
  /** As the user wrote it (for messages). */
  given: string;
  absolute: string;
  isFile: boolean;
}

export interface TargetSet {
  /**
   * The folder every output path is relative to: the scanned folder for one PATH, otherwise the
   * deepest folder that holds all of them (a single file's own folder).
   */
  root: string;
  targets: Target[];
}

export function resolveTargets(paths: readonly string[], cwd: string): TargetSet {
  const targets = paths.map((given) => statTarget(given, cwd));
  const kept = dropNested(targets);
  const root = commonFolder(kept.map((target) => (target.isFile ? path.dirname(target.absolute) : target.absolute)));
  return { root, targets: kept };
}

function statTarget(given: string, cwd: string): Target {
  const absolute = path.resolve(cwd, given);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`${given}: ${code === 'ENOENT' ? 'no such file or directory' : (code ?? String(error))}`, false);
  }
  if (!stat.isFile() && !stat.isDirectory()) throw new UsageError(`${given}: not a file or folder`, false);
  return { given, absolute, isFile: stat.isFile() };
}

/** A PATH inside another PATH's folder would be scanned twice: keep the outer one only. */
function dropNested(targets: Target[]): Target[] {
  const unique = targets.filter((target, index) => targets.findIndex((other) => other.absolute === target.absolute) === index);
  return unique.filter((target) => !unique.some((other) => other !== target && !other.isFile && isInside(target.absolute, other.absolute)));
}

function isInside(child: string, folder: string): boolean {
  const relative = path.relative(folder, child);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

function commonFolder(folders: string[]): string {
  let common = folders[0];
  for (const folder of folders.slice(1)) {
    while (common !== folder && !isInside(folder, common)) {
      const parent = path.dirname(common);
      if (parent === common) return common;
      common = parent;
    }
  }
  return common;
}

/** A path relative to the root, with forward slashes (`.` for the root itself). */
export function relativeToRoot(root: string, absolute: string): string {
  return path.relative(root, absolute).split(path.sep).join('/') || '.';
}

/** `--config FILE`, else the nearest `.ai-posture.json` upward from the first PATH, else defaults. */
export function resolveConfig(explicit: string | undefined, cwd: string, firstTarget: string): ResolvedConfig {
  if (explicit !== undefined) return loadConfigFile(path.resolve(cwd, explicit));
  const found = findConfigFile(firstTarget);
  return found ? loadConfigFile(found) : defaultConfig();
}
