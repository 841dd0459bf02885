import { JsModule, stringValue as jsString, objectPairs } from '../parse/javascript';
import { dottedText, PythonModule, stringValue as pyString } from '../parse/python';
import { type GrammarName, type Node, type Tree, withTree } from '../parse/treeSitter';
import { LineIndex } from '../text/lineIndex';
import type { FileKind } from '../types';
import { findEndpoints } from './catalog';

/**
 * A language-neutral view of one source file for the inventory: its imports, its calls with literal
 * arguments, and the AI endpoints written in its string literals. Each language adapter walks a
 * tree-sitter tree once; the collectors (`codeImports`, `models`, `services`, `datasets`) only read
 * these facts, so the tree can be freed right away.
 */

export type CodeLanguage = 'python' | 'javascript' | 'csharp' | 'java' | 'go';

export interface CodeImport {
  /** Module path, namespace, Java import or Go import path as written. */
  module: string;
  line: number;
}

export interface CodeArg {
  /** Keyword or named argument, object-literal key (JS) or struct field (Go). */
  name?: string;
  /** The value when it is a plain string literal. */
  value?: string;
}

export interface CodeCall {
  /** 1-based line of the call. */
  line: number;
  /** The callee as written (one line). */
  callee: string;
  /** The called name: function, method, constructor type, or the imported name it aliases. */
  method: string;
  /** The class a constructor or static call names (`new AzureOpenAIClient`, `OpenAiChatModel.builder()`). */
  typeName?: string;
  /** What the callee resolves to through imports: a qualified name or a module specifier. */
  origin?: string;
  args: CodeArg[];
  /** http(s) URL literals anywhere in the arguments (`new Uri("…")`, `option.WithBaseURL("…")`). */
  urls: string[];
  /** The call that produced the receiver, through a variable (`client = OpenAI()`) or a chain. */
  receiver?: CodeCall;
}

export interface CodeEndpoint {
  service: string;
  endpoint: string;
  line: number;
}

export interface CodeFacts {
  language: CodeLanguage;
  imports: CodeImport[];
  calls: CodeCall[];
  endpoints: CodeEndpoint[];
}

export function codeLanguageOf(kind: FileKind): CodeLanguage | undefined {
  switch (kind) {
    case 'python':
    case 'notebook':
      return 'python';
    case 'javascript':
    case 'typescript':
    case 'tsx':
      return 'javascript';
    case 'csharp':
    case 'java':
    case 'go':
      return kind;
    default:
      return undefined;
  }
}

function grammarOf(kind: FileKind): GrammarName {
  if (kind === 'notebook') return 'python';
  return kind as GrammarName;
}

/** Parses one source text and extracts its facts. `lineOf` maps 0-based rows to 1-based file lines. */
export async function extractCodeFacts(
  kind: FileKind,
  text: string,
  lineOf: (row: number) => number = (row) => row + 1,
): Promise<CodeFacts | undefined> {
  const language = codeLanguageOf(kind);
  if (!language) return undefined;
  return withTree(grammarOf(kind), text, (tree) => {
    const raw = ADAPTERS[language](tree, lineOf);
    const calls = link(raw);
    const hits = findEndpoints(text).filter((hit) => insideString(tree, hit.index));
    const lines = hits.length > 0 ? new LineIndex(text) : undefined;
    const endpoints = hits.map((hit) => ({
      service: hit.service,
      endpoint: hit.endpoint,
      line: lineOf((lines as LineIndex).positionAt(hit.index).line),
    }));
    return { language, imports: raw.imports, calls, endpoints };
  });
}

// ---------------------------------------------------------------------------------------------
// Shared plumbing

interface RawCall extends CodeCall {
  node: Node;
  /** Text of a variable-like receiver (`client`, `self.client`, `this.llm`). */
  receiverText?: string;
  /** The receiver expression when it is itself a call (method chains). */
  receiverNode?: Node;
  /** The variable this call's result is assigned to. */
  assignedTo?: string;
}

interface RawFacts {
  imports: CodeImport[];
  calls: RawCall[];
}

