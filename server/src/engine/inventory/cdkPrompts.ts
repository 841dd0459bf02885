import type { CodeCall, CodeFacts } from '../facts';
import { keyOfKeyed } from '../facts/common';
import type { Node } from '../parse/treeSitter';
import type { FileTriggers } from '../prefilter/triggers';
import type { CodeSite } from './codeImports';
import { collectCodePrompts, contains, promptComponent, proseOf } from './codePrompts';
import { property } from './components';
import { isNaturalLanguage } from './promptTemplates';
import type { PartialComponent } from './types';

/**
 * Prompts an AWS CDK app (Python or TypeScript) deploys: the messages of a Step Functions
 * `BedrockInvokeModel` task (`body=sfn.TaskInput.from_object({"messages": [{"role": "user", "content":
 * [{"type": "text", "text": "…"}]}]})`, also templated with `sfn.JsonPath.format("…{}…", …)`), the texts of
 * a Bedrock `CfnPrompt` (prompt management) or a `CfnFlow` (a Flows prompt node), and the `prompt=` a stack
 * hands to a chain-building helper of its own (`get_anthropic_claude_invoke_chain(self, "Write a Summary",
 * prompt=sfn.JsonPath.format("Write a 1-2 sentence summary for the book {}.", …))`). Nothing else in a CDK
 * app speaks to a model, so these shapes are read only in files that import the CDK. Each prompt is named by
 * the variable the construct is bound to (`path#get_summary`), else by its line (`path#prompt@line`).
 */

/** The CDK's module names (`aws_cdk` in Python, `aws-cdk-lib` in TypeScript): the one-pass gate. */
export const CDK_PROMPT_LITERALS = ['aws_cdk', 'aws-cdk-lib'];

/** What a CDK file must also write to hold a prompt: the constructs, a `prompt` keyword or key, or an agent's `instruction`. */
const CDK_PROMPT_HINT = /BedrockInvokeModel|CfnPrompt|CfnFlow|PromptVariant|\bprompt\s*[=:]|\binstruction\s*[=:]/;

export function mayHoldCdkPrompts(triggers: FileTriggers, text: string): boolean {
  return CDK_PROMPT_LITERALS.some((literal) => triggers.hasFolded(literal)) && CDK_PROMPT_HINT.test(text);
}

/** Constructs whose arguments carry the prompt texts at `text`, `content`, `prompt` and `inputText` keys. */
const PROMPT_CONSTRUCTS = new Set(['BedrockInvokeModel', 'CfnPrompt', 'CfnFlow']);
const TEXT_KEYS = new Set(['text', 'content', 'prompt', 'inputText', 'input_text']);

/**
 * The file's prompts in code with those a CDK app deploys. A construct's prompt is one entry named by the
 * construct (`#variant_chat`, `#instruction@8`): the general readers' `#system@line` / `#user@line` for a text
 * written inside it (`system="You are…"` of a `PromptVariant.chat`) would list the same text twice.
 */
export function collectCodeAndCdkPrompts(site: CodeSite, facts: CodeFacts): PartialComponent[] {
  const spans: [number, number][] = [];
  const cdk = collectCdkPrompts(site, facts, spans);
  const inside = (line: number | undefined) => line !== undefined && spans.some(([start, end]) => start <= line && line <= end);
  const generic = collectCodePrompts(site, facts).filter(
    (component) => !(GENERAL_NAME.test(component.name) && inside(component.occurrences[0]?.line)),
  );
  return [...generic, ...cdk];
}

const GENERAL_NAME = /#(?:system|user)@\d+$/;

/** Bedrock's prompts are short instructions ("Now write a short advertisement for the novel."). */
export function collectCdkPrompts(site: CodeSite, facts: CodeFacts, spans: [number, number][] = []): PartialComponent[] {
  if (!CDK_PROMPT_LITERALS.some((literal) => facts.text.includes(literal)) || !CDK_PROMPT_HINT.test(facts.text)) return [];
  const components: PartialComponent[] = [];
  const claim = (node: Node) => spans.push([site.line(node.startPosition.row), site.line(node.endPosition.row)]);
  const constructs: Node[] = [];
  for (const call of facts.calls) {
    if (!PROMPT_CONSTRUCTS.has(call.method) || constructs.some((outer) => contains(outer, call.node))) continue;
    constructs.push(call.node);
    const texts = keyedValues(call.node).flatMap((value) => promptText(facts, value) ?? []);
    if (texts.length > 0) {
      components.push(cdkPrompt(site, call.node, texts));
      claim(call.node);
    }
  }
  for (const call of facts.calls) {
    if (PROMPT_CONSTRUCTS.has(call.method) || constructs.some((outer) => contains(outer, call.node))) continue;
    const construct = constructPrompt(site, facts, call);
    if (construct) {
      components.push(construct);
      claim(call.node);
      continue;
    }
    const argument = call.args.find((arg) => arg.name === 'prompt');
    const text = argument && promptText(facts, argument.node);
    if (text) components.push(cdkPrompt(site, call.node, [text]));
  }
  return components;
}

