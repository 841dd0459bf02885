import { type JsModule, objectPairs } from '../parse/javascript';
import type { Node } from '../parse/treeSitter';
import type { TextEdit } from '../types';
import type { Rule, RuleContext } from './rule';

const OPTION = 'dangerouslyAllowBrowser';

/** Expressions that pass their operand through unchanged (`(x)`, `x as const`, `x satisfies T`, `x!`). */
const TRANSPARENT = new Set(['parenthesized_expression', 'as_expression', 'satisfies_expression', 'non_null_expression']);

/** How many variables an options object may pass through before reaching `new`. */
const MAX_HOPS = 3;

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
    since: '0.1.0',
    example: {
      language: 'typescript',
      bad: 'const client = new OpenAI({ apiKey, dangerouslyAllowBrowser: true });',
      good: '// server route only\nconst client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });',
    },
  },
  triggers: [OPTION],
  check(context: RuleContext) {
    const module = context.javascript();
    const references = new References(module);
    for (const object of module.root.descendantsOfType('object')) {
      if (!object) continue;
      for (const { key, pair, value } of objectPairs(object)) {
        // Only the literal `true`: `false`, a variable or a shorthand `{ dangerouslyAllowBrowser }` stay silent.
        if (key !== OPTION || value.type !== 'true') continue;
        const client = constructorReached(object, references, 0);
        if (!client) continue;
        context.report({
          at: pair,
          messageId: 'browserClient',
          data: { option: OPTION, client },
          fix: { title: `Remove ${OPTION}`, edits: [removePairEdit(context, object, pair)], applicability: 'unsafe' },
        });
      }
    }
  },
};

/** Every use of each name in the file (identifiers and shorthand properties), built on first need. */
class References {
  private byName: Map<string, Node[]> | undefined;

  constructor(private readonly module: JsModule) {}

  of(name: string): Node[] {
    if (!this.byName) {
      this.byName = new Map();
      for (const node of this.module.root.descendantsOfType(['identifier', 'shorthand_property_identifier'])) {
        if (!node) continue;
        const list = this.byName.get(node.text) ?? [];
        list.push(node);
        this.byName.set(node.text, list);
      }
    }
    return this.byName.get(name) ?? [];
  }
}

/**
 * The constructor (as written) that `node` is passed to: directly as a `new` argument, nested in
 * an options object (`{ configuration: {...} }`, `{ ...base }`), or through variables of the same
 * file (`const opts = {...}; new OpenAI(opts)`). Undefined when it reaches no `new` expression.
 */
function constructorReached(node: Node, references: References, hops: number): string | undefined {
  let current = node;
  for (let parent = current.parent; parent; parent = current.parent) {
    if (TRANSPARENT.has(parent.type) || parent.type === 'spread_element') current = parent;
    else if (parent.type === 'pair' && parent.childForFieldName('value')?.id === current.id) current = parent;
    else if (parent.type === 'object')
      current = parent; // from a pair, spread or shorthand member
    else if (parent.type === 'ternary_expression' && parent.childForFieldName('condition')?.id !== current.id) current = parent;
    else break;
  }
  const parent = current.parent;
  if (!parent) return undefined;
  if (parent.type === 'arguments' && parent.parent?.type === 'new_expression') {
    return parent.parent.childForFieldName('constructor')?.text ?? 'AI';
  }
  const variable = boundVariable(parent, current);
  if (!variable || hops >= MAX_HOPS) return undefined;
  for (const reference of references.of(variable.text)) {
    if (reference.id === variable.id) continue;
    const reached = constructorReached(reference, references, hops + 1);
    if (reached) return reached;
  }
  return undefined;
}

/** The variable that `value` is stored in: `const x = value` or `x = value`. */
function boundVariable(parent: Node, value: Node): Node | undefined {
  const [target, source] =
    parent.type === 'variable_declarator'
      ? [parent.childForFieldName('name'), parent.childForFieldName('value')]
      : parent.type === 'assignment_expression'
        ? [parent.childForFieldName('left'), parent.childForFieldName('right')]
        : [null, null];
  return target?.type === 'identifier' && source?.id === value.id ? target : undefined;
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
