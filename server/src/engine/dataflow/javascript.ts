import type { CodeFacts } from '../facts';
import { stringValue } from '../parse/javascript';
import type { Node } from '../parse/treeSitter';
import type { TaintLanguage } from './engine';
import { isLlmCall } from './llmCalls';
import { isOptionElement } from './python';
import {
  ARGUMENT_METHODS,
  COLLECTION_MUTATORS,
  JS_CALL_SINKS,
  JS_CONTEXT_FIELDS,
  JS_CONTEXT_NAMES,
  JS_HTML_METHODS,
  JS_HTML_PROPERTIES,
  JS_PROPAGATORS,
  JS_REQUEST_FIELDS,
  JS_REQUEST_NAMES,
  JS_SANITIZERS,
  JS_SQL_METHODS,
  JS_SQL_MODULES,
  JS_UNIVERSAL_SANITIZERS,
  JS_UNSAFE_SQL_METHODS,
  SOURCE_TRIGGERS,
  SQL_RECEIVERS,
} from './specs';
import { type SinkKind, type SinkSite, type SourceKind, strongest, type Taint } from './types';

type Next = (node: Node) => Taint | undefined;
type Analysis = { sources: SourceKind; sink: SinkKind };

const FUNCTIONS = [
  'function_declaration',
  'function_expression',
  'function',
  'arrow_function',
  'method_definition',
  'generator_function_declaration',
];

/** Expressions that are their first child's value (`await x`, `(x)`, `x as T`, `x!`). */
const WRAPPERS = new Set([
  'await_expression',
  'parenthesized_expression',
  'as_expression',
  'non_null_expression',
  'satisfies_expression',
  'type_assertion',
  'spread_element',
]);

/** Nodes whose named children all carry data (containers and string building). */
const CONTAINERS = new Set(['array', 'object', 'template_string', 'template_substitution', 'sequence_expression', 'jsx_expression']);

const CLEAN_LITERALS = new Set(['number', 'true', 'false', 'null', 'undefined', 'string', 'regex']);

/** JavaScript/TypeScript: Express, Next.js, Koa and Hono request data, `process.argv`, and LLM SDK results. */
export class JavaScriptTaint implements TaintLanguage {
  private definitions: Map<string, Node[]> | undefined;
  private functionList: Node[] | undefined;

  constructor(private readonly facts: CodeFacts) {}

  private get root(): Node {
    return this.facts.tree.rootNode;
  }

  sourceTriggers(kind: SourceKind): readonly string[] {
    return SOURCE_TRIGGERS[kind];
  }

  enclosingFunction(node: Node): Node | undefined {
    for (let current = node.parent; current; current = current.parent) if (FUNCTIONS.includes(current.type)) return current;
    return undefined;
  }

  scopeText(fn: Node | undefined): string {
    return fn ? fn.text : this.facts.text;
  }

  functions(): Node[] {
    this.functionList ??= this.root.descendantsOfType(FUNCTIONS).filter((node): node is Node => node !== null);
    return this.functionList;
  }

  functionName(fn: Node): string | undefined {
    const own = fn.childForFieldName('name');
    if (own) return own.text;
    const declarator = fn.parent?.type === 'variable_declarator' ? fn.parent : undefined;
    return declarator?.childForFieldName('name')?.type === 'identifier' ? declarator.childForFieldName('name')?.text : undefined;
  }

  calledFunction(node: Node): Node | undefined {
    if (node.type !== 'call_expression') return undefined;
    const callee = node.childForFieldName('function');
    if (callee?.type === 'identifier') return this.definitionsOf(callee.text).find((fn) => fn.type !== 'method_definition');
    if (callee?.type !== 'member_expression' || callee.childForFieldName('object')?.type !== 'this') return undefined;
    const name = callee.childForFieldName('property')?.text ?? '';
    const cls = classOf(node);
    return this.definitionsOf(name).find((fn) => fn.type === 'method_definition' && cls !== undefined && classOf(fn)?.id === cls.id);
  }

  callsOf(fn: Node): Node[] {
    return this.facts.javascript
      .calls()
      .filter((call) => !call.isNew && this.calledFunction(call.node)?.id === fn.id)
      .map((call) => call.node);
  }

