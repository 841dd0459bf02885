import { pythonPackageForModule } from '../inventory/catalog';
import { descendantsOf } from '../parse/nodeIndex';
import { dottedText, importStatements, type PyCall, PythonModule, positionalArgs, stringValue } from '../parse/python';
import type { Node, Tree } from '../parse/treeSitter';
import { packageKey } from './clients';
import { computeOnRead, firstLine, lastSegment, lazyArg, type RawCall, unwrap, urlsIn } from './common';
import { type BindingKind, type BindingMode, type FlowSyntax, NameIndex } from './flow';
import type { LanguageAdapter } from './language';
import { isHubClassName, isHubPackage } from './loaders';
import type { CodeImport } from './types';

/**
 * Python facts: imports as written, calls with their import-resolved callee, and the flow syntax
 * (scoped bindings, parameter defaults, `os.getenv("M", "default")`).
 */

/** Calls that read an environment variable with a default (`os.getenv("M", "gpt-4o")`). */
const ENV_GETTERS = new Set(['os.getenv', 'os.environ.get', 'os.environ.setdefault']);

export function pythonAdapter(tree: Tree): LanguageAdapter {
  const module = new PythonModule(tree);
  return {
    module,
    syntax: new PythonSyntax(module),
    imports: () => pythonImports(tree),
    calls: (resolve) => pythonCalls(module, resolve, new LocalClasses(module)),
  };
}

function pythonImports(tree: Tree): CodeImport[] {
  const imports: CodeImport[] = [];
  for (const node of importStatements(tree.rootNode)) {
    const row = node.startPosition.row;
    if (node.type === 'import_statement') {
      for (const name of node.childrenForFieldName('name')) {
        const dotted = name?.type === 'aliased_import' ? name.childForFieldName('name')?.text : name?.text;
        if (dotted) imports.push({ module: dotted, row });
      }
      continue;
    }
    const from = node.childForFieldName('module_name')?.text;
    if (!from || from.startsWith('.')) continue;
    const names = node.childrenForFieldName('name');
    if (names.length === 0) imports.push({ module: from, row });
    for (const name of names) {
      const imported = name?.type === 'aliased_import' ? name.childForFieldName('name')?.text : name?.text;
      if (imported) imports.push({ module: `${from}.${imported}`, row });
    }
  }
  return imports;
}

function pythonCalls(module: PythonModule, resolve: (node: Node) => string | undefined, local: LocalClasses): RawCall[] {
  let assigned: Map<number, string> | undefined;
  return module.calls().map((call) => {
    // The receiver is looked up through the WASM boundary only for `x.method(…)` calls: a model
    // library's module has thousands of calls, most of them plain function calls.
    let receiver: Node | null | undefined = call.calleeText.includes('.') ? undefined : null;
    const receiverOf = () => {
      if (receiver === undefined) {
        const fn = call.node.childForFieldName('function');
        const object = fn?.type === 'attribute' ? fn.childForFieldName('object') : undefined;
        receiver = object ? unwrap(object) : null;
      }
      return receiver ?? undefined;
    };
    const raw = {
      node: call.node,
      row: call.node.startPosition.row,
      callee: firstLine(call.calleeText),
      // The imported name an alias stands for (`from datasets import load_dataset as get`).
      method: lastSegment(call.callee),
      // A class of this file or of a relative import resolves through what it extends (`LocalClasses`).
      origin: call.imported ? call.callee : local.origin(call.callee),
      args: call.args.map((arg) => lazyArg(arg.name, arg.value, resolve)),
    } as RawCall;
    computeOnRead(raw, 'urls', () => urlsIn(call.argumentList, ['string'], stringValue));
    computeOnRead(raw, 'receiverNode', () => {
      const node = receiverOf();
      return node?.type === 'call' ? node : undefined;
    });
    computeOnRead(raw, 'receiverText', () => {
      const node = receiverOf();
      return node && node.type !== 'call' ? dottedText(node) : undefined;
    });
    return computeOnRead(raw, 'assignedTo', () => {
      assigned ??= assignedCalls(module.root);
      return assigned.get(call.node.id);
    });
  });
}

