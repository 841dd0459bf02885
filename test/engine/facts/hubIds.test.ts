import * as assert from 'node:assert/strict';
import { hubIdKind } from '../../../server/src/engine/facts/hubIds';
import { inventoryOf, summary } from '../inventory/helpers';

describe('Hub ids (one decision for AIP105 and the AI-BOM)', () => {
  it('tells Hub ids from placeholders and local folders', () => {
    for (const id of ['gpt2', 'meta-llama/Llama-3.1-8B', 'black-forest-labs/FLUX.1-dev', 'org/model', 'acme/model_id_v2'])
      assert.equal(hubIdKind(id), 'hub', id);
    for (const id of [
      'path-to-your-trained-model',
      'path/to/model',
      'your-model-id',
      'your_username/your-model',
      '<model>',
      '{model_id}',
      '...',
      'model_id',
      'username/my-lora',
      'acme/model_name',
    ])
      assert.equal(hubIdKind(id), 'placeholder', id);
    for (const id of [
      './checkpoints/run1',
      '../models/x',
      '/opt/models/x',
      '~/models/x',
      'C:\\models\\x',
      'outputs/run1/final',
      'model.safetensors',
    ])
      assert.equal(hubIdKind(id), 'local', id);
    assert.equal(hubIdKind('outputs/merged'), 'hub');
    assert.equal(hubIdKind('outputs/merged', { saved: new Set(['outputs/merged']) }), 'local');
    assert.equal(hubIdKind('outputs/merged', { isWorkspaceFolder: (name) => name === 'outputs' }), 'local');
    assert.equal(hubIdKind('two words'), 'other');
  });

  it('keeps placeholders and folders the file writes out of the AI-BOM', async () => {
    const bom = await inventoryOf({
      'train.py': [
        'from diffusers import DiffusionPipeline',
        'pipe = DiffusionPipeline.from_pretrained("path-to-your-trained-model")',
        'pipe.save_pretrained("outputs/merged")',
        'merged = DiffusionPipeline.from_pretrained("outputs/merged")',
        'base = DiffusionPipeline.from_pretrained("stabilityai/stable-diffusion-2-1")',
        '',
      ].join('\n'),
    });
    assert.deepEqual(
      summary(bom).filter((line) => line.startsWith('model ')),
      ['model stabilityai/stable-diffusion-2-1 (huggingface)'],
    );
  });

  it('keeps the folders a script writes through its output settings out of the AI-BOM', async () => {
    const bom = await inventoryOf({
      'merge.py': [
        'import argparse',
        'from dataclasses import dataclass, field',
        'from transformers import AutoModelForCausalLM',
        '@dataclass',
        'class MergeArguments:',
        '    save_dir: str = field(default="ckpt/merged-lora")',
        'parser = argparse.ArgumentParser()',
        'parser.add_argument("--output-dir", default="merged/llama-lora")',
        'check = AutoModelForCausalLM.from_pretrained("merged/llama-lora")',
        'again = AutoModelForCausalLM.from_pretrained("ckpt/merged-lora")',
        'base = AutoModelForCausalLM.from_pretrained("meta-llama/Llama-3.2-1B")',
        '',
      ].join('\n'),
    });
    assert.deepEqual(
      summary(bom).filter((line) => line.startsWith('model ')),
      ['model meta-llama/Llama-3.2-1B (huggingface)'],
    );
  });
});
