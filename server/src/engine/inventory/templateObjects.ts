import type { CodeCall, CodeFacts } from '../facts';
import { positionalArg } from '../facts/loaders';
import type { Node } from '../parse/treeSitter';
import { isConventionalTestPath } from '../testCode';
import type { CodeSite } from './codeImports';
import { promptComponent } from './codePrompts';
import { property } from './components';
import { boundText, functionAssignments, isNaturalLanguage, templateOf } from './promptTemplates';
import type { PartialComponent } from './types';

/**
 * Prompt template objects of LangChain and LlamaIndex bound to a name: `relevance_prompt =
 * PromptTemplate(input_variables=[…], template="Given the query '{query}'…")`,
 * `PromptTemplate.from_template("…")`, `ChatPromptTemplate.from_messages([("system", system), ("human", "…")])`
 * with the system text bound to a variable, `self.hyde_prompt = PromptTemplate(…)`, LlamaIndex
 * `PromptTemplate("…")`. The constructor says the text is for a model; its prose must still be words.
 *
 * Named by the variable the template is bound to. A generic name (`prompt`, `prompt_template`) says
 * nothing: the function that builds it names it (`def rerank_documents(…): prompt_template = …`), or at
 * module level (a notebook cell) the chain it starts (`rag_chain = prompt | llm | parser`).
 */
export function promptTemplateObjects(site: CodeSite, facts: CodeFacts): PartialComponent[] {
  // A template of a test is the test's sample, as a prompt-named function of a test is.
  if (facts.language !== 'python' || isConventionalTestPath(site.path) || !facts.text.includes(TEMPLATE_LITERAL)) return [];
  const imported = importsTemplateLibrary(facts);
  const components: PartialComponent[] = [];
  const listed = new Set<string>();
  for (const call of facts.calls) {
    if (!TEMPLATE_CALLEES.test(call.callee)) continue;
    // LangChain's keywords say whose template it is where the import hides behind a helper (`from helpers import *`).
    if (!imported && !call.args.some((arg) => arg.name === 'input_variables')) continue;
    // `PromptTemplate.from_template(template).partial(system_prompt=system_prompt)`: the default system prompt filled in.
    const partial = partialTexts(facts, call.node);
    const named = namedTemplate(facts, call, partial);
    const texts = named ? [named.text, ...partial] : [...templateTexts(facts, call), ...partial];
    if (texts.length === 0) continue;
    const prose = texts
      .map((text) => text.prose)
      .join('\n')
      .replace(/\{[^{}\s]*\}/g, ' ');
    if (prose.trim().length < MIN_TEMPLATE_TEXT || !isNaturalLanguage(prose)) continue;
    const binding = named?.name ?? bindingOf(call.node) ?? returnedBy(call.node);
    if (!binding) continue;
    const name = named ? named.name.text : GENERIC_NAMES.has(binding.text) ? genericName(facts, call, binding) : binding.text;
    if (listed.has(name)) continue;
    listed.add(name);
    components.push(
      promptComponentAt(
        site,
        name,
        texts.map((text) => text.source),
        binding,
      ),
    );
  }
  return components;
}

const TEMPLATE_LITERAL = 'PromptTemplate';

/** `PromptTemplate(…)`, `ChatPromptTemplate.from_messages(…)`, `SystemMessagePromptTemplate.from_template(…)`, through a module too. */
const TEMPLATE_CALLEES = /^(?:[\w.]+\.)?(?:Chat|SystemMessage|HumanMessage)?PromptTemplate(?:\.from_(?:template|messages))?$/;

/** Packages whose `PromptTemplate` is a model prompt. */
const TEMPLATE_LIBRARIES = /^(?:langchain\w*|llama_index)(?:\.|$)/;

function importsTemplateLibrary(facts: CodeFacts): boolean {
  return facts.imports.some((entry) => TEMPLATE_LIBRARIES.test(entry.module));
}

/** Names that only say "a prompt": the function or chain around it names it instead. */
const GENERIC_NAMES = new Set(['prompt', 'prompt_template', 'template', 'system', 'chat_prompt', 'prompt_tmpl', 'chat_template']);

/** About a short instruction (`Generate {n} diverse test questions about climate change:`). */
const MIN_TEMPLATE_TEXT = 20;

interface TemplateText {
  source: string;
  prose: string;
}

/** The texts a template call is built from: its `template=` / first argument, or its messages' texts. */
function templateTexts(facts: CodeFacts, call: CodeCall): TemplateText[] {
  const argument = templateArgument(call);
  if (!argument) return [];
  if (call.method !== 'from_messages') {
    // `PromptTemplate(template=RAG_PROMPT_TEMPLATE)`: the named text is the prompt, under its own name.
    if (argument.node.type === 'identifier' && !GENERIC_NAMES.has(argument.node.text)) return [];
    const text = textOf(facts, argument.node);
    return text ? [text] : [];
  }
  if (argument.node.type !== 'list') return [];
  return argument.node.namedChildren.flatMap((item) => {
    // `("system", system)`, `("human", "Retrieved document: {document}…")`; placeholders and message objects carry no text here.
    if (item?.type !== 'tuple') return [];
    const content = item.namedChild(1);
    const text = content ? textOf(facts, content) : undefined;
    return text ? [text] : [];
  });
}

/**
 * The texts a template is filled with where it is made (`.partial(system_prompt=system_prompt)`): a literal, or the
 * texts the enclosing function binds to the name (`if custom_prompt: system_prompt = custom_prompt` `else:
 * system_prompt = "Use the following pieces of context…"`).
 */
