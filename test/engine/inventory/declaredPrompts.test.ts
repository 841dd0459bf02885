import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { isPromptfooConfig } from '../../../server/src/engine/inventory/declaredPrompts';
import { find, inventoryOf, propertyValues, summary } from './helpers';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

describe('inventory: prompts declared by configuration', () => {
  it("a declarative agent's $[file('instruction.txt')] is the instruction file, which the agent depends on", async () => {
    // The shape of the Microsoft 365 Agents Toolkit samples.
    const agent = [
      '{',
      '    "$schema": "https://developer.microsoft.com/json-schemas/copilot/declarative-agent/v1.6/schema.json",',
      '    "version": "v1.6",',
      '    "name": "Repairs",',
      '    "description": "Declarative agent created with Microsoft 365 Agents Toolkit",',
      `    "instructions": "$[file('instruction.txt')]"`,
      '}',
    ].join('\n');
    const instructions = 'You will help the user find car repair records.';
    const bom = await inventoryOf({
      'appPackage/declarativeAgent.json': agent,
      'appPackage/instruction.txt': instructions,
      'other/appPackage/declarativeAgent.json': agent.replace('Repairs', 'Other'),
    });
    assert.deepEqual(summary(bom), ['plugin Other', 'plugin Repairs', 'prompt appPackage/instruction.txt']);
    const prompt = find(bom, 'prompt', 'appPackage/instruction.txt');
    assert.equal(prompt.sha256, sha(instructions));
    assert.deepEqual(prompt.occurrences, [
      { path: 'appPackage/declarativeAgent.json', line: 6, evidence: 'config', symbol: 'instructions' },
    ]);
    assert.deepEqual(propertyValues(prompt, 'prompt:type'), ['file']);
    assert.deepEqual(find(bom, 'plugin', 'Repairs').dependsOn, ['prompt:appPackage/instruction.txt']);
    // The other agent names a file that is not there: no prompt, no dangling dependency.
    assert.deepEqual(find(bom, 'plugin', 'Other').dependsOn, []);
  });

  it('promptfoo configs: prompt files, inline prompts and Langfuse prompts; code files and short labels are not prompts', async () => {
    assert.ok(isPromptfooConfig('promptfooconfig.yaml'));
    assert.ok(isPromptfooConfig('evals/promptfooconfig-advanced.yml'));
    assert.ok(!isPromptfooConfig('promptfoo.yaml'));
    const config = [
      'description: "Proofreader evaluation"',
      'prompts:',
      '  - file://prompts/proofread.txt',
      '  - file://prompts/render.py:render_prompt',
      '  - "langfuse://veeds-proofreader@production"',
      '  - label: "Standard"',
      '    raw: |',
      '      You are a helpful assistant for vehicle information.',
      '      Question: {{query}}',
      '  - "Hi {{name}}"',
      'providers:',
      '  - openai:chat:gpt-4o-mini',
      '',
    ].join('\n');
    const bom = await inventoryOf({
      'evals/promptfooconfig.yaml': config,
      'evals/prompts/proofread.txt': 'Proofread: {{text}}\n',
      'src/proofreader.py': 'from langfuse import Langfuse\nlangfuse = Langfuse()\nprompt = langfuse.get_prompt("veeds-proofreader")\n',
    });
    const prompts = bom.components.filter((component) => component.kind === 'prompt');
    assert.deepEqual(
      prompts.map((component) => component.name),
      ['evals/promptfooconfig.yaml#prompts[3]', 'evals/prompts/proofread.txt', 'langfuse:veeds-proofreader'],
    );
    assert.equal(find(bom, 'prompt', 'evals/promptfooconfig.yaml#prompts[3]').occurrences[0].line, 7);
    // One Langfuse prompt, found in the config and in the code that pulls it.
    assert.deepEqual(
      find(bom, 'prompt', 'langfuse:veeds-proofreader').occurrences.map((at) => `${at.path}:${at.line}`),
      ['evals/promptfooconfig.yaml:5', 'src/proofreader.py:3'],
    );
    assert.deepEqual(propertyValues(find(bom, 'prompt', 'langfuse:veeds-proofreader'), 'prompt:version'), ['production']);
  });
});
