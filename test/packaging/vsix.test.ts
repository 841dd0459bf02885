import * as assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type BuildFailure, build } from 'esbuild';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { listZip, type ZipEntry } from './zip';

/**
 * Packages the extension the way it is published (`npm run package`) and checks the `.vsix`
 * holds what runs and nothing else. A `.vsix` newer than every input is reused, so running the
 * suite twice does not package twice.
 */
const ROOT = path.join(__dirname, '..', '..');
const VSIX = path.join(ROOT, 'ai-posture.vsix');
const MAX_BYTES = 10 * 1024 * 1024;
const INPUTS = [
  'package.json',
  'package-lock.json',
  '.vscodeignore',
  'README.md',
  'LICENSE',
  'CHANGELOG.md',
  'scripts/build.mjs',
  'client/src',
  'client/webview',
  'server/src',
  'schemas',
  'syntaxes',
  'resources',
  'docs/rules.md',
];

/** The files that must be in the package, as vsce names them (it renames the docs). */
const REQUIRED = [
  '[Content_Types].xml',
  'extension.vsixmanifest',
  'extension/package.json',
  'extension/readme.md',
  'extension/changelog.md',
  'extension/LICENSE.txt',
  'extension/client/out/extension.js',
  'extension/client/out/webview/recommendations.js',
  'extension/client/out/webview/recommendations.css',
  'extension/client/out/webview/codicon.css',
  'extension/client/out/webview/codicon.ttf',
  // The server's loader and the bundle it runs (through V8's code cache).
  'extension/server/out/server.js',
  'extension/server/out/serverMain.js',
  'extension/server/out/cli.js',
  // Scan worker threads, started by the CLI and the server from beside their bundles.
  'extension/server/out/scanWorker.js',
  'extension/schemas/ai-posture.schema.json',
  'extension/resources/icon.png',
  // The rule docs open offline in the Markdown preview ("AI Posture: Show Rule Documentation").
  'extension/docs/rules.md',
  'extension/server/out/wasm/tree-sitter.wasm',
  // The tree-sitter runtime the server bundle loads from beside it.
  'extension/server/out/wasm/tree-sitter.js',
  'extension/server/out/wasm/tree-sitter-python.wasm',
];
/** Whatever else may ship: more grammars, icons, schemas, TextMate grammars and webview bundles. */
const ALLOWED = [
  /^extension\/client\/out\/webview\/[\w-]+\.(js|css)$/,
  /^extension\/server\/out\/wasm\/tree-sitter-[a-z-]+\.wasm$/,
  /^extension\/resources\/[\w-]+\.(png|svg)$/,
  /^extension\/schemas\/[\w.-]+\.schema\.json$/,
  /^extension\/syntaxes\/[\w.-]+\.(tmLanguage|tmGrammar)\.json$/,
  /^extension\/syntaxes\/[\w.-]*language-configuration\.json$/,
];
const BUNDLES = [
  'client/out/extension.js',
  'client/out/webview/recommendations.js',
  'server/out/server.js',
  'server/out/serverMain.js',
  'server/out/cli.js',
  'server/out/scanWorker.js',
];
const FORBIDDEN = [/\.ts$/, /\.map$/, /(^|\/)node_modules\//, /(^|\/)(src|test)\//, /\.vsix$/];

function newestInput(): number {
  const times = INPUTS.map((input) => path.join(ROOT, input))
    .filter((file) => fs.existsSync(file))
    .flatMap((file) => {
      if (!fs.statSync(file).isDirectory()) return [fs.statSync(file).mtimeMs];
      return fs
        .readdirSync(file, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
    });
  return Math.max(...times);
}

function packageVsix(): void {
  if (fs.existsSync(VSIX) && fs.statSync(VSIX).mtimeMs > newestInput()) return;
  execFileSync('npm', ['run', 'package'], { cwd: ROOT, stdio: 'pipe', env: { ...process.env, CI: '1' } });
}

/** Writes the package's files under `dir`, where no `node_modules` is in reach. */
function extract(entries: ZipEntry[], dir: string): void {
  for (const entry of entries) {
    const file = path.join(dir, entry.name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, entry.read());
  }
}

/**
 * The imports of a bundle that cannot be resolved next to it. esbuild follows real `require`
 * calls only, not the ones inside strings (ajv keeps `require("ajv/dist/runtime/…")` as text).
 */
async function unresolvedImports(bundle: string): Promise<string[]> {
  try {
    await build({ entryPoints: [bundle], bundle: true, write: false, platform: 'node', external: ['vscode'], logLevel: 'silent' });
    return [];
  } catch (error) {
    return (error as BuildFailure).errors.map((message) => message.text);
  }
}

/** Starts the packaged server over stdio and returns its `initialize` result. */
async function initializeServer(serverJs: string, cwd: string): Promise<{ capabilities: object; serverInfo?: { name: string } }> {
  const child = spawn(process.execPath, [serverJs, '--stdio'], { cwd, stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.listen();
  try {
    return await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null });
  } finally {
    connection.dispose();
    child.kill();
  }
}

describe('vsix package', function () {
  this.timeout(300_000);
  let entries: ZipEntry[];
  let names: string[];
  let unpacked: string;

  before(() => {
    packageVsix();
    entries = listZip(fs.readFileSync(VSIX));
    names = entries.map((entry) => entry.name);
    unpacked = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-posture-vsix-'));
    extract(entries, unpacked);
  });

  after(() => fs.rmSync(unpacked, { recursive: true, force: true }));

  function read(name: string): string {
    const entry = entries.find((candidate) => candidate.name === name);
    assert.ok(entry, `${name} is not in the package`);
    return entry.read().toString('utf8');
  }

  it('contains every file that runs', () => {
    for (const name of REQUIRED) assert.ok(names.includes(name), `${name} is missing`);
  });

  it('contains only allowlisted files', () => {
    const unexpected = names.filter((name) => !REQUIRED.includes(name) && !ALLOWED.some((pattern) => pattern.test(name)));
    assert.deepEqual(unexpected, []);
    const forbidden = names.filter((name) => FORBIDDEN.some((pattern) => pattern.test(name)));
    assert.deepEqual(forbidden, []);
  });

  it('ships every WASM grammar the build copies', () => {
    const built = fs.readdirSync(path.join(ROOT, 'server', 'out', 'wasm')).filter((file) => file.endsWith('.wasm'));
    for (const file of built) assert.ok(names.includes(`extension/server/out/wasm/${file}`), `${file} is missing`);
  });

  it('is smaller than 10 MB', () => {
    const size = fs.statSync(VSIX).size;
    assert.ok(size < MAX_BYTES, `${(size / 1024 / 1024).toFixed(1)} MB`);
  });

  it('is platform-neutral', () => {
    const vsixManifest = read('extension.vsixmanifest');
    assert.match(vsixManifest, /<Identity [^>]*Id="ai-posture"/);
    assert.doesNotMatch(vsixManifest, /TargetPlatform/);
  });

  it('packs the manifest it was built from', () => {
    const packed = JSON.parse(read('extension/package.json'));
    const source = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    assert.equal(packed.version, source.version);
    assert.deepEqual(packed.contributes, source.contributes);
    assert.ok(names.includes(`extension/${packed.main.replace(/^\.\//, '')}`), 'main is not in the package');
  });

  it('bundles every dependency and ships no source maps', async () => {
    for (const bundle of BUNDLES) {
      assert.deepEqual(await unresolvedImports(path.join(unpacked, 'extension', bundle)), [], `${bundle} imports what the package lacks`);
      assert.doesNotMatch(read(`extension/${bundle}`), /sourceMappingURL/, `${bundle} points to a source map`);
    }
  });

  it('runs the packaged CLI, WASM grammars included, without node_modules', () => {
    const sample = path.join(unpacked, 'sample.py');
    fs.writeFileSync(sample, 'import torch\nmodel = torch.load("model.pt")\n');
    const cli = path.join(unpacked, 'extension', 'server', 'out', 'cli.js');
    const output = execFileSync(process.execPath, [cli, 'scan', sample, '--fail-on', 'never', '--no-progress'], {
      cwd: unpacked,
      encoding: 'utf8',
    });
    assert.match(output, /AIP102/);
  });

  it('starts the packaged language server', async () => {
    const result = await initializeServer(path.join(unpacked, 'extension', 'server', 'out', 'server.js'), unpacked);
    assert.equal(result.serverInfo?.name, 'ai-posture');
    assert.ok(result.capabilities);
  });
});
