import Anthropic from '@anthropic-ai/sdk';

const anthropic = new Anthropic();

export async function summarize(text: string): Promise<string> {
  const message = await anthropic.messages.create({
    model: 'claude-3-5-sonnet-latest',
    max_tokens: 512,
    messages: [{ role: 'user', content: `Summarize:\n${text}` }],
  });
  const first = message.content[0];
  return first.type === 'text' ? first.text : '';
}
