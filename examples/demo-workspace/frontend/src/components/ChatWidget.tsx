import OpenAI from 'openai';
import { useState } from 'react';

// Quick prototype: the widget calls the model straight from the browser.
const openai = new OpenAI({
  apiKey: import.meta.env.VITE_SUPPORT_API_KEY,
  dangerouslyAllowBrowser: true,
});

export function ChatWidget() {
  const [answer, setAnswer] = useState('');

  async function ask(question: string) {
    const completion = await openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: question }],
    });
    setAnswer(completion.choices[0].message.content ?? '');
  }

  return (
    <form onSubmit={(event) => { event.preventDefault(); ask(new FormData(event.currentTarget).get('q') as string); }}>
      <input name="q" placeholder="Ask support" />
      <output>{answer}</output>
    </form>
  );
}
