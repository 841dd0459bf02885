import type { CodeFacts } from '../facts';
import { qualifiedCallee } from '../facts/python';
import { descendantsOf } from '../parse/nodeIndex';
import { keywordArg, type PyCall, positionalArgs, stringValue } from '../parse/python';
import type { Node } from '../parse/treeSitter';
import type { TaintLanguage } from './engine';
import { isLlmCall, type LlmCallShape } from './llmCalls';
import {
  ARGUMENT_METHODS,
  COLLECTION_MUTATORS,
  OPTION_ASSIGNMENT,
  PY_CALL_SINKS,
  PY_PROPAGATORS,
  PY_REQUEST_FIELDS,
  PY_REQUEST_NAMES,
  PY_ROUTE_DECORATORS,
  PY_ROUTE_NON_DATA,
  PY_SANITIZERS,
  PY_SQL_METHODS,
  PY_SQL_MODULES,
  PY_UI_INPUT_CALLS,
  PY_UNIVERSAL_SANITIZERS,
  SOURCE_TRIGGERS,
  SQL_RECEIVERS,
} from './specs';
import { type SinkKind, type SinkSite, type SourceKind, strongest, type Taint } from './types';

type Next = (node: Node) => Taint | undefined;
type Analysis = { sources: SourceKind; sink: SinkKind };

/** Statements that bind a name inside a function (a parameter rebound there is no longer the argument). */
const BINDERS = ['assignment', 'augmented_assignment', 'for_statement', 'named_expression', 'as_pattern'];

/** Nodes whose named children all carry data into the value (containers, comprehensions, concatenation). */
const CONTAINERS = new Set([
  'list',
  'tuple',
  'set',
  'dictionary',
  'expression_list',
  'concatenated_string',
  'list_comprehension',
  'set_comprehension',
  'generator_expression',
  'dictionary_comprehension',
  'for_in_clause',
  'binary_operator',
  'boolean_operator',
  'interpolation',
  'await',
  'keyword_argument',
  'parenthesized_expression',
  'list_splat',
  'dictionary_splat',
]);

/** Python: Flask/Django/FastAPI/Starlette request data, `input()`, `sys.argv` and LLM SDK results. */
export class PythonTaint implements TaintLanguage {
  private definitions: Map<string, Node[]> | undefined;
  private mutationCalls: Map<string, PyCall[]> | undefined;

  constructor(private readonly facts: CodeFacts) {}

  private get root(): Node {
    return this.facts.tree.rootNode;
  }

  sourceTriggers(kind: SourceKind): readonly string[] {
    return SOURCE_TRIGGERS[kind];
  }

  enclosingFunction(node: Node): Node | undefined {
    for (let current = node.parent; current; current = current.parent) if (current.type === 'function_definition') return current;
    return undefined;
  }

  scopeText(fn: Node | undefined): string {
    if (!fn) return this.facts.text;
    return fn.parent?.type === 'decorated_definition' ? fn.parent.text : fn.text;
  }

  functions(): Node[] {
    return descendantsOf(this.root, 'function_definition', 'python');
  }

  functionName(fn: Node): string | undefined {
    return fn.childForFieldName('name')?.text;
  }

  calledFunction(node: Node): Node | undefined {
    if (node.type !== 'call') return undefined;
    const callee = node.childForFieldName('function');
    if (callee?.type === 'identifier') return this.definitionsOf(callee.text).find((fn) => !this.isMethod(fn));
    // `self.helper(x)`: a method of the same class.
    if (callee?.type !== 'attribute' || !['self', 'cls'].includes(callee.childForFieldName('object')?.text ?? '')) return undefined;
    const cls = classOf(node);
    return this.definitionsOf(callee.childForFieldName('attribute')?.text ?? '').find(
      (fn) => cls !== undefined && classOf(fn)?.id === cls.id,
    );
  }

  callsOf(fn: Node): Node[] {
    return this.facts.python
      .calls()
      .filter((call) => this.calledFunction(call.node)?.id === fn.id)
      .map((call) => call.node);
  }

  argumentFor(callNode: Node, fn: Node, index: number, name: string): Node | undefined {
    const call = this.facts.python.callAt(callNode);
    if (!call) return undefined;
    const keyword = keywordArg(call, name);
    if (keyword) return keyword.value;
    // A method called through `self.` does not pass `self` positionally.
    const shift = this.isMethod(fn) && callNode.childForFieldName('function')?.type === 'attribute' ? 1 : 0;
    return positionalArgs(call)[index - shift]?.value;
  }

