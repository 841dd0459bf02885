import type { CodeCall, CodeFacts } from '../facts';
import { positionalArg } from '../facts/loaders';
import type { Node } from '../parse/treeSitter';
import { isConventionalTestPath } from '../testCode';
import type { CodeSite } from './codeImports';
import { promptComponent } from './codePrompts';
import { property } from './components';
import { boundText, isNaturalLanguage, templateOf } from './promptTemplates';
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
  const named = new Set<string>();
  for (const call of facts.calls) {
    if (!TEMPLATE_CALLEES.test(call.callee)) continue;
    // LangChain's keywords say whose template it is where the import hides behind a helper (`from helpers import *`).
    if (!imported && !call.args.some((arg) => arg.name === 'input_variables')) continue;
    const texts = templateTexts(facts, call);
    if (texts.length === 0) continue;
    const prose = texts
      .map((text) => text.prose)
      .join('\n')
      .replace(/\{[^{}\s]*\}/g, ' ');
    if (prose.trim().length < MIN_TEMPLATE_TEXT || !isNaturalLanguage(prose)) continue;
    const binding = bindingOf(call.node);
    if (!binding) continue;
    const name = GENERIC_NAMES.has(binding.text) ? genericName(facts, call, binding) : binding.text;
    if (named.has(name)) continue;
    named.add(name);
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
  const argument = call.args.find((arg) => arg.name === 'template') ?? positionalArg(call.args, 0);
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
  const argument = call.args.find((arg) => arg.name === 'template') ?? positionalArg(call.args, 0);
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
