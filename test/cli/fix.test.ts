import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fakeKey } from '../support/fakeKeys';
import { ensureBuilt, lines, makeWorkspace, removeWorkspaces, runCli, TORCH_LOAD } from './helpers';

const FIXED = 'import torch\nmodel = torch.load(path, weights_only=True)\n';
const TORCH_26 = 'torch>=2.6\n';

describe('ai-posture fix', function () {
  this.timeout(120_000);
  const roots: string[] = [];
  // torch >= 2.6 loads weights only by default: there, adding weights_only=True is a safe fix.
  const workspace = (files: Record<string, string>) => {
    const root = makeWorkspace({ 'requirements.txt': TORCH_26, ...files });
    roots.push(root);
    return root;
  };
  const read = (root: string, relative: string) => fs.readFileSync(path.join(root, relative), 'utf8');

  before(ensureBuilt);
  after(() => removeWorkspaces(roots));

  it('adds weights_only=True to torch.load on disk and reports what it did', () => {
    const root = workspace({ 'src/train.py': TORCH_LOAD, 'clean.py': 'x = 1\n' });
    const result = runCli(['fix', root]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(read(root, 'src/train.py'), FIXED);
    assert.equal(read(root, 'clean.py'), 'x = 1\n');
    assert.deepEqual(lines(result.stdout), ['src/train.py:2:9  AIP102  Add weights_only=True', 'Applied 1 fix in 1 file.']);
    assert.equal(runCli(['scan', root]).code, 0, 'nothing left to report after the fix');
  });

  it('--dry-run lists the fixes and writes nothing', () => {
    const root = workspace({ 'app.py': TORCH_LOAD });
    const before = fs.statSync(path.join(root, 'app.py')).mtimeMs;
    const result = runCli(['fix', root, '--dry-run']);
    assert.equal(result.code, 0);
    assert.equal(read(root, 'app.py'), TORCH_LOAD);
    assert.equal(fs.statSync(path.join(root, 'app.py')).mtimeMs, before);
    assert.deepEqual(lines(result.stdout), [
      'app.py:2:9  AIP102  Add weights_only=True',
      'Dry run: would apply 1 fix in 1 file; nothing was written.',
    ]);
  });

  it('fixes every call of a file, suppressed findings excepted', () => {
    const text =
      'import torch\na = torch.load(p)\nb = torch.load(q, weights_only=False)\nc = torch.load(r)  # ai-posture-ignore AIP102 -- ok\n';
    const root = workspace({ 'app.py': text });
    // Turning an explicit weights_only=False around may break the load: it is an unsafe fix.
    const result = runCli(['fix', root, '--unsafe-fixes']);
    assert.equal(
      read(root, 'app.py'),
      'import torch\na = torch.load(p, weights_only=True)\nb = torch.load(q, weights_only=True)\nc = torch.load(r)  # ai-posture-ignore AIP102 -- ok\n',
    );
    assert.match(result.stdout, /Applied 2 fixes in 1 file\./);
  });

  it('fixes a single file PATH', () => {
    const root = workspace({ 'a.py': TORCH_LOAD, 'b.py': TORCH_LOAD });
    runCli(['fix', 'a.py'], { cwd: root });
    assert.equal(read(root, 'a.py'), FIXED);
    assert.equal(read(root, 'b.py'), TORCH_LOAD);
  });

  it('--rule limits the fixes to one rule', () => {
    const root = workspace({ 'app.py': TORCH_LOAD });
    const other = runCli(['fix', root, '--rule', 'AIP000']);
    assert.equal(other.code, 0);
    assert.equal(read(root, 'app.py'), TORCH_LOAD);
    assert.match(other.stdout, /No safe fixes to apply\./);
    runCli(['fix', root, '--rule', 'aip102']);
    assert.equal(read(root, 'app.py'), FIXED);
  });

  it('leaves unsafe fixes alone and says how many, unless --unsafe-fixes is given', () => {
    const text = 'from transformers import AutoModel\nm = AutoModel.from_pretrained(p, use_safetensors=False)\n';
    const root = workspace({ 'app.py': text });
    const safeOnly = runCli(['fix', root]);
    assert.equal(safeOnly.code, 0, safeOnly.stderr);
    assert.equal(read(root, 'app.py'), text);
    assert.deepEqual(lines(safeOnly.stdout), [
      'No safe fixes to apply.',
      '1 unsafe fix not applied: they may change behaviour. Run with --unsafe-fixes to apply them too.',
    ]);
    const unsafe = runCli(['fix', root, '--unsafe-fixes']);
    assert.equal(unsafe.code, 0, unsafe.stderr);
    assert.equal(read(root, 'app.py'), text.replace('use_safetensors=False', 'use_safetensors=True'));
    assert.deepEqual(lines(unsafe.stdout), ['app.py:2:34  AIP109  Set use_safetensors=True', 'Applied 1 fix in 1 file.']);
  });

  it('never applies a display-only fix, not even with --unsafe-fixes', () => {
    const text = 'from transformers import AutoModel\nm = AutoModel.from_pretrained("org/model")\n';
    const root = workspace({ 'app.py': text });
    const result = runCli(['fix', root, '--unsafe-fixes']);
    assert.equal(read(root, 'app.py'), text);
    assert.deepEqual(lines(result.stdout), ['No safe or unsafe fixes to apply.']);
  });

  it('adds a .env file with AI keys to .gitignore (a fix that edits another file), once', () => {
    const root = workspace({ '.gitignore': 'node_modules/', 'api/.env': `OPENAI_API_KEY=${fakeKey('openai')}\n` });
    const result = runCli(['fix', root]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(read(root, '.gitignore'), 'node_modules/\n/api/.env\n');
    assert.deepEqual(lines(result.stdout), ['api/.env:1:1  AIP204  Add /api/.env to .gitignore', 'Applied 1 fix in 1 file.']);
    assert.ok(!result.stdout.includes(fakeKey('openai').slice(4)), 'the key is not printed');
    // Now ignored: the file is no longer analysed, and a second run changes nothing.
    assert.deepEqual(lines(runCli(['fix', root]).stdout), ['No safe fixes to apply.']);
  });

  it('creates .gitignore when the workspace has none', () => {
    const root = workspace({ '.env': `ANTHROPIC_API_KEY=${fakeKey('anthropic')}\n` });
    runCli(['fix', root]);
    assert.equal(read(root, '.gitignore'), '/.env\n');
  });

  it('reads a Python key from the environment with --unsafe-fixes, adding import os', () => {
    const root = workspace({ 'bot.py': `from openai import OpenAI\nclient = OpenAI(api_key="${fakeKey('openai')}")\n` });
    runCli(['fix', root, '--unsafe-fixes']);
    assert.equal(read(root, 'bot.py'), 'import os\nfrom openai import OpenAI\nclient = OpenAI(api_key=os.environ["OPENAI_API_KEY"])\n');
  });

  it('an unknown --rule is a usage error', () => {
    const result = runCli(['fix', '--rule', 'AIP999'], { cwd: workspace({}) });
    assert.equal(result.code, 2);
    assert.deepEqual(lines(result.stderr), ["ai-posture: unknown rule 'AIP999' (run 'ai-posture rules')"]);
  });

  it('leaves an unsafe fix alone without --unsafe-fixes: torch.load where no manifest requires torch >= 2.6', () => {
    const root = makeWorkspace({ 'app.py': TORCH_LOAD, 'requirements.txt': 'torch>=2.1\n' });
    roots.push(root);
    const result = runCli(['fix', root]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(read(root, 'app.py'), TORCH_LOAD);
    assert.deepEqual(lines(result.stdout), [
      'No safe fixes to apply.',
      '1 unsafe fix not applied: they may change behaviour. Run with --unsafe-fixes to apply them too.',
    ]);
    const unsafe = runCli(['fix', root, '--unsafe-fixes']);
    assert.equal(unsafe.code, 0, unsafe.stderr);
    assert.equal(read(root, 'app.py'), FIXED);
  });

  it('pins an unpinned npx MCP server to the version the lockfile has, with --unsafe-fixes only, comments kept', () => {
    const config = [
      '{',
      '  // project servers',
      '  "servers": {',
      '    "filesystem": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "./docs"] }, // docs',
      '    "github": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"] }',
      '  }',
      '}',
      '',
    ].join('\n');
    const lock = {
      lockfileVersion: 3,
      packages: {
        '': { devDependencies: { '@modelcontextprotocol/server-filesystem': '^2025.7.1' } },
        'node_modules/@modelcontextprotocol/server-filesystem': { version: '2025.7.1', dev: true },
      },
    };
    const root = makeWorkspace({ '.vscode/mcp.json': config, 'package-lock.json': JSON.stringify(lock, null, 2) });
    roots.push(root);
    const safeOnly = runCli(['fix', root, '--rule', 'AIP601']);
    assert.equal(safeOnly.code, 0, safeOnly.stderr);
    assert.equal(read(root, '.vscode/mcp.json'), config, 'pinning changes what runs: unsafe');
    const result = runCli(['fix', root, '--rule', 'AIP601', '--unsafe-fixes']);
    assert.equal(result.code, 0, result.stderr);
    // The server the lockfile knows is pinned; the other keeps its finding (a placeholder fix is never applied).
    assert.equal(read(root, '.vscode/mcp.json'), config.replace('server-filesystem"', 'server-filesystem@2025.7.1"'));
    assert.match(
      result.stdout,
      /\.vscode\/mcp\.json:4:\d+ {2}AIP601 {2}Pin @modelcontextprotocol\/server-filesystem to 2025\.7\.1 \(as in package-lock\.json\)/,
    );
  });
});