type Adapter = (tree: Tree, lineOf: (row: number) => number) => RawFacts;

/** Resolves receivers: chained calls directly, variables through their last assignment. */
function link(raw: RawFacts): CodeCall[] {
  const byNode = new Map<number, RawCall>();
  const bindings = new Map<string, RawCall>();
  for (const call of raw.calls) {
    byNode.set(call.node.id, call);
    if (call.assignedTo) bindings.set(call.assignedTo, call);
  }
  for (const call of raw.calls) {
    if (call.receiverNode) call.receiver = byNode.get(unwrap(call.receiverNode).id);
    else if (call.receiverText) call.receiver = bindingFor(bindings, call.receiverText, call);
  }
  // Drop the syntax nodes in place: receivers point at these same objects, and the tree is freed next.
  for (const call of raw.calls as Partial<RawCall>[]) {
    delete call.node;
    delete call.receiverText;
    delete call.receiverNode;
    delete call.assignedTo;
  }
  return raw.calls;
}

/** The binding of `a.b.c` or of its longest bound prefix (`a.b`, then `a`). */
function bindingFor(bindings: Map<string, RawCall>, text: string, self: RawCall): RawCall | undefined {
  let candidate = text;
  for (;;) {
    const bound = bindings.get(candidate);
    if (bound && bound !== self) return bound;
    const cut = candidate.lastIndexOf('.');
    if (cut <= 0) return undefined;
    candidate = candidate.slice(0, cut);
  }
}

/** Skips `await`, parentheses and non-null assertions around an expression. */
function unwrap(node: Node): Node {
  let current = node;
  while (
    ['await_expression', 'await', 'parenthesized_expression', 'non_null_expression'].includes(current.type) &&
    current.namedChildCount > 0
  ) {
    current = current.namedChildren[current.namedChildCount - 1] as Node;
  }
  return current;
}

/** The variable a call's value lands in, looking through `await` and parentheses. */
function assignmentTarget(node: Node, rules: { parent: string; value: string; target: string }[]): string | undefined {
  let current = node;
  while (current.parent && ['await_expression', 'await', 'parenthesized_expression'].includes(current.parent.type)) {
    current = current.parent;
  }
  const parent = current.parent;
  if (!parent) return undefined;
  for (const rule of rules) {
    if (parent.type !== rule.parent) continue;
    const value = rule.value === '*last' ? parent.namedChildren[parent.namedChildCount - 1] : parent.childForFieldName(rule.value);
    if (value?.id !== current.id) continue;
    const target = parent.childForFieldName(rule.target);
    const text = target?.text;
    if (text && /^[\w$.]+$/.test(text)) return text;
  }
  return undefined;
}

const URL_PREFIX = /^(?:https?|wss?):\/\//i;
const MAX_ARG_STRINGS = 64;

/** URL literals among the string nodes below an argument list. */
function urlsIn(args: Node | null | undefined, stringTypes: string[], value: (node: Node) => string | undefined): string[] {
  if (!args) return [];
  const urls: string[] = [];
  for (const node of args.descendantsOfType(stringTypes).slice(0, MAX_ARG_STRINGS)) {
    const text = node ? value(node) : undefined;
    if (text && URL_PREFIX.test(text)) urls.push(text);
  }
  return urls;
}

function insideString(tree: Tree, offset: number): boolean {
  let node: Node | null = tree.rootNode.descendantForIndex(offset, offset);
  for (let depth = 0; node && depth < 3; depth++, node = node.parent) {
    if (/string|raw_string|template/.test(node.type) && !node.type.includes('comment')) return true;
  }
  return false;
}

function lastSegment(text: string): string {
  const clean = text.replace(/<[^<>]*>$/, '');
  return clean.slice(Math.max(clean.lastIndexOf('.'), clean.lastIndexOf(':')) + 1);
}

function firstLine(text: string): string {
  const line = text.split(/\r?\n/, 1)[0];
  return line.length > 120 ? `${line.slice(0, 117)}...` : line;
}