  returnValues(fn: Node): Node[] {
    return descendantsOf(fn, 'return_statement', 'python')
      .filter((statement) => this.enclosingFunction(statement)?.id === fn.id)
      .flatMap((statement) => statement.namedChildren[0] ?? []);
  }

  classify(node: Node, next: Next, analysis: Analysis): Taint | undefined {
    switch (node.type) {
      case 'identifier': {
        const iterable = loopIterable(node);
        if (iterable) return next(iterable);
        return this.mutations(node, next) ?? this.parameter(node, analysis);
      }
      case 'attribute':
        return this.attribute(node, next, analysis);
      case 'subscript': {
        const value = node.childForFieldName('value');
        return value ? next(value) : undefined;
      }
      case 'call':
        return this.call(node, next, analysis);
      case 'string':
        if (analysis.sink === 'shell' && isOptionElement(node, 'list')) return { kind: 'clean' };
        return (
          strongestOf(
            node.namedChildren.filter((child) => child?.type === 'interpolation'),
            next,
          ) ?? { kind: 'clean' }
        );
      case 'conditional_expression':
        // `a if cond else b`: the condition is not the value.
        return strongestOf([node.namedChildren[0], node.namedChildren[2]], next);
      case 'pair': {
        const value = node.childForFieldName('value');
        return value ? next(value) : undefined;
      }
      case 'for_statement': {
        const iterable = node.childForFieldName('right');
        return iterable ? next(iterable) : undefined;
      }
      case 'augmented_assignment':
        // `prompt += text`: the new value and the value before.
        return strongestOf([node.childForFieldName('right'), node.childForFieldName('left')], next);
      case 'integer':
      case 'float':
      case 'true':
      case 'false':
      case 'none':
        return { kind: 'clean' };
      default:
        return CONTAINERS.has(node.type) ? (strongestOf(node.namedChildren, next) ?? { kind: 'clean' }) : undefined;
    }
  }

  /**
   * `lines.append(answer)` before `"\n".join(lines)`: data put into the collection the variable
   * holds. Undefined when none is tainted, so the flow engine still follows the variable's binding.
   */
  private mutations(node: Node, next: Next): Taint | undefined {
    const scope = this.enclosingFunction(node);
    const added = this.mutationsOf(node.text).filter(
      (call) => call.node.endIndex <= node.startIndex && this.enclosingFunction(call.node)?.id === scope?.id,
    );
    const taint = strongest(added.flatMap((call) => call.args.map((arg) => next(arg.value))));
    return taint?.kind === 'clean' ? undefined : taint;
  }

  private mutationsOf(name: string): PyCall[] {
    if (!this.mutationCalls) {
      this.mutationCalls = new Map();
      for (const call of this.facts.python.calls()) {
        const callee = call.node.childForFieldName('function');
        const object = callee?.type === 'attribute' ? callee.childForFieldName('object') : undefined;
        if (object?.type !== 'identifier' || !COLLECTION_MUTATORS.has(callee?.childForFieldName('attribute')?.text ?? '')) continue;
        this.mutationCalls.set(object.text, [...(this.mutationCalls.get(object.text) ?? []), call]);
      }
    }
    return this.mutationCalls.get(name) ?? [];
  }

  /** A parameter not rebound before the use: request data in a route function, else a summary parameter. */
  private parameter(node: Node, analysis: Analysis): Taint | undefined {
    const fn = this.enclosingFunction(node);
    if (!fn) return undefined;
    const parameters = parametersOf(fn);
    const index = parameters.findIndex((parameter) => parameter.name === node.text);
    if (index < 0 || boundBefore(fn, node)) return undefined;
    const parameter = parameters[index];
    if (analysis.sources === 'user' && isRouteFunction(fn) && isRequestData(parameter)) {
      return { kind: 'source', source: { node: parameter.node, description: `route parameter \`${parameter.name}\`` } };
    }
    return { kind: 'param', index, name: parameter.name };
  }

  private attribute(node: Node, next: Next, analysis: Analysis): Taint | undefined {
    const object = node.childForFieldName('object');
    const field = node.childForFieldName('attribute')?.text ?? '';
    if (!object) return undefined;
    if (analysis.sources === 'user') {
      const owner = object.type === 'attribute' ? object.childForFieldName('attribute')?.text : object.text;
      if (owner && PY_REQUEST_NAMES.has(owner) && PY_REQUEST_FIELDS.has(field)) {
        return { kind: 'source', source: { node, description: `request data (${node.text})` } };
      }
      if (node.text === 'sys.argv' && this.facts.python.imports.get('sys') === 'sys') {
        return { kind: 'source', source: { node, description: 'command-line arguments (sys.argv)' } };
      }
    }
    return next(object);
  }