/**
 * The variable each call's value is assigned to (`client = OpenAI()`, `x = await (f())`, `with f() as x`), read
 * from the module's assignments down to their calls: one pass over the assignments instead of a
 * walk up from every call (each `parent` is a search from the root in tree-sitter).
 */
function assignedCalls(root: Node): Map<number, string> {
  const assigned = new Map<number, string>();
  for (const assignment of descendantsOf(root, 'assignment', 'python')) {
    let value = assignment.childForFieldName('right');
    while (value && ASSIGNED_THROUGH.has(value.type)) value = value.namedChildren.find((child) => child?.type !== 'comment') ?? null;
    if (value?.type !== 'call') continue;
    const target = assignment.childForFieldName('left')?.text;
    if (target && /^[\w$.]+$/.test(target)) assigned.set(value.id, target);
  }
  // `with Client() as client:` / `async with ls.AsyncClient() as client:` binds the client the same way.
  for (const item of descendantsOf(root, 'as_pattern', 'python')) {
    let value = item?.parent?.type === 'with_item' ? item.namedChildren[0] : null;
    while (value && ASSIGNED_THROUGH.has(value.type)) value = value.namedChildren.find((child) => child?.type !== 'comment') ?? null;
    const target = item?.childForFieldName('alias')?.text;
    if (value?.type === 'call' && target && /^\w+$/.test(target)) assigned.set(value.id, target);
  }
  return assigned;
}

/** What an assigned call may be wrapped in. */
const ASSIGNED_THROUGH = new Set(['await', 'await_expression', 'parenthesized_expression']);

// ---------------------------------------------------------------------------------------------
// Classes of the project

/**
 * Classes the file defines or brings in by a relative import, resolved to the library API they
 * stand for, so `MyPipeline.from_pretrained("org/model")` is a hub load like
 * `DiffusionPipeline.from_pretrained`:
 * - `class MyPipeline(DiffusionPipeline)`: its first base that resolves (an import, or another
 *   class of the file, up to a few levels);
 * - `from .pipeline import FluxKontextPipeline`: the project's own class, shaped like the Hugging
 *   Face API (`…Pipeline`, `…ForCausalLM`, `PeftModel…`), in a file that imports a hub package:
 *   that package's class of the same name.
 */
class LocalClasses {
  private classes: Map<string, Node[]> | undefined;
  private relative: Map<string, string> | undefined;

  constructor(private readonly module: PythonModule) {}

  /** The qualified callee `callee` (`MyPipeline.from_pretrained`) stands for, or undefined. */
  origin(callee: string): string | undefined {
    const dot = callee.indexOf('.');
    if (dot < 0) return undefined;
    const base = this.resolve(callee.slice(0, dot), 0);
    return base ? `${base}${callee.slice(dot)}` : undefined;
  }

  private resolve(name: string, depth: number): string | undefined {
    if (depth > 3) return undefined;
    this.index();
    for (const base of this.classes?.get(name) ?? []) {
      const qualified = this.module.qualifiedName(base);
      if (qualified?.imported) return qualified.name;
      const local = base.type === 'identifier' ? this.resolve(base.text, depth + 1) : undefined;
      if (local) return local;
    }
    const imported = this.relative?.get(name);
    if (!imported || !isHubClassName(imported)) return undefined;
    const home = this.homeHubModule();
    return home ? `${home}.${imported}` : undefined;
  }

  /**
   * The hub package the file imports by absolute name (`diffusers`); with several, the first
   * imported (every `from_pretrained` of the catalogue takes the id and `revision` alike).
   */
  private homeHubModule(): string | undefined {
    for (const target of this.module.imports.values()) {
      const info = pythonPackageForModule(target);
      if (info && isHubPackage(packageKey(info))) return target.split('.')[0];
    }
    return undefined;
  }