/**
 * Names bound once to a string literal (`MODEL = "gpt-4o"`, `const model = 'gpt-4o'`,
 * `static final String MODEL = "…"`), so `model=MODEL` still names the model. A name bound to two
 * different values is left out.
 */
function stringConstants(
  tree: Tree,
  declarations: string[],
  binding: (node: Node) => [Node | null | undefined, Node | null | undefined][],
  value: (node: Node) => string | undefined,
): Map<string, string> {
  const constants = new Map<string, string>();
  const ambiguous = new Set<string>();
  for (const node of tree.rootNode.descendantsOfType(declarations)) {
    if (!node) continue;
    for (const [name, literal] of binding(node)) {
      const text = literal ? value(literal) : undefined;
      if (name?.type !== 'identifier' || text === undefined) continue;
      if (constants.has(name.text) && constants.get(name.text) !== text) ambiguous.add(name.text);
      constants.set(name.text, text);
    }
  }
  for (const name of ambiguous) constants.delete(name);
  return constants;
}

/** A literal, or the literal an identifier is bound to. */
function literalOf(value: (node: Node) => string | undefined, constants: Map<string, string>) {
  return (node: Node | null | undefined): string | undefined => {
    if (!node) return undefined;
    return value(node) ?? (node.type === 'identifier' ? constants.get(node.text) : undefined);
  };
}

// ---------------------------------------------------------------------------------------------
// Python

const python: Adapter = (tree, lineOf) => {
  const module = new PythonModule(tree);
  const constants = stringConstants(
    tree,
    ['assignment'],
    (node) => [[node.childForFieldName('left'), node.childForFieldName('right')]],
    pyString,
  );
  const literal = literalOf(pyString, constants);
  const imports: CodeImport[] = [];
  for (const node of tree.rootNode.descendantsOfType(['import_statement', 'import_from_statement'])) {
    if (!node) continue;
    const line = lineOf(node.startPosition.row);
    if (node.type === 'import_statement') {
      for (const name of node.childrenForFieldName('name')) {
        const dotted = name?.type === 'aliased_import' ? name.childForFieldName('name')?.text : name?.text;
        if (dotted) imports.push({ module: dotted, line });
      }
      continue;
    }
    const from = node.childForFieldName('module_name')?.text;
    if (!from || from.startsWith('.')) continue;
    const names = node.childrenForFieldName('name');
    if (names.length === 0) imports.push({ module: from, line });
    for (const name of names) {
      const imported = name?.type === 'aliased_import' ? name.childForFieldName('name')?.text : name?.text;
      if (imported) imports.push({ module: `${from}.${imported}`, line });
    }
  }
  const calls: RawCall[] = module.calls().map((call) => {
    const fn = call.node.childForFieldName('function');
    const object = fn?.type === 'attribute' ? fn.childForFieldName('object') : undefined;
    const receiver = object ? unwrap(object) : undefined;
    return {
      node: call.node,
      line: lineOf(call.node.startPosition.row),
      callee: firstLine(call.calleeText),
      method: lastSegment(call.calleeText),
      origin: call.imported ? call.callee : undefined,
      args: call.args.map((arg) => ({ name: arg.name, value: literal(arg.value) })),
      urls: urlsIn(call.argumentList, ['string'], pyString),
      receiverNode: receiver?.type === 'call' ? receiver : undefined,
      receiverText: receiver && receiver.type !== 'call' ? dottedText(receiver) : undefined,
      assignedTo: assignmentTarget(call.node, [{ parent: 'assignment', value: 'right', target: 'left' }]),
    };
  });
  return { imports, calls };
};

// ---------------------------------------------------------------------------------------------
// JavaScript and TypeScript

