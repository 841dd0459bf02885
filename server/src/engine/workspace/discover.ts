import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { CancellationSignal, FileKind } from '../types';
import { fileKindOf } from './fileKinds';

/** Folders never analysed: dependencies, VCS data, virtual environments, caches and build output. */
export const BUILTIN_EXCLUDED_DIRS = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  '__pycache__',
  '.venv',
  'venv',
  '.tox',
  '.nox',
  '.mypy_cache',
  '.pytest_cache',
  '.ruff_cache',
  'site-packages',
  '.ipynb_checkpoints',
  'dist',
  'build',
  'out',
  '.next',
  '.nuxt',
  '.svelte-kit',
  '.turbo',
  '.parcel-cache',
  'target',
  '.gradle',
  'coverage',
  '.terraform',
  'bower_components',
]);

/** Model weights are scanned even where `.gitignore` hides them (downloaded weights usually are). */
export const MODEL_FILE_EXTENSIONS = new Set([
  '.pkl',
  '.pickle',
  '.pt',
  '.pth',
  '.bin',
  '.ckpt',
  '.joblib',
  '.npy',
  '.npz',
  '.dat',
  '.keras',
  '.h5',
  '.gguf',
  '.onnx',
  '.safetensors',
  // Archives hold pickles too (picklescan's bypass corpus is zips); the AI-BOM lists one only when it holds a model.
  '.zip',
]);

/**
 * A TensorFlow SavedModel is named by its files, not an extension (`.pb` is any protocol buffer):
 * the graph `saved_model.pb` and the weight shards `variables/variables.data-00000-of-00001`.
 */
const SAVED_MODEL_FILE = /(?:^|\/)(?:saved_model\.pb|variables\/variables\.data-\d+-of-\d+)$/i;

/** True for a model file by its name: a weights extension, or a SavedModel's graph and weight shards. */
export function isModelFilePath(relative: string): boolean {
  return MODEL_FILE_EXTENSIONS.has(path.extname(relative).toLowerCase()) || SAVED_MODEL_FILE.test(relative);
}

/** Watcher globs of the SavedModel files `SAVED_MODEL_FILE` names (model files without a model extension). */
export const SAVED_MODEL_GLOBS = ['**/saved_model.pb', '**/variables/variables.data-*'];

/** What a workspace file is: a model file, else its text kind (undefined when nothing reads it). */
export function discoveredKindOf(relative: string): FileKind | 'model' | undefined {
  return isModelFilePath(relative) ? 'model' : fileKindOf(relative);
}

export interface DiscoveredFile {
  absolutePath: string;
  /** Relative to the workspace root, forward slashes. */
  relativePath: string;
  kind: FileKind | 'model';
  /** True when `.gitignore` ignores the file (only model files are yielded then). */
  gitIgnored: boolean;
}

export interface DiscoverOptions {
  /** Config `exclude` patterns (gitignore syntax, relative to the root). */
  exclude?: string[];
  signal?: CancellationSignal;
  /** Counts why files were passed over, for the scan summary. */
  onSkip?: (relativePath: string, reason: SkipReason) => void;
}

export type SkipReason = 'excluded' | 'gitignored' | 'symlink-outside-workspace' | 'unreadable' | 'not-analysed';

interface DirState {
  absolute: string;
  relative: string;
  /** `.gitignore` matchers from the root down to this folder, each with the folder it applies to. */
  gitignores: { base: string; matcher: Ignore }[];
  /** Inside a gitignored folder: only model files are yielded. */
  ignoredBranch: boolean;
}

/**
 * Walks a workspace lazily (depth first, sorted, one folder in memory at a time), honouring nested
 * `.gitignore` files, the built-in excludes and config `exclude`. Symlinks are followed only when
 * they resolve inside the workspace, and each real folder is visited once (no cycles).
 */
