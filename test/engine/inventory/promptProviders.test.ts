import * as assert from 'node:assert/strict';
import { sortedPromptNames } from './helpers';

describe('inventory: prompts reached through a prompt provider', () => {
  it('lists a function named for a prompt that returns what a prompts module provides', async () => {
    const prompts = `import type { Config } from '../config/config.js';
import { PromptProvider } from '../prompts/promptProvider.js';
import { renderSummaryPrompt } from './prompts/summary.js';

export function getCoreSystemPrompt(config: Config, memory?: string): string {
  return new PromptProvider().getCoreSystemPrompt(config, memory);
}

export const getSummaryPrompt = (config: Config) => renderSummaryPrompt(config);

export function getPromptCount(config: Config): number {
  return new PromptProvider().countPrompts(config);
}
`;
    assert.deepEqual(await sortedPromptNames({ 'src/core/prompts.ts': prompts }), [
      'src/core/prompts.ts#getCoreSystemPrompt',
      'src/core/prompts.ts#getSummaryPrompt',
    ]);
  });

  it('near miss: a prompt getter of a module that is no prompts module is not one', async () => {
    const cli = `import { Terminal } from './terminal.js';

export function getShellPrompt(term: Terminal): string {
  return new Terminal().renderPrompt(term);
}
`;
    assert.deepEqual(await sortedPromptNames({ 'src/cli/shell.ts': cli }), []);
  });
});

describe('inventory: nudges sent to the model', () => {
  it('lists text appended to the system instruction and text parts sent as a turn, by their variable', async () => {
    const chat = `import { GoogleGenAI } from '@google/genai';

export class Chat {
  send(config: { systemInstruction?: string }, lastError: { type: string }) {
    let nudgeMessage = '';
    if (lastError.type === 'THINKING_ONLY') {
      nudgeMessage = '[System: You previously generated thoughts but failed to provide a final response. Please answer now.]';
    } else if (lastError.type === 'EMPTY') {
      nudgeMessage = '[System: You previously returned an empty response. Please ensure you provide your final answer.]';
    }
    if (nudgeMessage) config.systemInstruction += nudgeMessage;
  }

  recover(detail: string) {
    const feedbackText = \`System: Potential loop detected. Details: \${detail}. Please take a step back and confirm you are making progress.\`;
    const feedback = [{ text: feedbackText }];
    return this.sendMessageStream(feedback);
  }

  status(label: string) {
    const statusText = 'Done.';
    return this.sendMessageStream([{ text: statusText }, { text: label }]);
  }
}
`;
    assert.deepEqual(await sortedPromptNames({ 'src/core/chat.ts': chat }), [
      'src/core/chat.ts#feedbackText',
      'src/core/chat.ts#nudgeMessage',
    ]);
  });
});

describe('inventory: TypeScript prompts built piece by piece', () => {
  it('lists a prompt-named function that appends its text to a let variable', async () => {
    const build = `import { encode } from 'gpt-tokenizer';

const buildBasePrompt = (prompt: string, assistant: { name: string } | null) => {
  let fullPrompt = '';
  if (assistant) {
    fullPrompt += \`<INJECT ROLE>\\nYou are not an AI. You are \${assistant.name}.\\n</INJECT ROLE>\\n\\n\`;
  }
  fullPrompt += \`Today is \${new Date().toLocaleDateString()}.\\n\\n\`;
  fullPrompt += \`User Instructions:\\n\${prompt}\`;
  return fullPrompt;
};

const buildLabelPrompt = (label: string) => {
  let text = '';
  text += label;
  return text;
};

export const tokens = (text: string) => encode(buildBasePrompt(text, null) + buildLabelPrompt(text)).length;
`;
    assert.deepEqual(await sortedPromptNames({ 'lib/build-prompt.ts': build }), ['lib/build-prompt.ts#buildBasePrompt']);
  });
});
