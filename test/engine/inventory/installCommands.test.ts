import * as assert from 'node:assert/strict';
import type { AiBom } from '../../../server/src/engine/inventory/types';
import { find, inventoryOf, propertyValues, summary } from './helpers';

/** `name@version line` of every SDK entry, for compact comparisons. */
function sdkLines(bom: AiBom): string[] {
  return bom.components
    .filter((component) => component.kind === 'sdk')
    .map(
      (component) =>
        `${component.name}${component.version ? `@${component.version}` : ''} ${component.occurrences.map((o) => `${o.path}:${o.line}`).join(',')}`,
    );
}

function notebook(lines: string[]): string {
  const cell = { cell_type: 'code', metadata: {}, outputs: [], execution_count: null, source: lines.map((line) => `${line}\n`) };
  return JSON.stringify({ cells: [cell], metadata: {}, nbformat: 4, nbformat_minor: 5 }, null, 1);
}

describe('inventory: packages installed by commands', () => {
  it('reads pip, uv and npm installs in Dockerfiles, shell scripts, CI steps and notebooks', async () => {
    const bom = await inventoryOf({
      Dockerfile: [
        'FROM python:3.11-slim',
        'RUN pip install --no-cache-dir -r requirements.txt && \\',
        '    pip install openai==1.40.0 "langchain>=0.2" requests',
        'CMD ["python", "app.py"]',
      ].join('\n'),
      'scripts/setup.sh': [
        '#!/bin/sh',
        'set -e',
        'uv pip install anthropic',
        'python3 -m pip install -U transformers[torch] ./vendor/pkg',
      ].join('\n'),
      '.github/workflows/ci.yml': [
        'jobs:',
        '  test:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - run: |',
        '          pip install -q google-genai',
        '          npm install ai@latest @ai-sdk/openai@1.3.22 left-pad',
      ].join('\n'),
      'notebooks/demo.ipynb': notebook([
        '%pip install -qU langchain-openai chromadb',
        '!pip install "huggingface_hub==0.24.0"',
        'print("ready")',
      ]),
    });
    assert.deepEqual(sdkLines(bom).sort(), [
      '@ai-sdk/openai@1.3.22 .github/workflows/ci.yml:7',
      'ai .github/workflows/ci.yml:7',
      'anthropic scripts/setup.sh:3',
      'chromadb notebooks/demo.ipynb:9',
      'google-genai .github/workflows/ci.yml:6',
      'huggingface-hub@0.24.0 notebooks/demo.ipynb:10',
      'langchain Dockerfile:3',
      'langchain-openai notebooks/demo.ipynb:9',
      'openai@1.40.0 Dockerfile:3',
      'transformers scripts/setup.sh:4',
    ]);
    assert.deepEqual(propertyValues(find(bom, 'sdk', 'langchain'), 'version:range'), ['>=0.2']);
  });

  it('lists nothing for other commands, options, paths, variables and packages outside the AI catalogue', async () => {
    const bom = await inventoryOf({
      'run.sh': [
        'pip uninstall -y openai',
        'echo "pip install openai"',
        'pip install -r requirements-openai.txt --index-url https://example.com/simple',
        'pip install $EXTRA_PACKAGES ./local-anthropic requests flask',
        'npm install',
        'npm run build -- --openai',
        'pip download transformers',
      ].join('\n'),
      'notebooks/plain.ipynb': notebook(['# pip install openai is in the README', 'x = "!pip install anthropic"']),
    });
    assert.deepEqual(summary(bom), []);
  });

  it('reads installs run through su -c or sh -c, after variables, and global updates of coding-agent CLIs', async () => {
    const bom = await inventoryOf({
      '.devcontainer/claude/Dockerfile': [
        'FROM node:20',
        "RUN su node -c 'BUN_INSTALL=/home/node/.local bun install -g @anthropic-ai/claude-code' && mkdir -p /x",
        '',
      ].join('\n'),
      '.devcontainer/agent/DockerFile': 'FROM node:20\nRUN npm install -g @github/copilot\n',
      'post-start.sh': 'claude update || bun update -g @openai/codex\nbash -lc "pip install anthropic"\n',
    });
    assert.deepEqual(summary(bom), ['sdk @anthropic-ai/claude-code', 'sdk @github/copilot', 'sdk @openai/codex', 'sdk anthropic']);
  });

  it('near miss: an update without -g, a su without -c and a script path install nothing', async () => {
    const bom = await inventoryOf({ 'setup.sh': 'npm update @github/copilot\nsu node install.sh openai\nsh -c ./install.sh\n' });
    assert.deepEqual(summary(bom), []);
  });
});
