// Bundles the client, the language server, the CLI and the webview scripts with esbuild, and copies
// the WASM grammars next to the server bundles (the engine looks for them in `<bundle dir>/wasm`).

import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';

const require = createRequire(import.meta.url);
const production = process.argv.includes('--production');

/**
 * Identifies this build of the engine: a hash of the server sources and data. Persistent caches made
 * by another build are ignored, so a changed rule never serves results computed by the old one.
 */
function buildId() {
  const hash = createHash('sha256');
  const files = readdirSync('server/src', { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  for (const file of files) hash.update(file).update(readFileSync(file));
  return hash.digest('base64url').slice(0, 16);
}

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  // Prefer ES module entry points: some dependencies' UMD builds (jsonc-parser) hide their requires from the bundler.
  mainFields: ['module', 'main'],
  // The engine only resolves the grammars' package folder as a fallback when no `wasm/` sits next to the bundle.
  external: ['@vscode/tree-sitter-wasm/wasm/*'],
  define: { AI_POSTURE_BUILD_ID: JSON.stringify(buildId()) },
};

/**
 * The loader runs the server bundle from V8's code cache, where `import()` has no module loader (V8
 * drops the callback of a script made from a cache). The tree-sitter runtime imports Node modules that
 * way, so it stays a plain module beside the bundle, in `wasm/` with the runtime's `.wasm`.
 */
const treeSitterRuntimeBeside = {
  name: 'tree-sitter-runtime-beside',
  setup(build) {
    build.onResolve({ filter: /^@vscode\/tree-sitter-wasm$/ }, () => ({ path: './wasm/tree-sitter.js', external: true }));
  },
};

// Settle every bundle before failing, so one broken entry point neither hides the others' errors
// nor leaves a half-written bundle behind (esbuild has already printed the errors).
const bundles = await Promise.allSettled([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js', external: ['vscode'] }),
  // The server process starts from a small loader that runs the server bundle through V8's code cache.
  build({ ...common, entryPoints: ['server/src/lsp/start.ts'], outfile: 'server/out/server.js' }),
  build({
    ...common,
    entryPoints: ['server/src/lsp/server.ts'],
    outfile: 'server/out/serverMain.js',
    plugins: [treeSitterRuntimeBeside],
  }),
  build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'server/out/cli.js', banner: { js: '#!/usr/bin/env node' } }),
  // Scan worker threads (the CLI and the server start them from the file beside their own bundle).
  build({ ...common, entryPoints: ['server/src/engine/scan/worker.ts'], outfile: 'server/out/scanWorker.js' }),
  // The Recommendations webview runs in the browser; its styles land beside it as recommendations.css.
  build({
    ...common,
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    entryPoints: ['client/webview/recommendations/main.ts'],
    outfile: 'client/out/webview/recommendations.js',
  }),
]);

// The codicon font for the webview, next to its script (the webview loads nothing from elsewhere).
const codicons = dirname(require.resolve('@vscode/codicons/dist/codicon.css'));
mkdirSync(join('client', 'out', 'webview'), { recursive: true });
for (const file of ['codicon.css', 'codicon.ttf']) copyFileSync(join(codicons, file), join('client', 'out', 'webview', file));

const wasmSource = dirname(require.resolve('@vscode/tree-sitter-wasm/wasm/tree-sitter.wasm'));
const wasmTarget = join('server', 'out', 'wasm');
mkdirSync(wasmTarget, { recursive: true });
const grammars = [
  'tree-sitter.js',
  'tree-sitter.wasm',
  'tree-sitter-python.wasm',
  'tree-sitter-javascript.wasm',
  'tree-sitter-typescript.wasm',
  'tree-sitter-tsx.wasm',
  'tree-sitter-c-sharp.wasm',
  'tree-sitter-java.wasm',
  'tree-sitter-go.wasm',
  'tree-sitter-bash.wasm',
];
for (const file of readdirSync(wasmSource)) {
  if (grammars.includes(file)) copyFileSync(join(wasmSource, file), join(wasmTarget, file));
}
// Grammars shipped in their own package (HCL for Terraform).
for (const grammar of ['@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-hcl.wasm']) {
  const source = require.resolve(grammar);
  copyFileSync(source, join(wasmTarget, grammar.slice(grammar.lastIndexOf('/') + 1)));
}

if (bundles.some((bundle) => bundle.status === 'rejected')) process.exitCode = 1;