export async function* discoverFiles(root: string, options: DiscoverOptions = {}): AsyncGenerator<DiscoveredFile> {
  const realRoot = await fs.promises.realpath(root);
  const configExclude = ignore().add(options.exclude ?? []);
  const visited = new Set<string>([realRoot]);
  const stack: DirState[] = [{ absolute: realRoot, relative: '', gitignores: [], ignoredBranch: false }];
  while (stack.length > 0) {
    if (options.signal?.isCancellationRequested) return;
    const dir = stack.pop() as DirState;
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(dir.absolute, { withFileTypes: true });
    } catch {
      options.onSkip?.(dir.relative || '.', 'unreadable');
      continue;
    }
    // The listing says whether the folder is a virtual environment or has a `.gitignore`, so
    // neither costs a system call per folder.
    if (dir.relative !== '' && entries.some((entry) => entry.name === 'pyvenv.cfg')) continue;
    const gitignores = entries.some((entry) => entry.name === '.gitignore') ? await withGitignore(dir) : dir.gitignores;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subdirs: DirState[] = [];
    for (const entry of entries) {
      const absolute = path.join(dir.absolute, entry.name);
      const relative = dir.relative ? `${dir.relative}/${entry.name}` : entry.name;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        const target = await resolveInside(absolute, realRoot);
        if (!target) {
          options.onSkip?.(relative, 'symlink-outside-workspace');
          continue;
        }
        isDir = target.isDirectory;
        isFile = target.isFile;
        if (isDir) {
          if (visited.has(target.real)) continue;
          visited.add(target.real);
        }
      }
      if (isDir) {
        if (BUILTIN_EXCLUDED_DIRS.has(entry.name)) continue;
        if (configExclude.ignores(`${relative}/`)) {
          options.onSkip?.(relative, 'excluded');
          continue;
        }
        const ignoredBranch = dir.ignoredBranch || isGitIgnored(gitignores, relative, true);
        subdirs.push({ absolute, relative, gitignores, ignoredBranch });
        continue;
      }
      if (!isFile) continue;
      const file = describeFile(absolute, relative, dir.ignoredBranch || isGitIgnored(gitignores, relative, false));
      if (configExclude.ignores(relative)) options.onSkip?.(relative, 'excluded');
      else if (file.kind === undefined) options.onSkip?.(relative, 'not-analysed');
      else if (file.gitIgnored && file.kind !== 'model') options.onSkip?.(relative, 'gitignored');
      else yield file as DiscoveredFile;
    }
    // Reverse so the sorted order is kept when popping from the stack.
    for (let i = subdirs.length - 1; i >= 0; i--) stack.push(subdirs[i]);
  }
}

/** A file as discovery sees it: from its name alone (the reader learns its size when it opens it). */
function describeFile(
  absolute: string,
  relative: string,
  gitIgnored: boolean,
): Omit<DiscoveredFile, 'kind'> & { kind: DiscoveredFile['kind'] | undefined } {
  const kind = discoveredKindOf(relative);
  return { absolutePath: absolute, relativePath: relative, kind, gitIgnored };
}

async function withGitignore(dir: DirState): Promise<DirState['gitignores']> {
  try {
    const text = await fs.promises.readFile(path.join(dir.absolute, '.gitignore'), 'utf8');
    return [...dir.gitignores, { base: dir.relative, matcher: ignore().add(text) }];
  } catch {
    return dir.gitignores;
  }
}

function isGitIgnored(gitignores: DirState['gitignores'], relative: string, isDir: boolean): boolean {
  let ignored = false;
  for (const { base, matcher } of gitignores) {
    const local = base ? relative.slice(base.length + 1) : relative;
    const result = matcher.test(isDir ? `${local}/` : local);
    // A deeper `.gitignore` can re-include (`!pattern`) what a parent ignored.
    if (result.ignored) ignored = true;
    else if (result.unignored) ignored = false;
  }
  return ignored;
}

async function resolveInside(
  absolute: string,
  realRoot: string,
): Promise<{ real: string; isDirectory: boolean; isFile: boolean } | undefined> {
  try {
    const real = await fs.promises.realpath(absolute);
    if (real !== realRoot && !real.startsWith(realRoot + path.sep)) return undefined;
    const stat = await fs.promises.stat(real);
    return { real, isDirectory: stat.isDirectory(), isFile: stat.isFile() };
  } catch {
    return undefined;
  }
}

async function isVirtualEnv(dir: string): Promise<boolean> {
  try {
    await fs.promises.access(path.join(dir, 'pyvenv.cfg'));
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether `discoverFiles` would yield this file: the same built-in excludes, virtual environments,
 * config `exclude`, nested `.gitignore` files and symlink rule. Lets the language server re-analyse
 * one file that changed on disk without walking the whole workspace.
 */
export async function isDiscoverable(root: string, relativePath: string, exclude: string[] = []): Promise<boolean> {
  const segments = relativePath.split('/');
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..')) return false;
  const realRoot = await fs.promises.realpath(root).catch(() => undefined);
  const target = realRoot === undefined ? undefined : await resolveInside(path.join(root, ...segments), realRoot);
  if (!target?.isFile) return false;
  const configExclude = ignore().add(exclude);
  let dir: DirState = { absolute: root, relative: '', gitignores: [], ignoredBranch: false };
  for (const name of segments.slice(0, -1)) {
    const gitignores = await withGitignore(dir);
    const absolute = path.join(dir.absolute, name);
    const relative = dir.relative ? `${dir.relative}/${name}` : name;
    if (BUILTIN_EXCLUDED_DIRS.has(name) || (await isVirtualEnv(absolute)) || configExclude.ignores(`${relative}/`)) return false;
    dir = { absolute, relative, gitignores, ignoredBranch: dir.ignoredBranch || isGitIgnored(gitignores, relative, true) };
  }
  const gitIgnored = dir.ignoredBranch || isGitIgnored(await withGitignore(dir), relativePath, false);
  const file = describeFile(target.real, relativePath, gitIgnored);
  if (file.kind === undefined || configExclude.ignores(relativePath)) return false;
  return !file.gitIgnored || file.kind === 'model';
}