  private call(node: Node, next: Next, analysis: Analysis): Taint | undefined {
    const call = this.facts.python.callAt(node);
    const callee = node.childForFieldName('function');
    if (!call || !callee) return undefined;
    const name = qualifiedCallee(call);
    if (analysis.sources === 'user' && name === 'input') {
      return { kind: 'source', source: { node, description: 'console input (input())' } };
    }
    if (analysis.sources === 'user' && PY_UI_INPUT_CALLS.has(name)) {
      return { kind: 'source', source: { node, description: `what the user typed (${shortCallee(call.calleeText)}())` } };
    }
    if (analysis.sources === 'llm' && isLlmCall(this.llmShape(call))) {
      return { kind: 'source', source: { node, description: `LLM output (${shortCallee(call.calleeText)}())` } };
    }
    if (PY_UNIVERSAL_SANITIZERS.has(name) || PY_SANITIZERS[analysis.sink]?.has(name)) return { kind: 'clean' };
    const args = call.args.map((arg) => arg.value);
    if (PY_PROPAGATORS.has(name) || name.startsWith('re.')) return strongestOf(args, next) ?? { kind: 'clean' };
    if (callee.type !== 'attribute') return undefined;
    const method = callee.childForFieldName('attribute')?.text ?? '';
    return strongest([next(callee), ...(ARGUMENT_METHODS.has(method) ? args.map(next) : [])]);
  }

  private llmShape(call: PyCall): LlmCallShape {
    const receiver = call.calleeText.includes('.') ? call.calleeText.slice(0, call.calleeText.lastIndexOf('.')) : undefined;
    return { calleeText: call.calleeText, qualified: call.imported ? call.callee : undefined, receiver, imports: this.facts.imports };
  }

  sinkSites(kind: SinkKind): SinkSite[] {
    if (kind === 'system-prompt') return this.systemPromptSites();
    const sites: SinkSite[] = [];
    for (const call of this.facts.python.calls()) {
      const name = qualifiedCallee(call);
      for (const sink of PY_CALL_SINKS[kind] ?? []) {
        if (!sink.names.has(name)) continue;
        const value = (sink.keyword ? keywordArg(call, sink.keyword) : undefined) ?? positionalArgs(call)[sink.position];
        if (value) sites.push({ value: value.value, sink: `${shortCallee(call.calleeText)}()` });
      }
      const extra =
        kind === 'sql'
          ? this.sqlMethod(call)
          : kind === 'html'
            ? unsafeMarkdown(call, name)
            : kind === 'request'
              ? fileWrite(call, name)
              : undefined;
      if (extra) sites.push(extra);
    }
    return sites;
  }

  /** `cursor.execute(sql)`, `db.run(sql)` on a connection, in a file that imports a SQL library. */
  private sqlMethod(call: PyCall): SinkSite | undefined {
    const callee = call.node.childForFieldName('function');
    if (callee?.type !== 'attribute' || call.imported) return undefined;
    const method = callee.childForFieldName('attribute')?.text ?? '';
    const receiver = callee.childForFieldName('object')?.text ?? '';
    if (!PY_SQL_METHODS.has(method) || !SQL_RECEIVERS.test(receiver.replace(/\(.*\)$/s, '').replace(/\W+$/, ''))) return undefined;
    if (method === 'run' && !/(^|_)db$|database$/i.test(receiver)) return undefined;
    if (method === 'sql' && !/^(spark|con|conn|connection|duckdb|db)$/i.test(receiver)) return undefined;
    if (!this.facts.imports.some((entry) => PY_SQL_MODULES.test(entry.module))) return undefined;
    const value = positionalArgs(call)[0] ?? call.args.find((arg) => ['sql', 'query', 'statement', 'command'].includes(arg.name ?? ''));
    return value ? { value: value.value, sink: `${shortCallee(call.calleeText)}()` } : undefined;
  }

