import type { CodeFacts } from '../facts';
import type { Node } from '../parse/treeSitter';
import type { CodeSite } from './codeImports';
import { functionBinding, LLM_CATEGORIES, promptComponent, returnedExpressions } from './codePrompts';
import { property } from './components';
import { speaksToModel } from './messagePrompts';
import type { PartialComponent } from './types';

/**
 * Prompts an agent's code reaches through a provider or adds on the way: a function that returns the system prompt a
 * prompt module provides (Gemini CLI's `getCoreSystemPrompt(config)` returning `new PromptProvider().getCoreSystemPrompt(…)`,
 * the text kept in `../prompts/`), and the nudges it sends the model when a turn goes wrong (`nudgeMessage = '[System: You
 * previously generated thoughts but failed to provide a final user-facing response…]'` appended to `systemInstruction`,
 * `feedbackText = \`System: Potential loop detected… Please take a step back…\`` sent as `[{ text: feedbackText }]`).
 */
export function collectProviderPrompts(site: CodeSite, facts: CodeFacts): PartialComponent[] {
  if (facts.language !== 'javascript') return [];
  return [...providedPrompts(site, facts), ...nudgePrompts(site, facts)];
}

/** `getCoreSystemPrompt`, `buildCompressionPrompt`: a function named for the prompt it gives. */
const PROVIDER_FUNCTION = /^(?:get|build|create|render|make)\w*Prompt$/;

/** A module of prompts imported by path (`../prompts/promptProvider.js`, `./prompts`). */
const PROMPTS_MODULE = /(?:^|\/)prompts(?:\/|\.\w+$|$)/;

function providedPrompts(site: CodeSite, facts: CodeFacts): PartialComponent[] {
  if (!facts.text.includes('Prompt') || !facts.imports.some((entry) => PROMPTS_MODULE.test(entry.module))) return [];
  const imported = importedNames(facts);
  const components: PartialComponent[] = [];
  for (const statement of facts.tree.rootNode.namedChildren) {
    const found = functionBinding(statement);
    if (!found || !PROVIDER_FUNCTION.test(found.name.text)) continue;
    const returned = returnedExpressions(found.body);
    if (returned.length === 0 || !returned.every((expression) => providesPrompt(expression, imported))) continue;
    components.push(
      promptComponent(site.path, found.name.text, found.node.text, [property('prompt:type', 'prompt-provider')], {
        path: site.path,
        line: site.line(found.name.startPosition.row),
        evidence: 'constant',
        symbol: found.name.text,
      }),
    );
  }
  return components;
}

/** Names a file imports from a module of prompts (`import { PromptProvider } from '../prompts/promptProvider.js'`). */
function importedNames(facts: CodeFacts): Set<string> {
  const names = new Set<string>();
  for (const statement of facts.tree.rootNode.namedChildren) {
    if (statement?.type !== 'import_statement') continue;
    const source = statement.childForFieldName('source')?.text.slice(1, -1) ?? '';
    if (!PROMPTS_MODULE.test(source)) continue;
    for (const name of statement.descendantsOfType('identifier')) if (name) names.add(name.text);
  }
  return names;
}

/** `new PromptProvider().getCoreSystemPrompt(…)`, `provider.getCompressionPrompt(config)`, `renderSystemPrompt(…)` of a prompts module. */
function providesPrompt(expression: Node, imported: Set<string>): boolean {
  if (expression.type !== 'call_expression') return false;
  const callee = expression.childForFieldName('function');
  if (callee?.type === 'identifier') return imported.has(callee.text) && /Prompt$/.test(callee.text);
  if (callee?.type !== 'member_expression' || !/Prompt$/.test(callee.childForFieldName('property')?.text ?? '')) return false;
  let object = callee.childForFieldName('object');
  if (object?.type === 'parenthesized_expression') object = object.namedChild(0);
  const constructed = object?.type === 'new_expression' ? object.childForFieldName('constructor') : object;
  return constructed?.type === 'identifier' && imported.has(constructed.text);
}

/** Members that carry the system instruction of a request (`config.systemInstruction += nudgeMessage`). */
const SYSTEM_MEMBERS = new Set(['systemInstruction', 'systemPrompt', 'instructions']);

/** Methods that send a turn to the model (`this.sendMessageStream(feedback, signal, …)`, `chat.sendMessage(…)`). */
const SEND_METHOD = /^send\w*Message\w*$/;

