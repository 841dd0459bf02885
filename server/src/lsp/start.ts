/**
 * Entry point of the language server process (`server/out/server.js`). It only loads the server
 * bundle (`serverMain.js`, built from `server.ts`), through V8's code cache when the client names a
 * folder for it with `--code-cache <folder>` (the VS Code client passes the extension's global storage).
 *
 * Why: compiling the 1.5 MB bundle and the functions the first analysis runs is a large part of the
 * time from server start to the first diagnostics. With the cache, V8 deserialises that code instead.
 * The cache holds our own code only, never workspace content. V8 rejects a cache made for other
 * source or another V8, and then it is written again; a cache that cannot be written is skipped.
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';

const SERVER_MAIN = path.join(__dirname, 'serverMain.js');
/** Written once the first analyses have run, so the cache holds the code they compiled too. */
const WRITE_AFTER_MS = 2000;
const CACHE_PREFIX = 'server-';
const CACHE_SUFFIX = '.code-cache';

declare const AI_POSTURE_BUILD_ID: string | undefined;
const BUILD_ID = typeof AI_POSTURE_BUILD_ID === 'string' ? AI_POSTURE_BUILD_ID : 'source';

/** The value after `--code-cache` (or of `--code-cache=<folder>`), if it is an absolute path. */
export function codeCacheFolder(argv: readonly string[]): string | undefined {
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    const value = arg === '--code-cache' ? argv[index + 1] : arg.startsWith('--code-cache=') ? arg.slice(13) : undefined;
    if (value !== undefined) return path.isAbsolute(value) ? value : undefined;
  }
  return undefined;
}

/** One file per build, V8 version and architecture: another version of the extension keeps its own. */
export function codeCacheFile(folder: string): string {
  return path.join(folder, `${CACHE_PREFIX}${BUILD_ID}-${process.versions.v8}-${process.arch}${CACHE_SUFFIX}`);
}

/** Runs `file` as a CommonJS module with `cachedData`; returns the script, to make a cache from later. */
function runWithCache(file: string, cachedData: Buffer | undefined): vm.Script {
  const source = fs.readFileSync(file, 'utf8');
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  // No `import()` callback: a script made from a code cache would lose it, so the bundle has none (see build.mjs).
  const script = new vm.Script(wrapped, { filename: file, cachedData });
  const module = { exports: {}, filename: file, id: file, loaded: false };
  script.runInThisContext()(module.exports, createRequire(file), module, file, path.dirname(file));
  return script;
}

function readCache(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Writes atomically (a reader never sees half a cache) and removes the caches of other builds. */
function writeCache(file: string, data: Buffer): void {
  const folder = path.dirname(file);
  fs.mkdirSync(folder, { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, data);
  fs.renameSync(temporary, file);
  for (const name of fs.readdirSync(folder)) {
    const stale = name.startsWith(CACHE_PREFIX) && name.endsWith(CACHE_SUFFIX) && name !== path.basename(file);
    if (stale) fs.rmSync(path.join(folder, name), { force: true });
  }
}

function start(): void {
  const folder = codeCacheFolder(process.argv);
  if (!folder) {
    createRequire(__filename)(SERVER_MAIN);
    return;
  }
  const cacheFile = codeCacheFile(folder);
  const cachedData = readCache(cacheFile);
  const script = runWithCache(SERVER_MAIN, cachedData);
  if (cachedData && !script.cachedDataRejected) return;
  const timer = setTimeout(() => {
    try {
      writeCache(cacheFile, script.createCachedData());
    } catch {
      // A read-only or full disk costs the next start its head start, nothing else.
    }
  }, WRITE_AFTER_MS);
  timer.unref();
}

if (require.main === module) start();