  argumentFor(call: Node, _fn: Node, index: number): Node | undefined {
    return argumentsOf(call)[index];
  }

  returnValues(fn: Node): Node[] {
    const body = fn.childForFieldName('body');
    if (body && body.type !== 'statement_block') return [body];
    return (body?.descendantsOfType('return_statement') ?? [])
      .filter((statement): statement is Node => statement !== null && this.enclosingFunction(statement)?.id === fn.id)
      .flatMap((statement) => statement.namedChildren[0] ?? []);
  }

  classify(node: Node, next: Next, analysis: Analysis): Taint | undefined {
    if (CLEAN_LITERALS.has(node.type)) return { kind: 'clean' };
    if (WRAPPERS.has(node.type)) return node.namedChildren[0] ? next(node.namedChildren[0]) : undefined;
    if (node.type === 'template_string' && analysis.sink === 'shell' && isOptionElement(node, 'array')) return { kind: 'clean' };
    if (CONTAINERS.has(node.type)) return strongestOf(node.namedChildren, next) ?? { kind: 'clean' };
    switch (node.type) {
      case 'identifier':
      case 'shorthand_property_identifier':
        return this.identifier(node, next);
      case 'member_expression':
        return this.member(node, next, analysis);
      case 'subscript_expression': {
        const object = node.childForFieldName('object');
        return object ? next(object) : undefined;
      }
      case 'call_expression':
        return this.call(node, next, analysis);
      case 'new_expression':
        // `new URL(text, base)` keeps the text; other constructors are opaque.
        return /^(URL|String|Request)$/.test(node.childForFieldName('constructor')?.text ?? '')
          ? strongestOf(argumentsOf(node), next)
          : undefined;
      case 'binary_expression':
        return ['+', '??', '||', '&&'].includes(node.childForFieldName('operator')?.text ?? '')
          ? strongestOf([node.childForFieldName('left'), node.childForFieldName('right')], next)
          : { kind: 'clean' };
      case 'ternary_expression':
        return strongestOf([node.childForFieldName('consequence'), node.childForFieldName('alternative')], next);
      case 'pair':
        return node.childForFieldName('value') ? next(node.childForFieldName('value') as Node) : undefined;
      case 'assignment_expression':
      case 'augmented_assignment_expression':
        return strongestOf(
          [node.childForFieldName('right'), node.type === 'augmented_assignment_expression' ? node.childForFieldName('left') : null],
          next,
        );
      default:
        return undefined;
    }
  }

  /** A destructured variable takes its source's data; a parameter not rebound is a summary parameter. */
  private identifier(node: Node, next: Next): Taint | undefined {
    const pushed = this.mutations(node, next);
    if (pushed) return pushed;
    const destructured = this.destructuredFrom(node) ?? loopIterable(node);
    if (destructured) return next(destructured);
    const fn = this.enclosingFunction(node);
    if (!fn) return undefined;
    const index = parameterNames(fn).indexOf(node.text);
    if (index < 0 || reboundBefore(fn, node)) return undefined;
    return { kind: 'param', index, name: node.text };
  }

  /** `parts.push(answer)` before `parts.join('')`: data put into the array the variable holds (undefined when clean). */
  private mutations(node: Node, next: Next): Taint | undefined {
    const scope = this.enclosingFunction(node);
    const added = this.facts.javascript.calls().filter((call) => {
      const callee = call.node.childForFieldName('function');
      if (callee?.type !== 'member_expression' || call.node.endIndex > node.startIndex) return false;
      return (
        callee.childForFieldName('object')?.text === node.text &&
        COLLECTION_MUTATORS.has(callee.childForFieldName('property')?.text ?? '') &&
        this.enclosingFunction(call.node)?.id === scope?.id
      );
    });
    const taint = strongest(added.flatMap((call) => call.args.map(next)));
    return taint?.kind === 'clean' ? undefined : taint;
  }

