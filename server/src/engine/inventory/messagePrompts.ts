import type { CodeFacts } from '../facts';
import type { StringConstant } from '../facts/stringConstants';
import type { Node } from '../parse/treeSitter';
import { isNaturalLanguage } from './promptTemplates';

/**
 * Prompts recognised by the shape of the message that carries them rather than by the SDK that sends
 * it: a module that builds `[{"role": "system", "content": "You are …"}]` and hands it to the project's
 * own wrapper (`create_chat_completion(messages=…)`), the prompt constants a system message puts
 * together (`PREFIX + INSTRUCTIONS`, `f"{A}\n{B}"`, `"\n".join([A, B])`), and the module templates a
 * message is formatted from (`GRADER_TEMPLATE.format(…)` sent as the user message).
 */

/** A message found by its shape alone is a prompt from this length. */
const MIN_SHAPED_LENGTH = 30;

/** Second person: the text speaks to the model ("You are…", "your task"). */
const ADDRESSES_MODEL = /\b(?:you|your|yourself)\b/i;

/** Or it opens as an instruction ("Return only valid JSON…", "Summarize the following…"). */
const INSTRUCTION_START =
  /^(?:(?:briefly|concisely|carefully|please) )?(?:act as|answer|analy[sz]e|classify|create|do not|don['’]t|evaluate|extract|generate|given|identify|never|always|only|output|provide|respond|reply|return|review|rewrite|summari[sz]e|translate|write)\b/i;

/** Text written for a model: long enough, prose, and addressed to it or phrased as an instruction. */
export function speaksToModel(text: string): boolean {
  const trimmed = text.trim();
  return (isMessageProse(trimmed) && (ADDRESSES_MODEL.test(trimmed) || INSTRUCTION_START.test(trimmed))) || PERSONA.test(trimmed);
}

/** A persona in one short sentence ("You are a helpful assistant."): the commonest system message, below the length. */
const PERSONA = /^you are (?:a|an) [a-z]+(?: [a-z]+){0,3}\.?$/i;

/** A constant put into a message: prose of some length (not a date, a separator or a label). */
export function isMessageProse(text: string): boolean {
  const trimmed = text.trim();
  return trimmed.length >= MIN_SHAPED_LENGTH && isNaturalLanguage(trimmed);
}

const JOINERS = new Set(['binary_operator', 'binary_expression', 'boolean_operator', 'parenthesized_expression', 'concatenated_string']);
const INTERPOLATIONS = new Set(['interpolation', 'template_substitution']);
const CALLS = new Set(['call', 'call_expression']);
const LISTS = new Set(['list', 'array', 'tuple']);

/**
 * The module constants an expression at a message position puts together: `PREFIX + INSTRUCTIONS`,
 * `(system_prompt or SYSTEM_PROMPT) + TOOL_GUIDE`, `f"{ROLE}\n\n{RULES}"`, `` `${a}${b}` ``,
 * `"\n".join([A, B])`, `[A, B].join("\n")`. A plain name is not a join (the caller reads it whole).
 */
export function joinedConstants(node: Node, constants: Map<string, StringConstant>): StringConstant[] {
  const found = new Map<string, StringConstant>();
  for (const name of joinedNames(node)) {
    const constant = constants.get(name.text);
    if (constant) found.set(constant.name, constant);
  }
  return [...found.values()];
}

/** The names an expression puts together (`joinedConstants`), whatever they are bound to; none for a plain name. */
export function joinedNames(node: Node): Node[] {
  if (node.type === 'identifier') return [];
  const found: Node[] = [];
  collectParts(node, found, 0);
  return found;
}

const MAX_DEPTH = 6;

function collectParts(node: Node, found: Node[], depth: number): void {
  if (depth > MAX_DEPTH) return;
  const next = (child: Node | null | undefined) => child && collectParts(child, found, depth + 1);
  if (node.type === 'identifier') {
    found.push(node);
    return;
  }
  if (JOINERS.has(node.type)) {
    // `a - b`, `a and b` put no texts together; `+` and `or` (a default) do.
    const operator = node.childForFieldName('operator')?.text;
    if (operator && operator !== '+' && operator !== 'or' && operator !== '||' && operator !== '??') return;
    for (const child of node.namedChildren) next(child);
    return;
  }
  if (node.type === 'string' || node.type === 'template_string') {
    for (const child of node.namedChildren)
      if (child && INTERPOLATIONS.has(child.type)) for (const inner of child.namedChildren) next(inner);
    return;
  }
  if (CALLS.has(node.type)) for (const item of joinedItems(node)) next(item);
}

/** The items of `"\n".join([A, B])` (Python) or `[A, B].join("\n")` (JavaScript). */
function joinedItems(call: Node): (Node | null)[] {
  const callee = call.childForFieldName('function');
  const method = (callee?.childForFieldName('attribute') ?? callee?.childForFieldName('property'))?.text;
  if (method !== 'join') return [];
  const receiver = callee?.childForFieldName('object');
  if (receiver && LISTS.has(receiver.type)) return receiver.namedChildren;
  const list = call.childForFieldName('arguments')?.namedChildren.find((child) => child?.type !== 'comment');
  return list && LISTS.has(list.type) ? list.namedChildren : [];
}

/** Methods that fill a template's placeholders: `str.format`, `format_map`, `string.Template.substitute`. */
const FILLERS = new Set(['format', 'format_map', 'substitute', 'safe_substitute']);

/**
 * The module constant a message is formatted from: `TEMPLATE.format(…)`, `Template(TEMPLATE).substitute(…)`,
 * written at the message position or bound once to the variable put there
 * (`prompt = GRADER_TEMPLATE.format(…)` then `{"role": "user", "content": prompt}`).
 */
export function formattedConstant(facts: CodeFacts, node: Node, constants: Map<string, StringConstant>): StringConstant | undefined {
  const value = node.type === 'identifier' ? facts.flow.soleBinding(node) : node;
  if (!value || !CALLS.has(value.type)) return undefined;
  const callee = value.childForFieldName('function');
  if (callee?.type !== 'attribute' || !FILLERS.has(callee.childForFieldName('attribute')?.text ?? '')) return undefined;
  let object = callee.childForFieldName('object');
  // `Template(TEMPLATE).substitute(…)`: the template is the constructor's argument.
  if (object && CALLS.has(object.type)) object = object.childForFieldName('arguments')?.namedChild(0) ?? null;
  return object?.type === 'identifier' ? constants.get(object.text) : undefined;
}

/** The text an expression writes itself, placeholders and names left out (`f"{A}\n\n{B}"` writes two line breaks). */
export function ownLiteralText(node: Node): string {
  if (node.type === 'string' || node.type === 'template_string') {
    let text = node.text;
    for (const child of node.namedChildren) if (child && INTERPOLATIONS.has(child.type)) text = text.replace(child.text, '');
    return text.replace(/^[rRbBuUfF]*("""|'''|["'`])([\s\S]*)\1$/, '$2');
  }
  if (JOINERS.has(node.type)) return node.namedChildren.map((child) => (child ? ownLiteralText(child) : '')).join('');
  return '';
}