const javascript: Adapter = (tree, lineOf) => {
  const module = new JsModule(tree);
  const constants = stringConstants(
    tree,
    ['variable_declarator'],
    (node) => [[node.childForFieldName('name'), node.childForFieldName('value')]],
    jsString,
  );
  const literal = literalOf(jsString, constants);
  const imports: CodeImport[] = [];
  for (const node of tree.rootNode.descendantsOfType(['import_statement', 'export_statement', 'call_expression'])) {
    if (!node) continue;
    let specifier: string | undefined;
    if (node.type === 'call_expression') {
      const fn = node.childForFieldName('function');
      if (fn?.type === 'import' || fn?.text === 'require') specifier = jsString(node.childForFieldName('arguments')?.namedChildren[0]);
    } else {
      specifier = jsString(node.childForFieldName('source'));
    }
    if (specifier) imports.push({ module: specifier, line: lineOf(node.startPosition.row) });
  }
  const calls: RawCall[] = module.calls().map((call) => {
    const callee = call.node.childForFieldName(call.isNew ? 'constructor' : 'function') as Node;
    const object = callee.type === 'member_expression' ? callee.childForFieldName('object') : undefined;
    const receiver = object ? unwrap(object) : undefined;
    // `import { openai as o } from '@ai-sdk/openai'; o('gpt-4o')` calls `openai`.
    const named =
      callee.type === 'identifier' && call.origin && !['default', '*'].includes(call.origin.name) ? call.origin.name : undefined;
    return {
      node: call.node,
      line: lineOf(call.node.startPosition.row),
      callee: firstLine(call.calleeText),
      method: named ?? lastSegment(call.calleeText),
      origin: call.origin?.module,
      args: call.args.flatMap((arg) => jsArguments(arg, 0, literal)),
      urls: urlsIn(call.node.childForFieldName('arguments'), ['string', 'template_string'], jsString),
      receiverNode: receiver && ['call_expression', 'new_expression'].includes(receiver.type) ? receiver : undefined,
      receiverText: receiver && /^[\w$.]+$/.test(receiver.text) ? receiver.text : undefined,
      assignedTo: assignmentTarget(call.node, [
        { parent: 'variable_declarator', value: 'value', target: 'name' },
        { parent: 'assignment_expression', value: 'right', target: 'left' },
        { parent: 'public_field_definition', value: 'value', target: 'name' },
      ]),
    };
  });
  return { imports, calls };
};

/** Positional strings, and object-literal options flattened (`{ model: 'x', configuration: { baseURL } }`). */
function jsArguments(node: Node, depth: number, literal: (node: Node) => string | undefined): CodeArg[] {
  if (node.type === 'object') {
    if (depth >= 3) return [];
    return objectPairs(node).flatMap(({ key, value }) =>
      value.type === 'object' ? jsArguments(value, depth + 1, literal) : [{ name: key, value: literal(value) }],
    );
  }
  return depth === 0 ? [{ value: literal(node) }] : [];
}

// ---------------------------------------------------------------------------------------------
// C#

const CSHARP_STRINGS = ['string_literal', 'verbatim_string_literal', 'raw_string_literal'];

function csString(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'string_literal') {
    return node.namedChildren
      .filter((child): child is Node => child?.type === 'string_literal_content' || child?.type === 'escape_sequence')
      .map((child) => child.text)
      .join('');
  }
  if (node.type === 'verbatim_string_literal') return node.text.slice(2, -1).replace(/""/g, '"');
  if (node.type === 'raw_string_literal') {
    const content = node.namedChildren.find((child) => child?.type === 'raw_string_content');
    return content?.text;
  }
  return undefined;
}

function csTypeName(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'generic_name') return node.namedChildren.find((child) => child?.type === 'identifier')?.text;
  if (node.type === 'qualified_name') return csTypeName(node.childForFieldName('name'));
  return node.type === 'identifier' ? node.text : undefined;
}

