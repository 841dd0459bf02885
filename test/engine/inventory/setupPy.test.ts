import * as assert from 'node:assert/strict';
import { BomBuilder } from '../../../server/src/engine/inventory/bomBuilder';
import { find, inventoryOf, summary } from './helpers';

/** `setup.py` as real packages write it: names bound to lists, concatenations, extras built up item by item. */
describe('inventory: setup.py requirements', () => {
  it('follows names, concatenations and extras assembled by item assignment', async () => {
    const bom = await inventoryOf({
      'setup.py': [
        'import setuptools',
        '',
        'REQUIRED = [',
        '    "numpy",',
        '    "openai>=1.40",',
        ']',
        'TORCH = ["torch==2.4.1", "accelerate"]',
        'EXTRAS = {}',
        'EXTRAS["vector"] = ["chromadb>=0.5"]',
        'EXTRAS["all"] = EXTRAS["vector"] + TORCH',
        '',
        'setuptools.setup(',
        '    name="agent",',
        '    install_requires=REQUIRED + ["tiktoken"],',
        '    extras_require=EXTRAS,',
        ')',
        '',
      ].join('\n'),
    });
    assert.deepEqual(summary(bom), ['sdk accelerate', 'sdk chromadb', 'sdk openai', 'sdk tiktoken', 'sdk torch@2.4.1']);
    assert.equal(find(bom, 'sdk', 'openai').occurrences[0].line, 5);
  });

  it('reads extras written as dict(…) with names for values, and a name that is never bound', async () => {
    const bom = await inventoryOf({
      'setup.py': [
        'from setuptools import find_packages, setup',
        'hf = ["transformers>=4.44", "datasets"]',
        'setup(',
        '    name="kit",',
        '    packages=find_packages(),',
        '    install_requires=read_requirements("requirements.txt"),',
        '    extras_require=dict(hf=hf, llm=["anthropic==0.42.0"], missing=UNKNOWN),',
        ')',
        '',
      ].join('\n'),
    });
    assert.deepEqual(summary(bom), ['sdk anthropic@0.42.0', 'sdk datasets', 'sdk transformers']);
  });

  it('a list that names itself does not loop', async () => {
    const bom = await inventoryOf({ 'setup.py': 'from setuptools import setup\nA = A + ["openai"]\nsetup(install_requires=A)\n' });
    assert.deepEqual(summary(bom), ['sdk openai']);
  });

  it('pyproject dynamic dependencies read from requirement files, whatever their names', async () => {
    const pyproject = [
      '[project]',
      'name = "kit"',
      'dynamic = ["dependencies", "optional-dependencies"]',
      '[tool.setuptools.dynamic]',
      'dependencies = { file = ["deps/base.pip"] }',
      'optional-dependencies.llm = { file = "deps/llm.pip" }',
      '',
    ].join('\n');
    const files: Record<string, string> = { 'pkg/deps/base.pip': 'numpy\nopenai==1.51.0\n', 'pkg/deps/llm.pip': 'anthropic>=0.40\n' };
    const builder = new BomBuilder();
    await builder.addFile('pkg/pyproject.toml', pyproject);
    const bom = await builder.finish(async (path) => files[path]);
    assert.deepEqual(summary(bom), ['sdk anthropic', 'sdk openai@1.51.0']);
    assert.deepEqual(
      find(bom, 'sdk', 'openai').occurrences.map((entry) => `${entry.path}:${entry.line}`),
      ['pkg/deps/base.pip:2'],
    );
  });
});
