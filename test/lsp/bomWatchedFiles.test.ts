/**
 * The AI-BOM follows files changed on disk outside the editor: the server watches model files,
 * prompt and instruction files, manifests and lockfiles, and a `workspace/didChangeWatchedFiles`
 * for any of them (created, changed, deleted) updates the BOM and sends `aiPosture/bomChanged`.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FileChangeType } from 'vscode-languageserver-protocol/node';
import type { BomChangedParams, BomResult } from '../../server/src/shared/protocol';
import { ggufBytes } from '../engine/inventory/helpers';
import { ensureBuilt, makeWorkspace, removeWorkspace, TestClient, uriOf, writeFile } from './client';

/** A watcher glob as VS Code reads it (`**\/`, `*`, `{a,b}`; dot files and folders are not special). */
function globRegExp(glob: string): RegExp {
  let source = '';
  for (let index = 0; index < glob.length; index++) {
    const char = glob[index];
    if (glob.startsWith('**/', index)) {
      source += '(?:.*/)?';
      index += 2;
    } else if (char === '*') source += '[^/]*';
    else if (char === '{') source += '(?:';
    else if (char === '}') source += ')';
    else if (char === ',') source += '|';
    else source += char.replace(/[.+?^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

function refs(result: BomResult): string[] {
  return result.components.map((component) => component.ref);
}

describe('LSP AI-BOM and files changed on disk', function () {
  this.timeout(30_000);
  let root: string;
  let client: TestClient;
  const changes: BomChangedParams[] = [];

  before(async () => {
    ensureBuilt();
    root = makeWorkspace({ 'requirements.txt': 'openai==1.58.1\n', 'app.py': 'from openai import OpenAI\nclient = OpenAI()\n' });
    client = (await TestClient.start({ pull: true, folders: [root] })).client;
    client.connection.onNotification('aiPosture/bomChanged', (params: BomChangedParams) => {
      changes.push(params);
    });
  });
  after(async () => {
    await client?.stop();
    removeWorkspace(root);
  });

  function bomUntil(check: (result: BomResult) => boolean, what: string): Promise<BomResult> {
    return client.waitFor(async () => {
      const result = await client.request<BomResult>('aiPosture/bom', {});
      return result.complete && check(result) ? result : undefined;
    }, what);
  }

  it('watches model files, prompt and instruction files, manifests and lockfiles', async () => {
    const registration = await client.waitFor(
      () => client.registrations.find((item) => item.method === 'workspace/didChangeWatchedFiles'),
      'the file watchers',
    );
    const options = (registration?.registerOptions ?? { watchers: [] }) as { watchers: { globPattern: string }[] };
    const globs = options.watchers.map((watcher) => globRegExp(watcher.globPattern));
    const watched = (file: string) => globs.some((glob) => glob.test(file));
    const files = [
      'models/tiny.gguf',
      'weights/model.safetensors',
      'checkpoints/run1/pytorch_model.bin',
      'model.onnx',
      'classifier.joblib',
      'AGENTS.md',
      'CLAUDE.md',
      '.github/copilot-instructions.md',
      '.github/prompts/review.prompt.md',
      '.cursor/rules/style.mdc',
      '.cursorrules',
      'prompts/answer.prompty',
      'prompts/system.txt',
      'requirements.txt',
      'requirements-dev.in',
      'pyproject.toml',
      'setup.py',
      'Pipfile',
      'Pipfile.lock',
      'poetry.lock',
      'uv.lock',
      'package.json',
      'package-lock.json',
      'pnpm-lock.yaml',
      'yarn.lock',
      'go.mod',
      'Cargo.toml',
      'Cargo.lock',
      'pom.xml',
      'build.gradle.kts',
      'src/App/App.csproj',
      'packages.lock.json',
      'Directory.Packages.props',
      '.vscode/mcp.json',
    ];
    assert.deepEqual(
      files.filter((file) => !watched(file)),
      [],
    );
    assert.equal(watched('src/notes.docx'), false);
  });

  it('adds a created model file, instruction file and lockfile pin, and sends aiPosture/bomChanged', async () => {
    await bomUntil((result) => refs(result).includes('sdk:pypi/openai'), 'the first scan');
    const sent = changes.length;
    fs.mkdirSync(path.join(root, 'models'), { recursive: true });
    fs.writeFileSync(path.join(root, 'models', 'tiny.gguf'), ggufBytes());
    writeFile(root, 'AGENTS.md', '# Agents\nRun the tests before committing.\n');
    writeFile(root, 'requirements.txt', 'openai==1.58.1\nanthropic==0.42.0\n');
    await client.filesChanged([
      { uri: uriOf(root, 'models/tiny.gguf'), type: FileChangeType.Created },
      { uri: uriOf(root, 'AGENTS.md'), type: FileChangeType.Created },
      { uri: uriOf(root, 'requirements.txt'), type: FileChangeType.Changed },
    ]);
    const result = await bomUntil(
      (answer) => ['modelFile:models/tiny.gguf', 'prompt:AGENTS.md', 'sdk:pypi/anthropic'].every((ref) => refs(answer).includes(ref)),
      'the model file, the instructions and the new SDK',
    );
    const model = result.components.find((component) => component.ref === 'modelFile:models/tiny.gguf');
    assert.deepEqual(
      model?.occurrences.map((occurrence) => occurrence.path),
      ['models/tiny.gguf'],
    );
    await client.waitFor(() => changes.slice(sent).find((params) => params.added > 0) ?? undefined, 'aiPosture/bomChanged with additions');
  });

  it('follows a changed prompt and drops deleted files', async () => {
    const sent = changes.length;
    fs.rmSync(path.join(root, 'models', 'tiny.gguf'));
    fs.rmSync(path.join(root, 'AGENTS.md'));
    writeFile(root, 'requirements.txt', 'openai==1.58.1\n');
    await client.filesChanged([
      { uri: uriOf(root, 'models/tiny.gguf'), type: FileChangeType.Deleted },
      { uri: uriOf(root, 'AGENTS.md'), type: FileChangeType.Deleted },
      { uri: uriOf(root, 'requirements.txt'), type: FileChangeType.Changed },
    ]);
    const result = await bomUntil(
      (answer) => !['modelFile:models/tiny.gguf', 'prompt:AGENTS.md', 'sdk:pypi/anthropic'].some((ref) => refs(answer).includes(ref)),
      'the deleted files and the removed pin to go',
    );
    assert.deepEqual(refs(result), ['sdk:pypi/openai', 'service:openai']);
    await client.waitFor(() => changes.slice(sent).find((params) => params.removed > 0) ?? undefined, 'aiPosture/bomChanged with removals');
  });
});
