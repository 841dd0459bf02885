import { isUserProse, promptComponent } from './codePrompts';
import { property } from './components';
import type { PartialComponent } from './types';

/**
 * Requests written for an HTTP client (VS Code REST Client and JetBrains `.http` / `.rest` files) that call an AI
 * API: the role messages of their JSON bodies (`POST https://….openai.azure.com/openai/v1/responses` with
 * `{"role": "system", "content": "Extract the event information."}`), as `path#system@line` / `path#user@line`.
 */
export function isHttpRequestFile(basename: string): boolean {
  return HTTP_FILE.test(basename);
}

const HTTP_FILE = /\.(?:http|rest)$/i;

/**
 * A request line to an AI API (`POST https://api.openai.com/v1/chat/completions`, Azure OpenAI, Anthropic, Gemini).
 * A bare `/v1/messages` or `/responses` path is any API's (a survey's responses): Anthropic's needs its version header.
 */
const AI_REQUEST = /^(?:POST|PUT)\s+[^\n]*?(?:openai|anthropic|generativelanguage|aiplatform|mistral|groq|cohere|\/chat\/completions)/im;

function callsAiApi(text: string): boolean {
  return AI_REQUEST.test(text) || (/\/v1\/messages\b/.test(text) && /^anthropic-version\s*:/im.test(text));
}

/** One role message written on one line: `{"role": "system", "content": "…"}`. */
const ROLE_MESSAGE = /"role"\s*:\s*"(system|developer|user)"\s*,\s*"content"\s*:\s*"((?:[^"\\]|\\.)*)"/g;

export function collectHttpRequestPrompts(path: string, text: string): PartialComponent[] {
  if (!callsAiApi(text)) return [];
  const components: PartialComponent[] = [];
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    for (const match of line.matchAll(ROLE_MESSAGE)) {
      const [, role, content = ''] = match;
      const user = role === 'user';
      // A system message may be a short instruction; a user turn must be a question or a request.
      if (user ? !isUserProse(content) : content.trim().split(/\s+/).length < 3) continue;
      const name = `${user ? 'user' : 'system'}@${index + 1}`;
      const type = property('prompt:type', user ? 'user-message' : 'system-message');
      components.push(promptComponent(path, name, content, [type], { path, line: index + 1, evidence: 'config', symbol: role }));
    }
  });
  return components;
}