const csharp: Adapter = (tree, lineOf) => {
  const constants = stringConstants(
    tree,
    ['variable_declarator'],
    (node) => [[node.childForFieldName('name'), node.namedChildren[node.namedChildCount - 1]]],
    csString,
  );
  const literal = literalOf(csString, constants);
  const imports: CodeImport[] = [];
  for (const node of tree.rootNode.descendantsOfType('using_directive')) {
    const name = node?.namedChildren.filter((child) => child?.type === 'qualified_name' || child?.type === 'identifier').pop();
    if (node && name) imports.push({ module: name.text, line: lineOf(node.startPosition.row) });
  }
  const calls: RawCall[] = [];
  const assignment = [
    { parent: 'variable_declarator', value: '*last', target: 'name' },
    { parent: 'assignment_expression', value: 'right', target: 'left' },
  ];
  for (const node of tree.rootNode.descendantsOfType([
    'object_creation_expression',
    'implicit_object_creation_expression',
    'invocation_expression',
  ])) {
    if (!node) continue;
    const argumentList = node.childForFieldName('arguments') ?? node.namedChildren.find((child) => child?.type === 'argument_list');
    const base = {
      node,
      line: lineOf(node.startPosition.row),
      args: csArguments(argumentList, literal),
      urls: urlsIn(argumentList, CSHARP_STRINGS, csString),
      assignedTo: assignmentTarget(node, assignment),
    };
    if (node.type === 'invocation_expression') {
      const fn = node.childForFieldName('function');
      if (!fn) continue;
      const target = fn.type === 'member_access_expression' ? fn.childForFieldName('expression') : undefined;
      const receiver = target ? unwrap(target) : undefined;
      const method = csTypeName(fn.type === 'member_access_expression' ? fn.childForFieldName('name') : fn) ?? lastSegment(fn.text);
      const typeName = receiver?.type === 'identifier' && /^[A-Z]/.test(receiver.text) ? receiver.text : undefined;
      calls.push({
        ...base,
        callee: firstLine(fn.text),
        method,
        typeName,
        receiverNode: receiver && ['invocation_expression', 'object_creation_expression'].includes(receiver.type) ? receiver : undefined,
        receiverText: receiver && /^[\w.]+$/.test(receiver.text) ? receiver.text : undefined,
      });
      continue;
    }
    // `AzureOpenAIClient client = new(…)` names its type on the declaration.
    const typeNode =
      node.type === 'object_creation_expression'
        ? node.childForFieldName('type')
        : node.parent?.parent?.type === 'variable_declaration'
          ? node.parent.parent.childForFieldName('type')
          : undefined;
    const typeName = csTypeName(typeNode);
    if (!typeName) continue;
    calls.push({ ...base, callee: `new ${typeName}`, method: typeName, typeName });
  }
  return { imports, calls };
};

function csArguments(argumentList: Node | null | undefined, literal: (node: Node | null | undefined) => string | undefined): CodeArg[] {
  return (argumentList?.namedChildren ?? []).flatMap((argument) => {
    if (argument?.type !== 'argument') return [];
    const name = argument.childForFieldName('name')?.text;
    const expression = argument.namedChildren[argument.namedChildCount - 1];
    return [{ name, value: literal(expression) }];
  });
}

// ---------------------------------------------------------------------------------------------
// Java

function javaString(node: Node | null | undefined): string | undefined {
  if (node?.type !== 'string_literal') return undefined;
  return node.namedChildren
    .filter(
      (child): child is Node =>
        child?.type === 'string_fragment' || child?.type === 'escape_sequence' || child?.type === 'multiline_string_fragment',
    )
    .map((child) => child.text)
    .join('');
}

function javaTypeName(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'generic_type') return javaTypeName(node.namedChildren[0]);
  if (node.type === 'scoped_type_identifier') return javaTypeName(node.namedChildren[node.namedChildCount - 1]);
  return node.type === 'type_identifier' || node.type === 'identifier' ? node.text : undefined;
}