/**
 * The generative-ai-cdk-constructs' Bedrock prompts: a Prompt Management variant (`bedrock.PromptVariant.chat(
 * system="You are…", messages=[bedrock.ChatMessage.user("…")])`, `PromptVariant.text(prompt_text="…")`) by the
 * variable it is bound to, and a knowledge base's `instruction` (the text an agent reads to decide when to search it:
 * `bedrock.KnowledgeBase(self, "KB", instruction="Use this knowledge base to answer questions about books.")`) at
 * the keyword's line (`path#instruction@line`).
 */
function constructPrompt(site: CodeSite, facts: CodeFacts, call: CodeCall): PartialComponent | undefined {
  if (KNOWLEDGE_BASES.has(call.method)) {
    const instruction = call.args.find((arg) => arg.name === 'instruction');
    const text = instruction && promptText(facts, instruction.node);
    if (!instruction || !text) return undefined;
    const line = site.line(instruction.node.startPosition.row);
    return promptComponent(site.path, `instruction@${line}`, text, [property('prompt:type', 'cdk')], {
      path: site.path,
      line,
      evidence: 'call',
      symbol: 'instruction',
    });
  }
  if (!/PromptVariant\.(?:chat|text|agent)$/.test(call.callee)) return undefined;
  const texts = call.node
    .descendantsOfType(['string', 'template_string'])
    .filter((node): node is Node => !!node && node.parent?.type !== 'string' && isVariantText(node))
    .flatMap((node) => promptText(facts, node) ?? []);
  return texts.length > 0 ? cdkPrompt(site, call.node, texts) : undefined;
}

/** Knowledge-base constructs of the generative-ai-cdk-constructs (Python and TypeScript). */
const KNOWLEDGE_BASES = new Set(['KnowledgeBase', 'VectorKnowledgeBase']);

/** A variant's texts: its `system`, `prompt_text` / `promptText`, and the turns of `ChatMessage.user("…")`. */
function isVariantText(node: Node): boolean {
  const holder = node.parent?.type === 'argument_list' || node.parent?.type === 'arguments' ? node.parent.parent : node.parent;
  const key = keyOfKeyed(holder);
  if (key) return VARIANT_TEXT_KEYS.has(key);
  return /ChatMessage\.(?:user|assistant)$/.test(holder?.childForFieldName('function')?.text ?? '');
}

const VARIANT_TEXT_KEYS = new Set(['system', 'prompt_text', 'promptText']);

function cdkPrompt(site: CodeSite, call: Node, texts: string[]): PartialComponent {
  const name = boundName(call) ?? `prompt@${site.line(call.startPosition.row)}`;
  return promptComponent(site.path, name, texts.join('\n'), [property('prompt:type', 'cdk')], {
    path: site.path,
    line: site.line(call.startPosition.row),
    evidence: 'call',
    symbol: name.split('@')[0] ?? name,
  });
}

/** The text of a prompt value: prose, also the template of `sfn.JsonPath.format("…{}…", …)`. */
function promptText(facts: CodeFacts, value: Node): string | undefined {
  const template = jsonPathTemplate(value) ?? value;
  const prose = proseOf(facts, template);
  return prose !== undefined && isNaturalLanguage(prose) ? prose : undefined;
}

/** `sfn.JsonPath.format(template, …)` (Python and TypeScript): its first argument. */
function jsonPathTemplate(value: Node): Node | undefined {
  if (value.type !== 'call' && value.type !== 'call_expression') return undefined;
  if (!/JsonPath\.format$/.test(value.childForFieldName('function')?.text ?? '')) return undefined;
  return value.childForFieldName('arguments')?.namedChildren.find((child) => child?.type !== 'comment') ?? undefined;
}

/** Values at text keys anywhere in a construct's arguments: Python keywords and dict pairs, JavaScript properties. */
function keyedValues(call: Node): Node[] {
  const values: Node[] = [];
  for (const node of call.descendantsOfType(['keyword_argument', 'pair'])) {
    const key = keyOfKeyed(node);
    const value = node?.childForFieldName('value');
    if (key && value && TEXT_KEYS.has(key)) values.push(value);
  }
  return values;
}

/** The variable or attribute a construct is bound to (`get_summary = tasks.BedrockInvokeModel(…)`, `const prompt = new CfnPrompt(…)`). */
export function boundName(call: Node): string | undefined {
  let node = call;
  while (node.parent?.type === 'parenthesized_expression' || node.parent?.type === 'await_expression') node = node.parent;
  const parent = node.parent;
  if (!parent) return undefined;
  const target =
    parent.type === 'assignment' || parent.type === 'assignment_expression'
      ? parent.childForFieldName('left')
      : parent.type === 'variable_declarator'
        ? parent.childForFieldName('name')
        : undefined;
  if (target?.type === 'identifier') return target.text;
  const attribute = target?.childForFieldName('attribute') ?? target?.childForFieldName('property');
  return attribute?.text;
}