  /** `const { prompt } = await req.json()`: the value a pattern variable was taken from, declared before the use. */
  private destructuredFrom(use: Node): Node | undefined {
    for (let scope = this.enclosingFunction(use); ; scope = scope ? this.enclosingFunction(scope) : undefined) {
      const container = scope ?? this.root;
      for (const declarator of container.descendantsOfType('variable_declarator')) {
        if (!declarator || declarator.endIndex > use.startIndex) continue;
        const pattern = declarator.childForFieldName('name');
        const value = declarator.childForFieldName('value');
        if (pattern && value && pattern.type !== 'identifier' && patternNames(pattern).includes(use.text)) return value;
      }
      if (!scope) return undefined;
    }
  }

  private member(node: Node, next: Next, analysis: Analysis): Taint | undefined {
    const object = node.childForFieldName('object');
    const property = node.childForFieldName('property')?.text ?? '';
    if (!object) return undefined;
    // A length is a number: it cannot carry markup, code or a path.
    if (property === 'length') return { kind: 'clean' };
    if (analysis.sources === 'user' && isRequestRead(object.text, property, node.text)) {
      return {
        kind: 'source',
        source: {
          node,
          description: node.text === 'process.argv' ? 'command-line arguments (process.argv)' : `request data (${node.text})`,
        },
      };
    }
    return next(object);
  }

  private call(node: Node, next: Next, analysis: Analysis): Taint | undefined {
    const callee = node.childForFieldName('function');
    if (!callee) return undefined;
    const text = callee.text;
    if (analysis.sources === 'llm' && this.isLlm(callee)) {
      return { kind: 'source', source: { node, description: `LLM output (${shortCallee(text)}())` } };
    }
    if (JS_UNIVERSAL_SANITIZERS.has(text) || JS_SANITIZERS[analysis.sink]?.test(text)) return { kind: 'clean' };
    const args = argumentsOf(node);
    if (JS_PROPAGATORS.test(text)) return strongestOf(args, next) ?? { kind: 'clean' };
    if (callee.type !== 'member_expression') return undefined;
    const method = callee.childForFieldName('property')?.text ?? '';
    return strongest([next(callee), ...(ARGUMENT_METHODS.has(method) ? args.map(next) : [])]);
  }

  private isLlm(callee: Node): boolean {
    const text = callee.text;
    const dot = text.lastIndexOf('.');
    return isLlmCall({
      calleeText: text,
      qualified: this.qualified(callee),
      receiver: callee.type === 'member_expression' && dot > 0 ? text.slice(0, dot) : undefined,
      imports: this.facts.imports,
    });
  }

  /** `module:export` for an imported callee (`child_process:exec`, `ai:generateText`, `axios:get`), else the text. */
  private qualified(callee: Node): string {
    const origin = this.facts.javascript.originOf(callee);
    if (!origin) return callee.text;
    if (callee.type === 'identifier') return `${origin.module}:${origin.name === 'default' || origin.name === '*' ? '' : origin.name}`;
    return `${origin.module}:${callee.childForFieldName('property')?.text ?? ''}`;
  }

  sinkSites(kind: SinkKind): SinkSite[] {
    if (kind === 'system-prompt') return this.systemPromptSites();
    if (kind === 'html') return this.htmlSites();
    const sites: SinkSite[] = [];
    const sqlFile = kind === 'sql' && this.facts.imports.some((entry) => JS_SQL_MODULES.test(entry.module));
    for (const call of this.facts.javascript.calls()) {
      const callee = call.node.childForFieldName(call.isNew ? 'constructor' : 'function');
      if (!callee) continue;
      const label = `${shortCallee(callee.text)}()`;
      const qualified = this.qualified(callee);
      if (kind === 'code' && /^Function$/.test(callee.text)) sites.push(...call.args.map((value) => ({ value, sink: 'new Function()' })));
      for (const sink of JS_CALL_SINKS[kind] ?? []) {
        if (!sink.names.test(qualified)) continue;
        for (const position of sink.positions) if (call.args[position]) sites.push({ value: call.args[position], sink: label });
      }
      const method = callee.type === 'member_expression' ? (callee.childForFieldName('property')?.text ?? '') : '';
      const receiver = callee.type === 'member_expression' ? (callee.childForFieldName('object')?.text ?? '') : '';
      const database = sqlFile && JS_SQL_METHODS.has(method) && SQL_RECEIVERS.test(receiver.replace(/\(.*\)$/s, ''));
      if (kind === 'sql' && call.args[0] && (JS_UNSAFE_SQL_METHODS.has(method) || database)) {
        sites.push({ value: call.args[0], sink: label });
      }
    }
    return sites;
  }