const java: Adapter = (tree, lineOf) => {
  const constants = stringConstants(
    tree,
    ['variable_declarator'],
    (node) => [[node.childForFieldName('name'), node.childForFieldName('value')]],
    javaString,
  );
  const literal = literalOf(javaString, constants);
  const imports: CodeImport[] = [];
  const classes = new Map<string, string>();
  for (const node of tree.rootNode.descendantsOfType('import_declaration')) {
    const name = node?.namedChildren.find((child) => child?.type === 'scoped_identifier' || child?.type === 'identifier');
    if (!node || !name) continue;
    const wildcard = node.namedChildren.some((child) => child?.type === 'asterisk');
    imports.push({ module: wildcard ? `${name.text}.*` : name.text, line: lineOf(node.startPosition.row) });
    if (!wildcard) classes.set(lastSegment(name.text), name.text);
  }
  const calls: RawCall[] = [];
  const assignment = [
    { parent: 'variable_declarator', value: 'value', target: 'name' },
    { parent: 'assignment_expression', value: 'right', target: 'left' },
  ];
  for (const node of tree.rootNode.descendantsOfType(['object_creation_expression', 'method_invocation'])) {
    if (!node) continue;
    const argumentList = node.childForFieldName('arguments');
    const base = {
      node,
      line: lineOf(node.startPosition.row),
      args: (argumentList?.namedChildren ?? []).map((child) => ({ value: literal(child) })),
      urls: urlsIn(argumentList, ['string_literal'], javaString),
      assignedTo: assignmentTarget(node, assignment),
    };
    if (node.type === 'object_creation_expression') {
      const typeName = javaTypeName(node.childForFieldName('type'));
      if (typeName) calls.push({ ...base, callee: `new ${typeName}`, method: typeName, typeName, origin: classes.get(typeName) });
      continue;
    }
    const object = node.childForFieldName('object');
    const receiver = object ? unwrap(object) : undefined;
    const typeName = receiver?.type === 'identifier' && /^[A-Z]/.test(receiver.text) ? receiver.text : undefined;
    calls.push({
      ...base,
      callee: firstLine(
        `${object ? `${object.type === 'identifier' ? object.text : '…'}.` : ''}${node.childForFieldName('name')?.text ?? ''}`,
      ),
      method: node.childForFieldName('name')?.text ?? '',
      typeName,
      origin: typeName ? classes.get(typeName) : undefined,
      receiverNode: receiver && ['method_invocation', 'object_creation_expression'].includes(receiver.type) ? receiver : undefined,
      receiverText: receiver && /^[\w.]+$/.test(receiver.text) ? receiver.text : undefined,
    });
  }
  return { imports, calls };
};

// ---------------------------------------------------------------------------------------------
// Go

const GO_STRINGS = ['interpreted_string_literal', 'raw_string_literal'];

function goString(node: Node | null | undefined): string | undefined {
  if (node?.type === 'interpreted_string_literal') {
    return node.namedChildren
      .filter((child): child is Node => child?.type === 'interpreted_string_literal_content' || child?.type === 'escape_sequence')
      .map((child) => child.text)
      .join('');
  }
  if (node?.type === 'raw_string_literal') return node.text.slice(1, -1);
  return undefined;
}

/** The package name an import path conventionally binds (`…/anthropic-sdk-go` → `anthropic`, `…/openai-go/v2` → `openai`). */
export function goPackageName(importPath: string): string {
  const segments = importPath.split('/');
  let last = segments[segments.length - 1];
  if (/^v\d+$/.test(last) && segments.length > 1) last = segments[segments.length - 2];
  return last
    .replace(/^go-/, '')
    .replace(/(?:-sdk)?-go$/, '')
    .replace(/-.*$/, '')
    .replace(/\./g, '_');
}

