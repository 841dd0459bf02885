import { pairsWithKey } from '../parse/javascript';
import type { Node } from '../parse/treeSitter';
import type { TextEdit } from '../types';
import type { Rule, RuleContext } from './rule';

const OPTION = 'dangerouslyAllowBrowser';

export const aip203: Rule = {
  meta: {
    id: 'AIP203',
    name: 'browser-ai-client',
    title: 'AI client allowed to run in the browser',
    explanation:
      'The OpenAI, Anthropic, Groq, Together, Cerebras and other Stainless-generated SDKs refuse to run in a browser because the client needs the provider API key. `dangerouslyAllowBrowser: true` turns that guard off: the key is bundled into the page and every visitor can read it from the network tab and spend it, read your files and batches, or use your quota and data-retention settings.',
    remediation:
      'Remove the option and call the model from your own server (an API route, server action or edge function) that holds the key and applies authentication and rate limits. Where the browser must talk to the provider directly (for example the Realtime API), have the server mint a short-lived ephemeral token per session instead of shipping the long-lived key.',
    owasp: ['LLM02:2025'],
    cwe: ['CWE-522', 'CWE-200'],
    atlas: ['AML.T0055'],
    defaultSeverity: 'error',
    securitySeverity: 7.5,
    confidence: 'high',
    fileKinds: ['javascript', 'typescript', 'tsx'],
    fixable: true,
    // Unsafe: without the option the SDK throws in the browser, so the page breaks until the call moves to a server.
    fixApplicability: 'unsafe',
    messages: {
      browserClient:
        '{option}: true lets the {client} client run in the browser, which ships its API key to every visitor of the page. Call the model from a server route, or give the browser a short-lived ephemeral token.',
    },
    references: [
      {
        title: 'OpenAI: best practices for API key safety',
        url: 'https://help.openai.com/en/articles/5112595-best-practices-for-api-key-safety',
      },
    ],
    evaluation:
      'Not exercised by the Python corpus of the wave-1 review (huggingface/diffusers, peft, trl, cookbook): no finding; judged on its fixtures.',
    since: '0.1.0',
    example: {
      language: 'typescript',
      bad: 'const client = new OpenAI({ apiKey, dangerouslyAllowBrowser: true });',
      good: '// server route only\nconst client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });',
    },
  },
  triggers: [OPTION],
  check(context: RuleContext) {
    const facts = context.facts();
    for (const { object, pair, value } of pairsWithKey(facts.javascript.root, OPTION)) {
      // Only the literal `true`: `false`, a variable or a shorthand `{ dangerouslyAllowBrowser }` stay silent.
      if (value.type !== 'true') continue;
      const client = facts.flow.reaches(object, constructorAt);
      if (!client) continue;
      context.report({
        at: pair,
        messageId: 'browserClient',
        data: { option: OPTION, client },
        fix: { title: `Remove ${OPTION}`, edits: [removePairEdit(context, object, pair)], applicability: 'unsafe' },
      });
    }
  },
};

/**
 * The constructor (as written) a value is passed to: the flow engine carries the options object up
 * through enclosing objects (`{ configuration: {...} }`, `{ ...base }`) and through variables of the
 * same file (`const opts = {...}; new OpenAI(opts)`); this says when it has arrived at a `new`.
 */
function constructorAt(position: Node): string | undefined {
  const parent = position.parent;
  if (parent?.type !== 'arguments' || parent.parent?.type !== 'new_expression') return undefined;
  return parent.parent.childForFieldName('constructor')?.text ?? 'AI';
}

/**
 * Removes one property with its comma. On its own line (optionally followed by a line comment)
 * the whole line goes; otherwise the property and one adjacent comma, leaving `{}` when it was alone.
 */
function removePairEdit(context: RuleContext, object: Node, pair: Node): TextEdit {
  const { text, lines } = context;
  const members = object.namedChildren.filter((child): child is Node => child !== null && child.type !== 'comment');
  const index = members.findIndex((member) => member.id === pair.id);
  const comma = pair.nextSibling?.type === ',' ? pair.nextSibling : undefined;
  const end = comma?.endIndex ?? pair.endIndex;
  const startLine = pair.startPosition.row;
  const endLine = lines.positionAt(end).line;
  const before = text.slice(lines.lineStart(startLine), pair.startIndex);
  const after = text.slice(end, lines.lineEnd(endLine));
  let span: [number, number];
  if (before.trim() === '' && /^\s*(\/\/.*)?$/.test(after)) span = [lines.lineStart(startLine), lines.lineStart(endLine + 1)];
  else if (members[index + 1]) span = [pair.startIndex, members[index + 1].startIndex];
  else if (members[index - 1]) span = [members[index - 1].endIndex, pair.endIndex];
  else span = [object.startIndex + 1, object.endIndex - 1];
  return { range: lines.rangeOf(span[0], span[1]), newText: '' };
}