  private htmlSites(): SinkSite[] {
    const sites: SinkSite[] = [];
    for (const assignment of this.root.descendantsOfType(['assignment_expression', 'augmented_assignment_expression'])) {
      const left = assignment?.childForFieldName('left');
      const right = assignment?.childForFieldName('right');
      const property = left?.type === 'member_expression' ? left.childForFieldName('property')?.text : undefined;
      if (right && property && JS_HTML_PROPERTIES.has(property)) sites.push({ value: right, sink: property });
    }
    for (const call of this.facts.javascript.calls()) {
      const callee = call.node.childForFieldName('function');
      const method = callee?.type === 'member_expression' ? (callee.childForFieldName('property')?.text ?? '') : '';
      const position = JS_HTML_METHODS[method];
      if (position === undefined || (method !== 'insertAdjacentHTML' && callee?.childForFieldName('object')?.text !== 'document')) continue;
      if (call.args[position]) sites.push({ value: call.args[position], sink: `${shortCallee(callee?.text ?? method)}()` });
    }
    for (const attribute of this.root.descendantsOfType('jsx_attribute')) {
      if (attribute?.namedChildren[0]?.text !== 'dangerouslySetInnerHTML') continue;
      const html = attribute.descendantsOfType('pair').find((pair) => pair?.childForFieldName('key')?.text === '__html');
      const value = html?.childForFieldName('value');
      if (value) sites.push({ value, sink: 'dangerouslySetInnerHTML' });
    }
    return sites;
  }

  private systemPromptSites(): SinkSite[] {
    const sink = 'the system prompt';
    const sites: SinkSite[] = [];
    for (const object of this.root.descendantsOfType('object')) {
      if (!object) continue;
      const members = objectMembers(object);
      if (isSystemRole(members.get('role')) && members.get('content')) sites.push({ value: members.get('content') as Node, sink });
      const call = object.parent?.type === 'arguments' ? object.parent.parent : undefined;
      const callee = call?.childForFieldName(call.type === 'new_expression' ? 'constructor' : 'function');
      const system = members.get('system');
      if (system && callee && call?.type === 'call_expression' && this.isLlm(callee)) sites.push({ value: system, sink });
      const instructions = members.get('instructions');
      if (instructions && callee && (/Agent$/.test(callee.text) || /responses\.create$/.test(callee.text)))
        sites.push({ value: instructions, sink });
      if (members.get('systemInstruction')) sites.push({ value: members.get('systemInstruction') as Node, sink });
    }
    for (const array of this.root.descendantsOfType('array')) {
      const [role, content] = array?.namedChildren ?? [];
      if (array?.namedChildren.length === 2 && content && isSystemRole(role)) sites.push({ value: content, sink });
    }
    for (const call of this.facts.javascript.calls()) {
      const first = call.args[0];
      const isSystemMessage = call.isNew && /(^|\.)SystemMessage$/.test(call.calleeText);
      if (first && (isSystemMessage || /SystemMessagePromptTemplate\.fromTemplate$/.test(call.calleeText))) {
        sites.push({ value: first.type === 'object' ? (objectMembers(first).get('content') ?? first) : first, sink });
      }
    }
    return sites;
  }

  private definitionsOf(name: string): Node[] {
    if (!this.definitions) {
      this.definitions = new Map();
      for (const fn of this.functions()) {
        const fnName = this.functionName(fn);
        if (fnName) this.definitions.set(fnName, [...(this.definitions.get(fnName) ?? []), fn]);
      }
    }
    return this.definitions.get(name) ?? [];
  }
}