  private systemPromptSites(): SinkSite[] {
    const sites: SinkSite[] = [];
    const sink = 'the system prompt';
    for (const dict of descendantsOf(this.root, 'dictionary', 'python')) {
      const content = systemMessageContent(dict);
      if (content) sites.push({ value: content, sink });
    }
    for (const tuple of descendantsOf(this.root, 'tuple', 'python')) {
      const [role, content] = tuple.namedChildren;
      if (tuple.namedChildren.length === 2 && role && content && isSystemRole(role)) sites.push({ value: content, sink });
    }
    for (const call of this.facts.python.calls()) sites.push(...this.systemArguments(call, sink));
    return sites;
  }

  /** `system=` of an LLM call, `system_instruction=`, an agent's instructions, `SystemMessage(...)`, `dict(role="system", ...)`. */
  private systemArguments(call: PyCall, sink: string): SinkSite[] {
    const name = qualifiedCallee(call);
    const last = name.slice(name.lastIndexOf('.') + 1);
    const found: (Node | undefined)[] = [keywordArg(call, 'system_instruction')?.value];
    if (isLlmCall(this.llmShape(call))) found.push(keywordArg(call, 'system')?.value);
    if (/Agent$/.test(last))
      for (const keyword of ['instructions', 'system_prompt', 'system_message']) found.push(keywordArg(call, keyword)?.value);
    if (/responses\.create$/.test(call.calleeText)) found.push(keywordArg(call, 'instructions')?.value);
    if (last === 'SystemMessage' || /SystemMessagePromptTemplate\.from_template$/.test(name)) {
      found.push((keywordArg(call, 'content') ?? keywordArg(call, 'template') ?? positionalArgs(call)[0])?.value);
    }
    if (name === 'dict' && isSystemRole(keywordArg(call, 'role')?.value)) found.push(keywordArg(call, 'content')?.value);
    return found.flatMap((value) => (value ? [{ value, sink }] : []));
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

  private isMethod(fn: Node): boolean {
    return classOf(fn) !== undefined && ['self', 'cls'].includes(parametersOf(fn)[0]?.name ?? '');
  }
}

/** A string in an argument list whose literal start sets a named option (`["git", f"--author={name}"]`). */
export function isOptionElement(node: Node, listType: string): boolean {
  const first = node.namedChildren.find((child) => child?.type !== 'string_start');
  const literal = first?.type === 'string_content' || first?.type === 'string_fragment' ? first.text : undefined;
  return node.parent?.type === listType && literal !== undefined && OPTION_ASSIGNMENT.test(literal);
}

function strongestOf(nodes: (Node | null | undefined)[], next: Next): Taint | undefined {
  return strongest(nodes.map((node) => (node && node.type !== 'comment' ? next(node) : undefined)));
}

function shortCallee(text: string): string {
  const oneLine = text.replace(/\s+/g, '');
  return oneLine.length > 60 ? `…${oneLine.slice(-59)}` : oneLine;
}

interface Parameter {
  name: string;
  node: Node;
  annotation?: string;
  defaultValue?: Node;
}

function parametersOf(fn: Node): Parameter[] {
  const parameters: Parameter[] = [];
  for (const parameter of fn.childForFieldName('parameters')?.namedChildren ?? []) {
    if (!parameter) continue;
    if (parameter.type === 'identifier') {
      parameters.push({ name: parameter.text, node: parameter });
      continue;
    }
    const nameNode = parameter.childForFieldName('name') ?? parameter.namedChildren.find((child) => child?.type === 'identifier');
    if (nameNode?.type !== 'identifier') continue;
    parameters.push({
      name: nameNode.text,
      node: parameter,
      annotation: parameter.childForFieldName('type')?.text,
      defaultValue: parameter.childForFieldName('value') ?? undefined,
    });
  }
  return parameters;
}

/** Whether `use`'s name is bound in `fn` by a statement that ends before it (not the parameter any more). */
function boundBefore(fn: Node, use: Node): boolean {
  return descendantsOf(fn, BINDERS, 'python').some((binder) => {
    if (binder.endIndex > use.startIndex) return false;
    const target =
      binder.type === 'named_expression'
        ? binder.childForFieldName('name')
        : binder.type === 'as_pattern'
          ? binder.childForFieldName('alias')
          : binder.childForFieldName('left');
    return target !== null && targetNames(target).includes(use.text);
  });
}

/**
 * The iterable a loop or comprehension variable is drawn from, for a use inside the loop
 * (`for call in message.tool_calls: … call.function`); the flow engine binds loop targets to nothing.
 */
function loopIterable(use: Node): Node | undefined {
  for (let current = use.parent; current && current.type !== 'function_definition'; current = current.parent) {
    const clauses =
      current.type === 'for_statement'
        ? [current]
        : COMPREHENSIONS.has(current.type)
          ? current.namedChildren.filter((child) => child?.type === 'for_in_clause')
          : [];
    for (const clause of clauses) {
      const left = clause?.childForFieldName('left');
      const right = clause?.childForFieldName('right');
      if (left && right && !(right.startIndex <= use.startIndex && use.endIndex <= right.endIndex) && targetNames(left).includes(use.text))
        return right;
    }
  }
  return undefined;
}

const COMPREHENSIONS = new Set(['list_comprehension', 'set_comprehension', 'generator_expression', 'dictionary_comprehension']);

function targetNames(target: Node): string[] {
  if (target.type === 'identifier') return [target.text];
  return target.namedChildren.flatMap((child) =>
    child && child.type !== 'attribute' && child.type !== 'subscript' ? targetNames(child) : [],
  );
}

/** A function registered as an HTTP route (`@app.get("/")`, `@router.post(...)`, `@bp.route(...)`). */
function isRouteFunction(fn: Node): boolean {
  const decorated = fn.parent?.type === 'decorated_definition' ? fn.parent : undefined;
  return (decorated?.namedChildren ?? []).some((decorator) => {
    const expression = decorator?.type === 'decorator' ? decorator.namedChildren[0] : undefined;
    const callee = expression?.type === 'call' ? expression.childForFieldName('function') : undefined;
    return callee?.type === 'attribute' && PY_ROUTE_DECORATORS.has(callee.childForFieldName('attribute')?.text ?? '');
  });
}

/** A route parameter that is request data, not an injected object (`Depends(...)`, `request: Request`, a DB session). */
function isRequestData(parameter: Parameter): boolean {
  if (PY_ROUTE_NON_DATA.test(parameter.name) || PY_REQUEST_NAMES.has(parameter.name)) return false;
  if (
    parameter.defaultValue?.type === 'call' &&
    /^(Depends|Security|fastapi\.Depends)$/.test(parameter.defaultValue.childForFieldName('function')?.text ?? '')
  )
    return false;
  return !/^(Request|WebSocket|HTTPConnection|Session|AsyncSession|BackgroundTasks|Response)\b/.test(parameter.annotation ?? '');
}

function classOf(node: Node): Node | undefined {
  for (let current = node.parent; current; current = current.parent) if (current.type === 'class_definition') return current;
  return undefined;
}

function isSystemRole(node: Node | null | undefined): boolean {
  const value = node ? stringValue(node) : undefined;
  return value === 'system' || value === 'developer';
}

/** The `content` value of `{"role": "system", "content": …}`. */
function systemMessageContent(dict: Node): Node | undefined {
  let system = false;
  let content: Node | undefined;
  for (const pair of dict.namedChildren) {
    if (pair?.type !== 'pair') continue;
    const key = stringValue(pair.childForFieldName('key') as Node);
    const value = pair.childForFieldName('value');
    if (key === 'role' && isSystemRole(value)) system = true;
    if (key === 'content' && value) content = value;
  }
  return system ? content : undefined;
}

/** Streamlit `st.markdown(html, unsafe_allow_html=True)`. */
function unsafeMarkdown(call: PyCall, name: string): SinkSite | undefined {
  if (!/^streamlit\.(markdown|write|caption)$/.test(name) || keywordArg(call, 'unsafe_allow_html')?.value.type !== 'true') return undefined;
  const value = positionalArgs(call)[0] ?? keywordArg(call, 'body');
  return value ? { value: value.value, sink: `${call.calleeText}(unsafe_allow_html=True)` } : undefined;
}

/** `open(path, "w")` and `Path(path).write_text(...)`: a file written at a path. */
function fileWrite(call: PyCall, name: string): SinkSite | undefined {
  if (name === 'open' || name === 'io.open') {
    const mode = keywordArg(call, 'mode') ?? positionalArgs(call)[1];
    const modeText = mode ? stringValue(mode.value) : undefined;
    const path = keywordArg(call, 'file') ?? positionalArgs(call)[0];
    return path && modeText && /[wax+]/.test(modeText) ? { value: path.value, sink: `open(…, "${modeText}")` } : undefined;
  }
  const callee = call.node.childForFieldName('function');
  const method = callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : undefined;
  const target = callee?.childForFieldName('object');
  if (!target || !method || !['write_text', 'write_bytes'].includes(method)) return undefined;
  return { value: target, sink: `${method}()` };
}