const go: Adapter = (tree, lineOf) => {
  const constants = stringConstants(tree, ['const_spec', 'var_spec', 'short_var_declaration'], goBindings, goString);
  const literal = literalOf(goString, constants);
  const imports: CodeImport[] = [];
  const packages = new Map<string, string>();
  for (const spec of tree.rootNode.descendantsOfType('import_spec')) {
    const importPath = goString(spec?.childForFieldName('path'));
    if (!spec || !importPath) continue;
    imports.push({ module: importPath, line: lineOf(spec.startPosition.row) });
    const alias = spec.childForFieldName('name')?.text;
    if (alias !== '_' && alias !== '.') packages.set(alias ?? goPackageName(importPath), importPath);
  }
  const calls: RawCall[] = [];
  for (const node of tree.rootNode.descendantsOfType(['call_expression', 'composite_literal'])) {
    if (!node) continue;
    const base = { node, line: lineOf(node.startPosition.row), assignedTo: goAssignmentTarget(node) };
    if (node.type === 'composite_literal') {
      // `openai.ChatCompletionNewParams{Model: "gpt-4o"}` carries model ids like a call's named arguments.
      const type = node.childForFieldName('type');
      if (type?.type !== 'qualified_type') continue;
      const pkg = type.childForFieldName('package')?.text ?? '';
      const name = type.childForFieldName('name')?.text ?? '';
      const origin = packages.get(pkg);
      if (!origin) continue;
      calls.push({
        ...base,
        callee: `${pkg}.${name}`,
        method: name,
        typeName: name,
        origin: `${origin}.${name}`,
        args: goKeyed(node, literal),
        urls: [],
      });
      continue;
    }
    const fn = node.childForFieldName('function');
    const argumentList = node.childForFieldName('arguments');
    if (!fn) continue;
    const operand = fn.type === 'selector_expression' ? fn.childForFieldName('operand') : undefined;
    const field = fn.type === 'selector_expression' ? (fn.childForFieldName('field')?.text ?? '') : fn.text;
    const pkgPath = operand?.type === 'identifier' ? packages.get(operand.text) : undefined;
    const args = (argumentList?.namedChildren ?? []).flatMap((child) =>
      child?.type === 'composite_literal' || child?.type === 'unary_expression' ? goKeyed(child, literal) : [{ value: literal(child) }],
    );
    calls.push({
      ...base,
      callee: firstLine(fn.text),
      method: field,
      origin: pkgPath ? `${pkgPath}.${field}` : undefined,
      args,
      urls: urlsIn(argumentList, GO_STRINGS, goString),
      receiverNode: operand && !pkgPath && operand.type === 'call_expression' ? operand : undefined,
      receiverText: operand && !pkgPath && /^[\w.]+$/.test(operand.text) ? operand.text : undefined,
    });
  }
  return { imports, calls };
};

/** `x := f()`, `x = f()` and `var x = f()` bind the first name on the left to the first value on the right. */
function goAssignmentTarget(node: Node): string | undefined {
  const parent = node.parent;
  const declaration = parent?.parent;
  if (parent?.type !== 'expression_list' || !declaration || parent.namedChildren[0]?.id !== node.id) return undefined;
  if (declaration.type === 'var_spec') {
    return declaration.childForFieldName('value')?.id === parent.id ? declaration.childForFieldName('name')?.text : undefined;
  }
  if (!['short_var_declaration', 'assignment_statement'].includes(declaration.type)) return undefined;
  if (declaration.childForFieldName('right')?.id !== parent.id) return undefined;
  const left = declaration.childForFieldName('left')?.namedChildren[0];
  return left?.type === 'identifier' ? left.text : undefined;
}

function goKeyed(node: Node, literal: (node: Node | null | undefined) => string | undefined): CodeArg[] {
  const composite = node.type === 'unary_expression' ? node.namedChildren[0] : node;
  const body = composite?.childForFieldName('body');
  return (body?.namedChildren ?? []).flatMap((element) => {
    if (element?.type !== 'keyed_element') return [];
    const key = element.namedChildren[0]?.text;
    const value = element.namedChildren[1];
    return [{ name: key, value: literal(value?.namedChildren[0] ?? value) }];
  });
}

/** `const x = "…"`, `var x = "…"`, `x := "…"`: names paired with their values. */
function goBindings(node: Node): [Node | null | undefined, Node | null | undefined][] {
  const names = node.type === 'short_var_declaration' ? node.childForFieldName('left')?.namedChildren : node.childrenForFieldName('name');
  const values = (node.type === 'short_var_declaration' ? node.childForFieldName('right') : node.childForFieldName('value'))?.namedChildren;
  return (names ?? []).map((name, index) => [name, values?.[index]]);
}

const ADAPTERS: Record<CodeLanguage, Adapter> = { python, javascript, csharp, java, go };