function strongestOf(nodes: (Node | null | undefined)[], next: Next): Taint | undefined {
  return strongest(nodes.map((node) => (node && node.type !== 'comment' ? next(node) : undefined)));
}

function shortCallee(text: string): string {
  const oneLine = text.replace(/\s+/g, '');
  return oneLine.length > 60 ? `…${oneLine.slice(-59)}` : oneLine;
}

/** `req.body`, `ctx.request.body`, `c.req.json`, `ctx.query`, `process.argv`, `formData.get`. */
function isRequestRead(object: string, property: string, text: string): boolean {
  if (text === 'process.argv') return true;
  if (JS_REQUEST_NAMES.test(object) && JS_REQUEST_FIELDS.has(property)) return true;
  if (JS_CONTEXT_NAMES.has(object) && JS_CONTEXT_FIELDS.has(property)) return true;
  return object === 'formData' && (property === 'get' || property === 'getAll');
}

function argumentsOf(call: Node): Node[] {
  return (
    call.childForFieldName('arguments')?.namedChildren.filter((child): child is Node => child !== null && child.type !== 'comment') ?? []
  );
}

function parameterNames(fn: Node): string[] {
  const single = fn.childForFieldName('parameter');
  if (single) return [single.text];
  return (fn.childForFieldName('parameters')?.namedChildren ?? []).map((parameter) => {
    if (!parameter) return '';
    if (parameter.type === 'identifier') return parameter.text;
    const pattern = parameter.childForFieldName('pattern') ?? parameter.childForFieldName('left');
    return pattern?.type === 'identifier' ? pattern.text : '';
  });
}

/** Whether `use`'s name is assigned in `fn` before the use (`code = code.trim()`). */
function reboundBefore(fn: Node, use: Node): boolean {
  return fn.descendantsOfType(['assignment_expression', 'variable_declarator']).some((node) => {
    if (!node || node.endIndex > use.startIndex) return false;
    const target = node.childForFieldName(node.type === 'variable_declarator' ? 'name' : 'left');
    return target?.type === 'identifier' && target.text === use.text;
  });
}

/** `for (const item of items) { … item … }`: the array a loop variable is drawn from, for a use inside the loop. */
function loopIterable(use: Node): Node | undefined {
  for (let current = use.parent; current && !FUNCTIONS.includes(current.type); current = current.parent) {
    if (current.type !== 'for_in_statement') continue;
    const left = current.childForFieldName('left');
    const right = current.childForFieldName('right');
    if (left && right && use.startIndex >= right.endIndex && patternNames(left).includes(use.text)) return right;
  }
  return undefined;
}

/** Names a destructuring pattern binds: `{ a, b: c, ...d }`, `[x, y]`, with defaults. */
function patternNames(pattern: Node): string[] {
  switch (pattern.type) {
    case 'identifier':
    case 'shorthand_property_identifier_pattern':
      return [pattern.text];
    case 'pair_pattern':
      return pattern.childForFieldName('value') ? patternNames(pattern.childForFieldName('value') as Node) : [];
    case 'object_assignment_pattern':
    case 'assignment_pattern':
      return pattern.childForFieldName('left') ? patternNames(pattern.childForFieldName('left') as Node) : [];
    default:
      return pattern.namedChildren.flatMap((child) => (child ? patternNames(child) : []));
  }
}

function classOf(node: Node): Node | undefined {
  for (let current = node.parent; current; current = current.parent) if (current.type === 'class_body') return current;
  return undefined;
}

/** An object literal's members by key: `key: value` pairs and `{ key }` shorthands (the identifier). */
function objectMembers(object: Node): Map<string, Node> {
  const members = new Map<string, Node>();
  for (const member of object.namedChildren) {
    if (member?.type === 'pair') {
      const key = member.childForFieldName('key');
      const value = member.childForFieldName('value');
      const name = key?.type === 'property_identifier' ? key.text : stringValue(key);
      if (name && value) members.set(name, value);
    } else if (member?.type === 'shorthand_property_identifier') members.set(member.text, member);
  }
  return members;
}

function isSystemRole(node: Node | null | undefined): boolean {
  const value = stringValue(node);
  return value === 'system' || value === 'developer';
}
