import type { CodeFacts } from '../facts';
import type { Node } from '../parse/treeSitter';

/**
 * Prompts whose text is a template rather than a plain literal: module-level constants built with
 * placeholders (`SYSTEM_PROMPT = f"""…{platform.machine()}…"""`, `"""…{topic}…""".format(…)`,
 * `` const systemPrompt = `…${x}…` ``), variables bound in a handler and passed at a system-message
 * position, and modules of prompts (`prompts.py`, a `prompts/` folder) whose long prose constants
 * are prompts whatever their names (`report_planner_instructions`, `section_writer_inputs`).
 */

/** Prose, not a regex, a path list or an encoded blob: at least a few words of letters. */
const MIN_WORDS = 5;

export function isNaturalLanguage(value: string): boolean {
  return (value.match(/(?:^|\s)[A-Za-z][a-z'’-]*[,.:;!?]?(?=\s|$)/g)?.length ?? 0) >= MIN_WORDS;
}

/** `prompts.py`, `prompt.py`, `prompts.ts`, or any code file under a `prompts/` folder. */
export function isPromptModule(path: string): boolean {
  const parts = path.toLowerCase().split('/');
  const base = parts[parts.length - 1] ?? '';
  if (/^prompts?\.(?:py|ts|js|mjs|cjs)$/.test(base)) return true;
  return parts.slice(0, -1).includes('prompts') && /\.(?:py|ts|js|mjs|cjs)$/.test(base) && !/^(?:__init__|index)\./.test(base);
}

export interface TemplateConstant {
  name: string;
  /** The template as written (placeholders included): the prompt asset. */
  source: string;
  /** Its prose, placeholders blanked, for the natural-language test. */
  prose: string;
  row: number;
}

const TEMPLATES = new Set(['string', 'template_string']);
const PLACEHOLDERS = new Set(['interpolation', 'template_substitution']);

/** The template a value is: an f-string / template literal with placeholders, or `"…".format(…)` on a literal. */
export function templateOf(value: Node | null | undefined): { source: string; prose: string } | undefined {
  if (!value) return undefined;
  let literal: Node | null | undefined = value;
  if (value.type === 'call') {
    const callee = value.childForFieldName('function');
    if (callee?.type !== 'attribute' || callee.childForFieldName('attribute')?.text !== 'format') return undefined;
    literal = callee.childForFieldName('object');
  }
  if (!literal || !TEMPLATES.has(literal.type)) return undefined;
  const placeholders = literal.namedChildren.filter((child) => child && PLACEHOLDERS.has(child.type));
  if (placeholders.length === 0 && literal === value) return undefined;
  let written = literal.text.replace(/^[rRbBuUfF]*("""|'''|["'`])([\s\S]*)\1$/, '$2');
  for (const placeholder of placeholders) if (placeholder) written = written.replace(placeholder.text, ' ');
  // `.format` placeholders are written in the literal itself (`{topic}`).
  const prose = literal === value ? written : written.replace(/\{[^{}\s]*\}/g, ' ');
  return { source: value.text, prose };
}

/** A template however it is written: one literal, a join, or strings one after another. */
export function writtenTemplateOf(value: Node | null | undefined): { source: string; prose: string } | undefined {
  return templateOf(value) ?? joinedTemplate(value) ?? concatenatedTemplate(value);
}

/** Module-level bindings to a template: Python `NAME = f"""…"""`, JavaScript `[export] const NAME = \`…${x}…\``. */
export function templateConstants(facts: CodeFacts): TemplateConstant[] {
  if (facts.language !== 'python' && facts.language !== 'javascript') return [];
  const found: TemplateConstant[] = [];
  for (const statement of facts.tree.rootNode.namedChildren) {
    for (const [name, value] of bindingsOf(statement)) {
      const template = writtenTemplateOf(value);
      if (name?.type === 'identifier' && template) found.push({ name: name.text, ...template, row: name.startPosition.row });
    }
  }
  return found;
}

/**
 * A prompt constant written as strings one after another, one of them a template
 * (`REVISION_PROMPT = (f"{WRITER_PROMPT} You are revising…" "every verification issue…")`), or a parenthesized template.
 */
function concatenatedTemplate(value: Node | null | undefined): { source: string; prose: string } | undefined {
  let node = value;
  while (node?.type === 'parenthesized_expression') node = node.namedChild(0);
  if (node?.type === 'concatenated_string') return concatenatedParts(node);
  return node && node !== value ? templateOf(node) : undefined;
}

function concatenatedParts(node: Node): { source: string; prose: string } | undefined {
  const parts = node.namedChildren.filter((part): part is Node => part?.type === 'string');
  const placeholders = parts.flatMap((part) =>
    part.namedChildren.filter((child): child is Node => !!child && PLACEHOLDERS.has(child.type)),
  );
  // Plain strings written one after another are a constant's value already (`stringConstants`).
  if (placeholders.length === 0) return undefined;
  return { source: node.text, prose: parts.map(literalProse).join('') };
}

/**
 * A text written between markers bound elsewhere (`sys_msg = B_SYS + """Assistant is a expert JSON builder…""" + E_SYS`,
 * Llama-2's `<<SYS>>` tokens): literals joined by `+` with names, the literals' text as its prose.
 */
function joinedTemplate(value: Node | null | undefined): { source: string; prose: string } | undefined {
  if (value?.type !== 'binary_operator' || value.childForFieldName('operator')?.text !== '+') return undefined;
  const parts: Node[] = [];
  const flatten = (node: Node | null | undefined): boolean => {
    if (!node) return false;
    if (node.type === 'binary_operator' && node.childForFieldName('operator')?.text === '+')
      return flatten(node.childForFieldName('left')) && flatten(node.childForFieldName('right'));
    parts.push(node);
    return node.type === 'string' || node.type === 'identifier';
  };
  if (!flatten(value) || !parts.some((part) => part.type === 'identifier')) return undefined;
  const literals = parts.filter((part) => part.type === 'string');
  if (literals.length === 0 || literals.some((part) => part.namedChildren.some((child) => child && PLACEHOLDERS.has(child.type))))
    return undefined;
  return { source: value.text, prose: literals.map(literalProse).join(' ') };
}

/** The right-hand sides a name is bound to in the function around `inside`, in any branch. */
export function functionAssignments(inside: Node, name: string): (Node | null)[] {
  let owner = inside.parent;
  while (owner && owner.type !== 'function_definition') owner = owner.parent;
  return (owner?.descendantsOfType('assignment') ?? [])
    .filter((node) => node?.childForFieldName('left')?.text === name)
    .map((node) => node?.childForFieldName('right') ?? null);
}

/** A literal's text without its quotes and prefix, placeholders blanked. */
export function literalProse(literal: Node): string {
  let written = literal.text.replace(/^[rRbBuUfF]*("""|'''|["'`])([\s\S]*)\1$/, '$2');
  for (const child of literal.namedChildren) if (child && PLACEHOLDERS.has(child.type)) written = written.replace(child.text, ' ');
  return written;
}

function bindingsOf(statement: Node | null): [Node | null | undefined, Node | null | undefined][] {
  if (!statement) return [];
  if (statement.type === 'expression_statement') {
    const assignment = statement.namedChild(0);
    return assignment?.type === 'assignment' ? [[assignment.childForFieldName('left'), assignment.childForFieldName('right')]] : [];
  }
  const declaration = statement.type === 'export_statement' ? statement.childForFieldName('declaration') : statement;
  if (declaration?.type !== 'lexical_declaration' && declaration?.type !== 'variable_declaration') return [];
  return declaration.namedChildren
    .filter((child) => child?.type === 'variable_declarator')
    .map((child) => [child?.childForFieldName('name'), child?.childForFieldName('value')]);
}

/**
 * A variable at a system-message position bound, in the same file, to one text or template only
 * (`const systemPrompt = \`…${context}…\`` in a route handler, then `system: systemPrompt`).
 */
export function boundText(facts: CodeFacts, node: Node): { source: string; prose: string; row: number } | undefined {
  const bound = node.type === 'identifier' ? facts.flow.soleBinding(node) : undefined;
  if (!bound) return undefined;
  const literal = facts.valueOf(bound);
  if (literal !== undefined) return { source: literal, prose: literal, row: bound.startPosition.row };
  const template = templateOf(bound);
  return template ? { ...template, row: bound.startPosition.row } : undefined;
}
