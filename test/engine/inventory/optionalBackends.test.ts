import * as assert from 'node:assert/strict';
import { pythonProbedModules } from '../../../server/src/engine/parse/pythonImports';
import { find, inventoryOf, namesOf } from './helpers';

/** Agent, gateway and local-runtime SDKs, ML backends, and optional backends a library probes by name. */

describe('inventory: agent, gateway and runtime SDKs and ML backends', () => {
  it('lists the packages by manifest in their ecosystems, and not their plain neighbours', async () => {
    const bom = await inventoryOf({
      'pyproject.toml': [
        '[project]',
        'name = "lib"',
        'dependencies = [',
        '  "deepagents>=0.6", "managed-deepagents==0.3.0", "any-llm-sdk[anthropic]", "foundry-local-sdk",',
        '  "mistralrs", "hnswlib", "datatrove", "hf_transfer", "aqlm[gpu]>=1.0.2", "eetq", "hqq", "gptqmodel",',
        '  "neural-compressor", "torchao", "transformer-engine", "torch-xla",',
        '  "hnsw", "torch-geometric-temporal", "transformer", "datatrove-utils",',
        ']',
      ].join('\n'),
      'package.json': JSON.stringify({
        dependencies: { 'ai-gateway-provider': '3.1.3', 'foundry-local-sdk': '0.3.0', deepagents: '1.0.0', agents: '0.2.0' },
        devDependencies: { 'vitest-evals': '0.1.4', vitest: '3.0.0', 'agents-md': '1.0.0' },
      }),
    });
    assert.deepEqual(namesOf(bom, 'sdk'), [
      'agents',
      'ai-gateway-provider',
      'any-llm-sdk',
      'aqlm',
      'datatrove',
      'deepagents',
      'deepagents',
      'eetq',
      'foundry-local-sdk',
      'foundry-local-sdk',
      'gptqmodel',
      'hf-transfer',
      'hnswlib',
      'hqq',
      'managed-deepagents',
      'mistralrs',
      'neural-compressor',
      'torch-xla',
      'torchao',
      'transformer-engine',
      'vitest-evals',
    ]);
    assert.equal(find(bom, 'sdk', 'any-llm-sdk').category, 'llm-gateway');
  });

  it('knows the packages code imports by their module names', async () => {
    const bom = await inventoryOf({
      'agent.py': [
        'from any_llm import completion',
        'from managed_deepagents import define_deep_agent',
        'import torch_xla.core.xla_model as xm',
      ].join('\n'),
      'Agent.java': ['package demo;', 'import com.google.adk.agents.LlmAgent;', 'class Agent {}'].join('\n'),
    });
    assert.deepEqual(namesOf(bom, 'sdk'), ['any-llm-sdk', 'com.google.adk:google-adk', 'managed-deepagents', 'torch-xla']);
  });
});

describe('inventory: optional backends probed by name', () => {
  it('lists a package imported under an availability check, probed with find_spec or loaded by name', async () => {
    const bom = await inventoryOf({
      'lib/import_utils.py': [
        'import importlib',
        'import importlib.util',
        '',
        'def is_aqlm_available():',
        '    return importlib.util.find_spec("aqlm") is not None',
        '',
        'def is_te_available():',
        '    return _is_package_available("transformer_engine")',
        '',
        'def load_inc():',
        '    return importlib.import_module("neural_compressor")',
      ].join('\n'),
      'lib/backends.py': ['import importlib.util', 'HAS_HQQ = importlib.util.find_spec("hqq") is not None'].join('\n'),
      'lib/hqq_layer.py': [
        'try:',
        '    import hqq',
        'except ImportError:',
        '    hqq = None',
        '',
        'if is_eetq_available():',
        '    from eetq import EetqLinear',
      ].join('\n'),
    });
    assert.deepEqual(namesOf(bom, 'sdk'), ['aqlm', 'eetq', 'hqq', 'neural-compressor', 'transformer-engine']);
    assert.deepEqual(
      find(bom, 'sdk', 'hqq').occurrences.map((entry) => `${entry.path}:${entry.line}`),
      ['lib/backends.py:2', 'lib/hqq_layer.py:2'],
    );
    assert.deepEqual(find(bom, 'sdk', 'aqlm').occurrences, [{ path: 'lib/import_utils.py', line: 5, evidence: 'import', symbol: 'aqlm' }]);
  });

  it('reads no probe of a built name, a relative module, another object, a comment or a docstring', async () => {
    const bom = await inventoryOf({
      'lib/utils.py': [
        'import importlib',
        '"""Backends: importlib.util.find_spec("hqq")."""',
        'name = "torchao"',
        'importlib.util.find_spec(name)',
        'importlib.import_module(f"{name}.quant")',
        'importlib.import_module(".models", package="lib")',
        'finder.find_spec("aqlm")',
        '# importlib.util.find_spec("eetq")',
        'importlib.util.find_spec("yaml")',
      ].join('\n'),
    });
    assert.deepEqual(namesOf(bom, 'sdk'), []);
    assert.deepEqual(
      pythonProbedModules('x = find_spec("a.b")\ny = __import__("c", fromlist=[])\nz = my_find_spec("d")').map(
        (probe) => `${probe.module}@${probe.row}`,
      ),
      ['a.b@0', 'c@1'],
    );
  });
});
