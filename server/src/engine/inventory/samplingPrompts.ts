import type { CodeFacts } from '../facts';
import type { Node } from '../parse/treeSitter';
import { isConventionalTestPath } from '../testCode';
import type { CodeSite } from './codeImports';
import { enclosingFunctionName, promptComponent, wordCount } from './codePrompts';
import { property } from './components';
import { literalProse } from './promptTemplates';
import type { PartialComponent } from './types';

/**
 * MCP sampling requests: a server asks the client's model for a completion in the middle of a tool
 * call, and the text of the request's message is a prompt the server writes (`ctx.session.create_message(
 * messages=[SamplingMessage(role="user", content=TextContent(type="text", text=f"Write a short poem about
 * {topic}"))])`, TypeScript `server.createMessage({ messages: [{ role: "user", content: { type: "text", text } }] })`).
 * A literal is named at its line (`path#user@line`); a template, written in place or bound in the
 * function, by the function that sends it (`path#generate_poem`), as user-message templates are. The
 * request's text must be a request of a few words, not a bare value (`text=question`).
 */
export function collectSamplingPrompts(site: CodeSite, facts: CodeFacts): PartialComponent[] {
  if (!SAMPLING_HINT.test(facts.text) || isConventionalTestPath(site.path)) return [];
  const components: PartialComponent[] = [];
  const names = new Set<string>();
  for (const text of samplingTexts(facts)) {
    const request = requestText(facts, text);
    if (!request || wordCount(request.prose) < MIN_WORDS) continue;
    const line = site.line(request.node.startPosition.row);
    const name = request.template ? (enclosingFunctionName(text) ?? `user@${line}`) : `user@${line}`;
    if (names.has(name)) continue;
    names.add(name);
    components.push(
      promptComponent(site.path, name, request.source, [property('prompt:type', 'sampling')], {
        path: site.path,
        line,
        evidence: 'call',
        symbol: 'sampling',
      }),
    );
  }
  return components;
}

/** Literals without which a file sends no sampling request. */
const SAMPLING_HINT = /SamplingMessage|createMessage\s*\(|create_message\s*\(/;

/** "Generate a greeting" is a request; a word or two is a value. */
const MIN_WORDS = 3;

/** The text expressions of the file's sampling messages. */
function samplingTexts(facts: CodeFacts): Node[] {
  const found: Node[] = [];
  for (const call of facts.calls) {
    // Python: `SamplingMessage(role="user", content=TextContent(type="text", text=…))`.
    if (call.method === 'SamplingMessage') {
      const content = call.args.find((arg) => arg.name === 'content');
      const part = content && content.node.type === 'call' ? facts.callAt(content.node) : undefined;
      const text = part?.method === 'TextContent' ? part.args.find((arg) => arg.name === 'text') : undefined;
      if (text) found.push(text.node);
    }
    // TypeScript: `server.createMessage({ messages: [{ role: "user", content: { type: "text", text: … } }] })`.
    if (call.method === 'createMessage' && facts.language === 'javascript') found.push(...textParts(call.node));
  }
  return found;
}

/** The `text` of every `{ type: "text", text: … }` part inside a call's arguments. */
function textParts(call: Node): Node[] {
  const found: Node[] = [];
  for (const object of call.childForFieldName('arguments')?.descendantsOfType('object') ?? []) {
    const pairs = object?.namedChildren.filter((child) => child?.type === 'pair') ?? [];
    const value = (key: string) => pairs.find((pair) => pair?.childForFieldName('key')?.text.replace(/["']/g, '') === key);
    const text = value('text')?.childForFieldName('value');
    if (text && value('type')?.childForFieldName('value')?.text.replace(/["'`]/g, '') === 'text') found.push(text);
  }
  return found;
}

interface RequestText {
  node: Node;
  source: string;
  /** The words written, placeholders blanked. */
  prose: string;
  template: boolean;
}

/** The request as written in place or bound once in the function (`prompt = f"Write a short poem about {topic}"`). */
function requestText(facts: CodeFacts, node: Node): RequestText | undefined {
  const written = node.type === 'identifier' ? (facts.flow.soleBinding(node) ?? node) : node;
  if (written.type !== 'string' && written.type !== 'template_string') return undefined;
  const template = written.namedChildren.some((child) => child && PLACEHOLDERS.has(child.type));
  return { node: written, source: written.text, prose: literalProse(written), template };
}

const PLACEHOLDERS = new Set(['interpolation', 'template_substitution']);