  private index(): void {
    if (this.classes) return;
    this.classes = new Map();
    this.relative = new Map();
    for (const node of this.module.root.namedChildren) {
      const definition = node?.type === 'decorated_definition' ? node.childForFieldName('definition') : node;
      if (definition?.type === 'class_definition') {
        const name = definition.childForFieldName('name')?.text;
        const bases = (definition.childForFieldName('superclasses')?.namedChildren ?? []).filter(
          (base): base is Node => base?.type === 'identifier' || base?.type === 'attribute',
        );
        if (name) this.classes.set(name, bases);
      } else if (node?.type === 'import_from_statement' && node.childForFieldName('module_name')?.text.startsWith('.')) {
        for (const imported of node.childrenForFieldName('name')) {
          const original = imported?.type === 'aliased_import' ? imported.childForFieldName('name')?.text : imported?.text;
          const alias = imported?.type === 'aliased_import' ? imported.childForFieldName('alias')?.text : original;
          if (original && alias) this.relative.set(alias, original);
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Flow syntax

/** Where a name is bound in one scope: the value bound, or undefined when it is opaque (a loop target). */
interface BindingSite {
  node: Node;
  value: Node | undefined;
}

const BINDING_TYPES = ['assignment', 'augmented_assignment', 'named_expression', 'as_pattern', 'for_statement'];

export class PythonSyntax implements FlowSyntax {
  private sites: Map<string, BindingSite[]> | undefined;
  private readonly names: NameIndex;

  constructor(private readonly module: PythonModule) {
    this.names = new NameIndex(module.root, ['identifier']);
  }

  literal(node: Node): string | undefined {
    return stringValue(node);
  }

  passThrough(node: Node): Node[] {
    if (node.type === 'parenthesized_expression') return node.namedChildren.filter((child): child is Node => child?.type !== 'comment');
    // `os.getenv("M") or "gpt-4o"`: either side may be what the expression stands for.
    if (node.type === 'boolean_operator' && node.childForFieldName('operator')?.text === 'or') {
      return [node.childForFieldName('left'), node.childForFieldName('right')].filter((child): child is Node => child !== null);
    }
    if (node.type === 'call') {
      const call = this.module.callAt(node);
      if (!call || !ENV_GETTERS.has(call.callee)) return [];
      const fallback = call.args.find((arg) => arg.name === 'default') ?? positionalArgs(call)[1];
      return fallback ? [fallback.value] : [];
    }
    return [];
  }

  /**
   * The bindings of a name in the function (or module) that uses it: `reaching` the latest one
   * before the use, `all` every one. In a function that does not bind the name: the parameter's
   * default, else the module's bindings of it.
   */
  bindings(node: Node, mode: BindingMode): Node[] {
    if (node.type !== 'identifier') return [];
    const scope = scopeOf(node);
    const sites = this.sitesOf(node.text).filter((site) => scopeOf(site.node).id === scope.id);
    if (mode === 'all' && sites.length > 0) {
      // A parameter reassigned in a branch may still hold its default.
      const parameter = scope.type === 'function_definition' ? parameterOf(scope, node.text) : undefined;
      return [...sites.map(siteValue), ...(parameter?.value ? [parameter.value] : [])];
    }
    const latest = latestBefore(sites, node);
    if (latest) return [siteValue(latest)];
    if (scope.type !== 'function_definition') return [];
    const parameter = parameterOf(scope, node.text);
    if (parameter) return parameter.value ? [parameter.value] : [];
    if (sites.length > 0) return []; // bound later in the function (a loop): not the module's value
    const all = this.sitesOf(node.text);
    return all.some((site) => scopeOf(site.node).type === 'module') ? all.map(siteValue) : [];
  }

  alternatives(node: Node): Node[] {
    const parts = (...nodes: (Node | null | undefined)[]) => nodes.filter((child): child is Node => !!child && child.type !== 'comment');
    switch (node.type) {
      case 'parenthesized_expression':
        return parts(...node.namedChildren);
      // `a and b` is a or b, `a or b` is a or b: either side may be the value.
      case 'boolean_operator':
        return parts(node.childForFieldName('left'), node.childForFieldName('right'));
      // `a if condition else b`
      case 'conditional_expression':
        return parts(node.namedChildren[0], node.namedChildren[2]);
      default:
        return [];
    }
  }

  bindingKind(value: Node): BindingKind {
    const parent = value.parent;
    if (parent?.type === 'default_parameter' || parent?.type === 'typed_default_parameter') return 'parameter default';
    return parent && scopeOf(parent).type === 'module' ? 'module constant' : 'local variable';
  }

  carries(parent: Node, child: Node): boolean {
    if (['parenthesized_expression', 'list', 'tuple', 'dictionary', 'set'].includes(parent.type)) return true;
    // `{"k": v} if condition else {}`: either branch is the value, the condition is not.
    if (parent.type === 'conditional_expression') return parent.namedChildren[1]?.id !== child.id;
    return parent.type === 'pair' && parent.childForFieldName('value')?.id === child.id;
  }

  boundVariable(parent: Node, value: Node): Node | undefined {
    if (parent.type !== 'assignment' || parent.childForFieldName('right')?.id !== value.id) return undefined;
    const left = parent.childForFieldName('left');
    return left?.type === 'identifier' ? left : undefined;
  }

  uses(variable: Node): Node[] {
    return this.names.of(variable.text);
  }

  /** Every place in the module that binds `name` (one pass over the module, on first need). */
  private sitesOf(name: string): BindingSite[] {
    if (!this.sites) {
      this.sites = new Map();
      for (const node of descendantsOf(this.module.root, BINDING_TYPES, 'python')) {
        for (const [bound, site] of node ? bindingSites(node) : []) {
          const list = this.sites.get(bound) ?? [];
          list.push(site);
          this.sites.set(bound, list);
        }
      }
    }
    return this.sites.get(name) ?? [];
  }
}

/** The value a site binds, or the site itself when it binds no expression (a loop target). */
function siteValue(site: BindingSite): Node {
  return site.value ?? site.node;
}

function latestBefore(sites: BindingSite[], use: Node): BindingSite | undefined {
  let latest: BindingSite | undefined;
  for (const site of sites) {
    if (site.node.endIndex <= use.startIndex && (!latest || site.node.startIndex > latest.node.startIndex)) latest = site;
  }
  return latest;
}

/**
 * The scope whose bindings a name used at `node` sees: the innermost function around it, else the
 * module. Found by position among the module's functions (in document order): walking up with
 * `parent` costs a search from the root at every step in tree-sitter, and this is asked for every
 * binding a value is followed through.
 */
function scopeOf(node: Node): Node {
  const functions = descendantsOf(node.tree.rootNode, 'function_definition', 'python');
  const start = node.startIndex;
  const end = node.endIndex;
  for (let i = lastStartingAtOrBefore(functions, start); i >= 0; i--) {
    const candidate = functions[i];
    // A node with the function's own span is the function itself (or a block holding only it).
    if (candidate.endIndex >= end && (candidate.startIndex !== start || candidate.endIndex !== end)) return candidate;
  }
  return node.tree.rootNode;
}

/** The index of the last node (in document order) that starts at or before `offset`, or -1. */
function lastStartingAtOrBefore(nodes: Node[], offset: number): number {
  let low = 0;
  let high = nodes.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (nodes[middle].startIndex <= offset) low = middle + 1;
    else high = middle;
  }
  return low - 1;
}

/** `x = v`, `a, x = v1, v2`, `x := v`, `with v as x`, `x += v` and `for x in …` (opaque) binding `name`. */
/** The names one statement binds: `x = v`, `a, x = v1, v2`, `x := v`, `with v as x`, `x += v` and `for x in …` (opaque). */
function bindingSites(node: Node): [string, BindingSite][] {
  switch (node.type) {
    case 'named_expression': {
      const name = node.childForFieldName('name')?.text;
      return name ? [[name, { node, value: node.childForFieldName('value') ?? undefined }]] : [];
    }
    case 'as_pattern': {
      const bound = node.childForFieldName('alias')?.namedChildren[0];
      const identifier = bound?.type === 'parenthesized_expression' ? bound.namedChildren[0] : bound;
      return identifier?.type === 'identifier' ? [[identifier.text, { node, value: node.namedChildren[0] ?? undefined }]] : [];
    }
    case 'for_statement':
    case 'augmented_assignment':
      return targets(node.childForFieldName('left')).map((target) => [target.text, { node, value: undefined }]);
    default:
      return assignmentSites(node);
  }
}

function assignmentSites(node: Node): [string, BindingSite][] {
  const left = node.childForFieldName('left');
  let right = node.childForFieldName('right');
  // `a = b = value`: the innermost right-hand side is the value.
  while (right?.type === 'assignment') right = right.childForFieldName('right');
  const all = targets(left);
  const values =
    right && (right.type === 'expression_list' || right.type === 'tuple') ? right.namedChildren.filter((child) => child !== null) : [];
  // `path, _ = urlretrieve(url)`: without a matching tuple the whole right side is the source.
  return all.map((target, index) => [
    target.text,
    { node, value: all.length > 1 && values.length === all.length ? (values[index] ?? undefined) : (right ?? undefined) },
  ]);
}

/** Identifiers a target binds: `a`, `a, b`, `(a, [b, c])`; not `a.b` or `a[0]`. */
function targets(target: Node | null): Node[] {
  if (!target) return [];
  if (target.type === 'identifier') return [target];
  if (!['pattern_list', 'tuple_pattern', 'list_pattern'].includes(target.type)) return [];
  return target.namedChildren.flatMap((child) => targets(child));
}

/** Names the module binds itself (functions, classes, assignments, loop targets, parameters). */
export function boundNames(root: Node): Set<string> {
  const names = new Set<string>();
  const types = ['function_definition', 'class_definition', 'assignment', 'for_statement', 'parameters'];
  for (const node of descendantsOf(root, types, 'python')) {
    if (!node) continue;
    if (node.type === 'parameters') {
      for (const parameter of node.namedChildren) {
        const name = parameter?.type === 'identifier' ? parameter : (parameter?.childForFieldName('name') ?? parameter?.namedChildren[0]);
        if (name?.type === 'identifier') names.add(name.text);
      }
    } else if (node.type === 'function_definition' || node.type === 'class_definition') {
      const name = node.childForFieldName('name')?.text;
      if (name) names.add(name);
    } else {
      for (const target of targets(node.childForFieldName('left'))) names.add(target.text);
    }
  }
  return names;
}

/** A parameter of `fn` named `name`, with its default value when it has one. */
function parameterOf(fn: Node, name: string): { value?: Node } | undefined {
  for (const parameter of fn.childForFieldName('parameters')?.namedChildren ?? []) {
    if (!parameter) continue;
    if (parameter.type === 'identifier') {
      if (parameter.text === name) return {};
      continue;
    }
    const nameNode = parameter.childForFieldName('name') ?? parameter.namedChildren.find((child) => child?.type === 'identifier');
    if (nameNode?.text !== name) continue;
    return { value: parameter.childForFieldName('value') ?? undefined };
  }
  return undefined;
}

/** Conventional import aliases, used when a notebook cell relies on an import made in another cell. */
const CONVENTIONAL_ALIASES: Record<string, string> = { np: 'numpy', pd: 'pandas', tf: 'tensorflow' };

/** The call's qualified callee, also resolving `np.`/`pd.`/`tf.` when they are not imported here. */
export function qualifiedCallee(call: PyCall): string {
  if (call.imported) return call.callee;
  const dot = call.callee.indexOf('.');
  const head = dot < 0 ? call.callee : call.callee.slice(0, dot);
  const target = CONVENTIONAL_ALIASES[head];
  return target ? target + call.callee.slice(head.length) : call.callee;
}
