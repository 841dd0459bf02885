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
  it('reads Makefile recipes and the AI modules scripts run with python -m, also through a cluster launcher', async () => {
    const bom = await inventoryOf({
      Makefile: [
        'install:',
        '\tuv venv env && . env/bin/activate && uv pip install --upgrade pip && \\',
        '\tuv pip install vllm==0.8.5.post1 && \\',
        '\tuv pip install flash-attn --no-build-isolation',
        'style:',
        '\t@pip install ruff',
        '\t-python -m nltk.downloader punkt',
      ].join('\n'),
      'slurm/serve.slurm': [
        '#!/bin/bash',
        'srun --nodes=2 --ntasks=2 \\',
        '    bash -c "python -m sglang.launch_server --tp 16 --port 30000" &',
        'python -m sglang_router.launch_router --port 8000',
      ].join('\n'),
      // Near misses: the standard library, the workspace's own module, an MCP server's module, a module in prose.
      'scripts/run.sh': [
        'python -m venv .venv',
        'python -m http.server 8000',
        'python -m src.train --epochs 3',
        'python -m mcp_server_fetch',
        'echo "python -m vllm is not run here"',
      ].join('\n'),
    });
    assert.deepEqual(sdkLines(bom), [
      'flash-attn Makefile:4',
      'nltk Makefile:7',
      'sglang slurm/serve.slurm:3',
      'sglang-router slurm/serve.slurm:4',
      'vllm@0.8.5.post1 Makefile:3',
    ]);
  });

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
