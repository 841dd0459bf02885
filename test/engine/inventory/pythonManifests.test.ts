import * as assert from 'node:assert/strict';
import { BomBuilder } from '../../../server/src/engine/inventory/bomBuilder';
import { collectFromFile } from '../../../server/src/engine/inventory/collect';
import { parseRequirement } from '../../../server/src/engine/inventory/pythonManifests';
import { find, inventoryOf, propertyValues, summary } from './helpers';

describe('inventory: Python manifests and lockfiles', () => {
  it('parses PEP 508 requirement strings', () => {
    assert.deepEqual(parseRequirement('openai==1.51.0'), { name: 'openai', specifier: '==1.51.0' });
    assert.deepEqual(parseRequirement('transformers[torch] >=4.40, <5 ; python_version >= "3.9"'), {
      name: 'transformers',
      specifier: '>=4.40,<5',
    });
    assert.deepEqual(parseRequirement('langchain @ git+https://github.com/langchain-ai/langchain'), { name: 'langchain', specifier: '' });
    assert.deepEqual(parseRequirement('git+https://github.com/x/y.git#egg=llama-index'), { name: 'llama-index', specifier: '' });
    assert.equal(parseRequirement('./local/package'), undefined);
  });

  it('reads requirements files: pins, ranges, extras, markers, continuations, hashes and editable eggs', async () => {
    const text = [
      '# service',
      'requests==2.32.3',
      'numpy>=1.26',
      'OpenAI==1.51.0  # the SDK',
      'langchain-community>=0.3 ; python_version >= "3.9"',
      'sentence_transformers \\',
      '    ==3.1.1',
      'anthropic==0.34.2 --hash=sha256:0000000000000000000000000000000000000000000000000000000000000000',
      '-e git+https://github.com/run-llama/llama_index.git#egg=llama-index-core',
      '--index-url https://pypi.org/simple',
      '',
    ].join('\n');
    const bom = await inventoryOf({ 'requirements.txt': text });
    assert.deepEqual(summary(bom), [
      'sdk anthropic@0.34.2',
      'sdk langchain-community',
      'sdk llama-index-core',
      'sdk openai@1.51.0',
      'sdk sentence-transformers@3.1.1',
    ]);
    assert.equal(find(bom, 'sdk', 'openai').purl, 'pkg:pypi/openai@1.51.0');
    assert.equal(find(bom, 'sdk', 'sentence-transformers').occurrences[0].line, 6);
    assert.deepEqual(propertyValues(find(bom, 'sdk', 'langchain-community'), 'version:range'), ['>=0.3']);
  });

  it('finds nothing AI in a plain web service', async () => {
    const bom = await inventoryOf({
      'requirements.txt': 'requests==2.32.3\nnumpy\nflask>=3\npandas\n',
      'pyproject.toml': '[project]\nname = "x"\ndependencies = ["httpx", "pydantic>=2"]\n',
    });
    assert.deepEqual(summary(bom), []);
  });

  it('records -r/-c includes, and constraints only pin what is required elsewhere', async () => {
    const partial = await collectFromFile('svc/requirements/prod.txt', '-r base.txt\n--constraint=../constraints/pins.txt\nopenai\n');
    assert.deepEqual(partial.includes, [
      { path: 'svc/requirements/base.txt', mode: 'requirements' },
      { path: 'svc/constraints/pins.txt', mode: 'constraints' },
    ]);
    const files: Record<string, string> = {
      'svc/requirements/base.txt': 'langchain>=0.3\n',
      'svc/constraints/pins.txt': 'openai==1.51.0\nlangchain==0.3.3\nanthropic==0.34.2\n',
    };
    const builder = new BomBuilder();
    await builder.addFile('svc/requirements/prod.txt', '-r base.txt\n--constraint=../constraints/pins.txt\nopenai\n');
    // `pins.txt` has no requirements-like name: the builder reads it because `-c` names it.
    const bom = await builder.finish(async (path) => files[path]);
    assert.deepEqual(summary(bom), ['sdk langchain@0.3.3', 'sdk openai@1.51.0']);
  });

  it('reads pyproject.toml: PEP 621, optional dependencies, dependency groups, Poetry and uv', async () => {
    const text = [
      '[project]',
      'name = "assistant"',
      'dependencies = ["openai>=1.40", "fastapi", "anthropic==0.34.2"]',
      '[project.optional-dependencies]',
      'local = ["llama-cpp-python>=0.3"]',
      '[dependency-groups]',
      'dev = ["pytest", "ragas>=0.2", { include-group = "lint" }]',
      'lint = ["ruff"]',
      '[tool.poetry.dependencies]',
      'python = "^3.11"',
      'langchain = "0.3.3"',
      'chromadb = { version = "^0.5", optional = true }',
      '[tool.poetry.group.test.dependencies]',
      'deepeval = "^1.4"',
      '[tool.uv]',
      'dev-dependencies = ["langsmith>=0.1"]',
      '',
    ].join('\n');
    const bom = await inventoryOf({ 'pyproject.toml': text });
    assert.deepEqual(summary(bom), [
      'sdk anthropic@0.34.2',
      'sdk chromadb',
      'sdk deepeval',
      'sdk langchain@0.3.3',
      'sdk langsmith',
      'sdk llama-cpp-python',
      'sdk openai',
      'sdk ragas',
    ]);
    assert.equal(find(bom, 'sdk', 'langchain').occurrences[0].line, 11);
    assert.deepEqual(propertyValues(find(bom, 'sdk', 'ragas'), 'dependency-scope'), ['development']);
    assert.deepEqual(propertyValues(find(bom, 'sdk', 'llama-cpp-python'), 'dependency-scope'), ['optional']);
  });

  it('reads Pipfile and takes versions from Pipfile.lock, poetry.lock and uv.lock', async () => {
    const bom = await inventoryOf({
      Pipfile: '[packages]\nopenai = "*"\nrequests = "*"\n[dev-packages]\npromptfoo = ">=0.1"\n',
      'Pipfile.lock': JSON.stringify(
        { default: { openai: { version: '==1.51.0' }, requests: { version: '==2.32.3' } }, develop: {} },
        null,
        2,
      ),
      'poetry.lock': '[[package]]\nname = "transformers"\nversion = "4.44.2"\n\n[[package]]\nname = "idna"\nversion = "3.10"\n',
      'uv.lock': [
        'version = 1',
        '[[package]]',
        'name = "assistant"',
        'version = "0.1.0"',
        'source = { editable = "." }',
        '[[package]]',
        'name = "mistralai"',
        'version = "1.2.3"',
        'source = { registry = "https://pypi.org/simple" }',
        '',
      ].join('\n'),
    });
    assert.deepEqual(summary(bom), ['sdk mistralai@1.2.3', 'sdk openai@1.51.0', 'sdk promptfoo', 'sdk transformers@4.44.2']);
    assert.equal(find(bom, 'sdk', 'mistralai').occurrences[0].line, 7);
  });

  it('reads setup.cfg and literal lists in setup.py without running it', async () => {
    const cfg = [
      '[metadata]',
      'name = x',
      '[options]',
      'install_requires =',
      '    openai>=1.0',
      '    requests',
      '[options.extras_require]',
      'hf = transformers>=4.0',
      '',
    ].join('\n');
    const py = [
      'from setuptools import setup',
      'REQUIREMENTS = ["anthropic>=0.30", "click"]',
      'setup(',
      '    name="tool",',
      '    install_requires=REQUIREMENTS,',
      '    extras_require={"vector": ["qdrant-client>=1.9"], "dev": ["pytest"]},',
      ')',
      '',
    ].join('\n');
    assert.deepEqual(summary(await inventoryOf({ 'setup.cfg': cfg })), ['sdk openai', 'sdk transformers']);
    const bom = await inventoryOf({ 'setup.py': py });
    assert.deepEqual(summary(bom), ['sdk anthropic', 'sdk qdrant-client']);
    assert.equal(find(bom, 'sdk', 'anthropic').occurrences[0].line, 2);
  });

  it('reads conda environment.yml, with conda names mapped to PyPI and the pip section', async () => {
    const text = [
      'name: ml',
      'channels: [pytorch, conda-forge]',
      'dependencies:',
      '  - python=3.11',
      '  - pytorch::pytorch==2.4.1',
      '  - numpy',
      '  - scikit-learn>=1.5',
      '  - pip',
      '  - pip:',
      '      - openai==1.51.0',
      '      - requests',
      '',
    ].join('\n');
    const bom = await inventoryOf({ 'environment.yml': text });
    assert.deepEqual(summary(bom), ['sdk openai@1.51.0', 'sdk scikit-learn', 'sdk torch@2.4.1']);
    assert.deepEqual(propertyValues(find(bom, 'sdk', 'torch'), 'installer'), ['conda']);
    assert.equal(find(bom, 'sdk', 'openai').occurrences[0].line, 10);
  });

  it('reads PEP 723 inline script metadata, with the line of each requirement', async () => {
    const script = [
      '# Copyright 2025 The authors.',
      '# /// script',
      '# requires-python = ">=3.10"',
      '# dependencies = [',
      '#     "trl @ git+https://github.com/huggingface/trl.git",',
      '#     "peft==0.15.2",',
      '#     "requests",',
      '# ]',
      '# ///',
      '',
      'from trl import SFTTrainer',
      '',
    ].join('\n');
    const bom = await inventoryOf({ 'examples/sft.py': script });
    assert.deepEqual(summary(bom), ['sdk peft@0.15.2', 'sdk trl']);
    assert.equal(find(bom, 'sdk', 'peft').occurrences[0].line, 6);
    assert.equal(find(bom, 'sdk', 'trl').occurrences[0].evidence, 'manifest');
  });

  it('ignores a script block that is not closed, or one of another type', async () => {
    const unclosed = ['# /// script', '# dependencies = ["openai"]', '', 'import os', ''].join('\n');
    const other = ['# /// pyproject', '# dependencies = ["anthropic"]', '# ///', 'import os', ''].join('\n');
    assert.deepEqual(summary(await inventoryOf({ 'a.py': unclosed, 'b.py': other })), []);
  });
});
