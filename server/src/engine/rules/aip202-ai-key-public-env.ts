import { secretProviders } from '../secrets/detect';
import type { Rule, RuleContext } from './rule';

/**
 * An AI key in an environment variable that a front-end build inlines into the JavaScript it ships
 * (Next.js `NEXT_PUBLIC_`, Vite `VITE_`, Create React App `REACT_APP_`, Expo `EXPO_PUBLIC_`,
 * SvelteKit `PUBLIC_`): read in JS/TS code or declared in a `.env*` file. The name decides,
 * whatever the value: a template that asks for the key in a public variable ships it too.
 */

const PUBLIC_PREFIXES = ['NEXT_PUBLIC_', 'VITE_', 'REACT_APP_', 'EXPO_PUBLIC_', 'PUBLIC_'];
const PUBLIC_NAME = /(?<![A-Za-z0-9_])(?:NEXT_PUBLIC_|VITE_|REACT_APP_|EXPO_PUBLIC_|PUBLIC_)[A-Z0-9_]+(?![A-Za-z0-9_])/g;
/** Name parts that say the value is a credential. */
const SECRET_PARTS = new Set(['KEY', 'TOKEN', 'SECRET', 'APIKEY', 'PAT']);
/** Provider words besides the first part of each provider's variable (`OPENAI` of `OPENAI_API_KEY`). */
const EXTRA_PROVIDER_PARTS = [
  'AZURE',
  'CLAUDE',
  'GEMINI',
  'GENAI',
  'HUGGINGFACE',
  'GROK',
  'GPT',
  'CHATGPT',
  'LLM',
  'LANGCHAIN',
  'PPLX',
  'COHERE',
];

let providerParts: Set<string> | undefined;

/** Upper-case words that name an AI provider in a variable name. */
function aiProviderParts(): Set<string> {
  providerParts ??= new Set([
    ...secretProviders()
      .filter((provider) => provider.ai)
      .map((provider) => provider.envVar.split('_')[0]),
    ...EXTRA_PROVIDER_PARTS,
  ]);
  return providerParts;
}

/** Whether a public variable's name says it holds an AI credential (a Langfuse `…_PUBLIC_KEY` is public by design). */
export function isPublicAiKeyName(name: string): boolean {
  const prefix = PUBLIC_PREFIXES.find((candidate) => name.startsWith(candidate));
  if (!prefix) return false;
  const parts = name.slice(prefix.length).split('_');
  if (parts.at(-1) === 'KEY' && parts.at(-2) === 'PUBLIC') return false;
  const providers = aiProviderParts();
  return parts.some((part) => providers.has(part)) && parts.some((part) => SECRET_PARTS.has(part));
}

export const aip202: Rule = {
  meta: {
    id: 'AIP202',
    name: 'ai-key-public-env',
    title: 'AI key in a public (client-bundled) environment variable',
    explanation:
      'Front-end frameworks copy every environment variable with a public prefix (`NEXT_PUBLIC_`, `VITE_`, `REACT_APP_`, `EXPO_PUBLIC_`, SvelteKit `PUBLIC_`) into the JavaScript they build, as plain text. An AI provider key in such a variable is shipped to every visitor of the site or user of the app, who can copy it from the bundle and spend it, whatever the code does with it.',
    remediation:
      'Rename the variable without the public prefix, read it only in server code (an API route, a server action, an edge function) that calls the model, and rotate the key if a build with it was ever deployed. Where the browser must talk to the provider directly, have the server mint short-lived ephemeral tokens.',
    owasp: ['LLM02:2025'],
    cwe: ['CWE-200', 'CWE-522'],
    atlas: ['AML.T0055'],
    defaultSeverity: 'error',
    securitySeverity: 7.5,
    confidence: 'high',
    fileKinds: ['javascript', 'typescript', 'tsx', 'dotenv'],
    fixable: false,
    messages: {
      publicKeyInCode:
        '{name} is an AI key in a public variable: the build inlines it into the JavaScript sent to every visitor. Read the key only in server code, under a name without the {prefix} prefix.',
      publicKeyInEnvFile:
        '{name} declares an AI key in a public variable: the build inlines it into the JavaScript sent to every visitor. Rename it without the {prefix} prefix and read it only in server code.',
    },
    references: [
      { title: 'Next.js: bundling environment variables for the browser', url: 'https://nextjs.org/docs/app/guides/environment-variables' },
      { title: 'Vite: env variables and modes', url: 'https://vite.dev/guide/env-and-mode' },
    ],
    since: '0.1.0',
    example: {
      language: 'typescript',
      bad: 'const openai = new OpenAI({ apiKey: process.env.NEXT_PUBLIC_OPENAI_API_KEY });',
      good: '// app/api/chat/route.ts (server only)\nconst openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });',
    },
    limits: [
      'Judged by the variable name: a public variable named without a provider word (`VITE_API_KEY`) is not reported, a name with one that holds no key is.',
      'Only JS/TS code and `.env*` files; bundler `define` settings and framework configs that expose other prefixes are not read.',
    ],
  },
  triggers: PUBLIC_PREFIXES,
  check(context: RuleContext) {
    const inEnvFile = context.kind === 'dotenv';
    for (const match of context.text.matchAll(PUBLIC_NAME)) {
      const name = match[0];
      const start = match.index ?? 0;
      if (!isPublicAiKeyName(name)) continue;
      if (inEnvFile ? !isDeclaration(context, start, name) : isInComment(context, start)) continue;
      context.report({
        at: context.lines.rangeOf(start, start + name.length),
        messageId: inEnvFile ? 'publicKeyInEnvFile' : 'publicKeyInCode',
        data: { name, prefix: PUBLIC_PREFIXES.find((prefix) => name.startsWith(prefix)) ?? '' },
      });
    }
  },
};

/** In a `.env` file only the declaration counts (`NAME=…`, `export NAME=…`), not a mention in a comment. */
function isDeclaration(context: RuleContext, start: number, name: string): boolean {
  const line = context.lines.lineText(context.lines.positionAt(start).line);
  return new RegExp(`^\\s*(?:export\\s+)?${name}\\s*=`).test(line);
}

/** Whether the syntax tree puts an offset inside a comment (a name in a comment is not a use). */
function isInComment(context: RuleContext, start: number): boolean {
  const node = context.tree?.rootNode.descendantForIndex(start, start);
  return node?.type === 'comment' || node?.parent?.type === 'comment';
}