/**
 * Nudges: a variable bound to text that speaks to the model, appended to or set as the system instruction
 * (`config.systemInstruction += nudgeMessage`), or sent as a turn's text part (`const feedback = [{ text: feedbackText }]`
 * then `this.sendMessageStream(feedback, …)`). Named by the variable, at its first text.
 */
function nudgePrompts(site: CodeSite, facts: CodeFacts): PartialComponent[] {
  if (!(facts.text.includes('systemInstruction') || facts.text.includes('Message'))) return [];
  // Only code of an LLM SDK nudges a model: a form's `step.instructions = 'Please provide…'` is for people.
  if (!facts.packages.packages.some((pkg) => LLM_CATEGORIES.has(pkg.category))) return [];
  const components: PartialComponent[] = [];
  const names = new Set<string>();
  const add = (variable: Node) => {
    if (names.has(variable.text)) return;
    const bound = facts.flow
      .sources(variable)
      .filter((source) => source.binding)
      .map((source) => source.node);
    const texts = [...bound, ...reassigned(variable)]
      .map((node) => ({ node, text: nudgeText(facts, node) }))
      .filter((entry): entry is { node: Node; text: string } => entry.text !== undefined && speaksToModel(entry.text));
    const [first] = texts;
    if (!first) return;
    names.add(variable.text);
    components.push(
      promptComponent(site.path, variable.text, texts.map((entry) => entry.text).join('\n'), [property('prompt:type', 'nudge')], {
        path: site.path,
        line: site.line(first.node.startPosition.row),
        evidence: 'call',
        symbol: variable.text,
      }),
    );
  };
  for (const node of facts.tree.rootNode.descendantsOfType(['assignment_expression', 'augmented_assignment_expression'])) {
    const left = node?.childForFieldName('left');
    const right = node?.childForFieldName('right');
    if (left?.type !== 'member_expression' || right?.type !== 'identifier') continue;
    if (SYSTEM_MEMBERS.has(left.childForFieldName('property')?.text ?? '')) add(right);
  }
  for (const call of facts.calls) {
    if (!SEND_METHOD.test(call.method)) continue;
    const first = call.args.find((arg) => !arg.name)?.node;
    for (const part of first ? sentTextParts(facts, first) : []) add(part);
  }
  return components;
}

/** The text of a literal or a template, placeholders kept (`System: Potential loop detected. Details: ${…}.`). */
function nudgeText(facts: CodeFacts, node: Node): string | undefined {
  if (node.type === 'template_string') return node.text.slice(1, -1);
  return facts.valueOf(node);
}

/** The variables written as `text` of the parts sent (`[{ text: feedbackText }]`, directly or through a variable bound once). */
function sentTextParts(facts: CodeFacts, node: Node): Node[] {
  const list = node.type === 'identifier' ? facts.flow.soleBinding(node) : node;
  if (list?.type !== 'array') return [];
  const found: Node[] = [];
  for (const item of list.namedChildren) {
    if (item?.type !== 'object') continue;
    for (const pair of item.namedChildren) {
      const key =
        pair?.type === 'pair'
          ? pair.childForFieldName('key')?.text
          : pair?.type === 'shorthand_property_identifier'
            ? pair.text
            : undefined;
      const value = pair?.type === 'pair' ? pair.childForFieldName('value') : undefined;
      if (key === 'text' && value?.type === 'identifier') found.push(value);
    }
  }
  return found;
}

const JS_FUNCTIONS = new Set(['function_declaration', 'function_expression', 'arrow_function', 'method_definition']);

/** The values a `let` variable is given again in its function's branches (`nudgeMessage = '…'` after `let nudgeMessage = ''`). */
function reassigned(variable: Node): Node[] {
  return assignedInFunction(variable, 'assignment_expression');
}

/** What a function appends to a `let` text (`fullPrompt += \`Today is ${date}.\``), in source order. */
export function appendedInFunction(variable: Node): Node[] {
  return assignedInFunction(variable, 'augmented_assignment_expression').filter(
    (node) => node.parent?.childForFieldName('operator')?.text === '+=',
  );
}

function assignedInFunction(variable: Node, type: string): Node[] {
  let owner = variable.parent;
  while (owner && !JS_FUNCTIONS.has(owner.type)) owner = owner.parent;
  return (owner?.descendantsOfType(type) ?? [])
    .filter((node) => node?.childForFieldName('left')?.text === variable.text)
    .map((node) => node?.childForFieldName('right'))
    .filter((node): node is Node => !!node);
}