function partialTexts(facts: CodeFacts, call: Node): TemplateText[] {
  const member = call.parent;
  const partial = member?.type === 'attribute' && member.childForFieldName('attribute')?.text === 'partial' ? member.parent : undefined;
  if (partial?.type !== 'call') return [];
  const texts: TemplateText[] = [];
  for (const argument of partial.childForFieldName('arguments')?.namedChildren ?? []) {
    const value = argument?.type === 'keyword_argument' ? argument.childForFieldName('value') : undefined;
    if (!value) continue;
    const literal = facts.valueOf(value);
    if (literal !== undefined && value.type !== 'identifier') texts.push({ source: literal, prose: literal });
    else if (value.type === 'identifier') texts.push(...functionBindings(facts, call, value.text));
  }
  return texts;
}

/** The literal texts a function binds to a name, in any branch. */
function functionBindings(facts: CodeFacts, inside: Node, name: string): TemplateText[] {
  return functionAssignments(inside, name).flatMap((right) => {
    const literal = right && right.type !== 'identifier' ? facts.valueOf(right) : undefined;
    return literal !== undefined ? [{ source: literal, prose: literal }] : [];
  });
}

/**
 * A module constant made into a template and filled with a default system prompt
 * (`PromptTemplate.from_template(Llama2ChatPrompt).partial(system_prompt=system_prompt)`): the constant, mostly a
 * model's chat tags around placeholders, is the prompt under its own name, with the text filled in.
 */
function namedTemplate(facts: CodeFacts, call: CodeCall, partial: TemplateText[]): { name: Node; text: TemplateText } | undefined {
  if (partial.length === 0) return undefined;
  const argument = templateArgument(call);
  if (argument?.node.type !== 'identifier' || GENERIC_NAMES.has(argument.node.text)) return undefined;
  const value = facts.valueOf(argument.node);
  return value === undefined ? undefined : { name: argument.node, text: { source: value, prose: '' } };
}

/** `return PromptTemplate.from_template(template).partial(…)`: the name of the function that returns the template. */
function returnedBy(call: Node): Node | undefined {
  let outer = call;
  while (outer.parent && (outer.parent.type === 'attribute' || (outer.parent.type === 'call' && outer.type === 'attribute')))
    outer = outer.parent;
  if (outer.parent?.type !== 'return_statement') return undefined;
  for (let current = outer.parent.parent; current; current = current.parent) {
    if (current.type !== 'function_definition') continue;
    const name = current.childForFieldName('name');
    return name && !name.text.startsWith('__') ? name : undefined;
  }
  return undefined;
}

function textOf(facts: CodeFacts, node: Node): TemplateText | undefined {
  const literal = node.type === 'identifier' ? undefined : facts.valueOf(node);
  if (literal !== undefined) return { source: literal, prose: literal };
  const template = templateOf(node);
  if (template) return template;
  const bound = boundText(facts, node);
  return bound ? { source: bound.source, prose: bound.prose } : undefined;
}

/** The name a template call is assigned to: `x_prompt = …` or `self.x_prompt = …`. */
function bindingOf(call: Node): Node | undefined {
  const assignment = call.parent;
  if (assignment?.type !== 'assignment' || assignment.childForFieldName('right')?.id !== call.id) return undefined;
  const left = assignment.childForFieldName('left');
  if (left?.type === 'identifier') return left;
  if (left?.type === 'attribute') return left.childForFieldName('attribute') ?? undefined;
  return undefined;
}

function enclosingFunction(node: Node): string | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'function_definition') return current.childForFieldName('name')?.text;
  }
  return undefined;
}

/** A generic name gives way to the function that builds the template, else the chain it starts. */
function genericName(facts: CodeFacts, call: CodeCall, binding: Node): string {
  const owner = enclosingFunction(call.node);
  if (owner && !owner.startsWith('__')) return owner;
  // A special method (`def __call__(self, …)`) names nothing of its own: the variable holding the text does.
  return (owner && textName(call)) || chainOf(facts, binding);
}

/** `ChatPromptTemplate.from_template(template)` in a special method: the variable holding the text names it. */
function textName(call: CodeCall): string | undefined {
  const argument = templateArgument(call);
  return argument?.node.type === 'identifier' ? argument.node.text : undefined;
}

/** `rag_chain = prompt | llm | StrOutputParser()`: the chain a module-level template starts, else the template's own name. */
function chainOf(facts: CodeFacts, binding: Node): string {
  for (const statement of facts.tree.rootNode.namedChildren) {
    const assignment = statement?.type === 'expression_statement' ? statement.namedChild(0) : undefined;
    if (assignment?.type !== 'assignment' || assignment.startIndex < binding.startIndex) continue;
    let right = assignment.childForFieldName('right');
    if (right?.type === 'parenthesized_expression') right = right.namedChild(0);
    if (right?.type !== 'binary_operator' || right.childForFieldName('operator')?.text !== '|') continue;
    let first: Node | null | undefined = right;
    while (first?.type === 'binary_operator') first = first.childForFieldName('left');
    const left = assignment.childForFieldName('left');
    if (first?.type === 'identifier' && first.text === binding.text && left?.type === 'identifier') return left.text;
  }
  return binding.text;
}

function promptComponentAt(site: CodeSite, name: string, sources: string[], binding: Node): PartialComponent {
  return promptComponent(site.path, name, sources.join('\n'), [property('prompt:type', 'template')], {
    path: site.path,
    line: site.line(binding.startPosition.row),
    evidence: 'constant',
    symbol: binding.text,
  });
}

/** The template a template class is given: `template=`, else its first argument. */
function templateArgument(call: CodeCall) {
  return call.args.find((arg) => arg.name === 'template') ?? positionalArg(call.args, 0);
}
