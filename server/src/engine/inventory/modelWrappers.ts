import type { CodeCall, CodeFacts } from '../facts';
import { hubIdKind } from '../facts/hubIds';
import { descendantsOf } from '../parse/nodeIndex';
import type { PythonModule } from '../parse/python';
import type { Node } from '../parse/treeSitter';
import { isModelArgument, providerForModelId, pythonPackageForModule, splitRoute, withoutResourcePrefix } from './catalog';
import type { CodeSite } from './codeImports';
import { modelComponent, property } from './components';
import { isNotModelWord, isOllamaModelName, strongModelId } from './modelSettings';
import { isModelIdShape } from './models';
import type { ModelWrapperFact, PartialComponent, PartialInventory, WrapperCall } from './types';

/**
 * Model ids given to the project's own wrapper of an SDK: `ClaudeModel(model="claude-3-haiku-…")`,
 * `GenericLLMProvider("openai", "gpt-4o")`, `get_llm("openai", model="gpt-4o")`. The call names a
 * class or function of the workspace; the module that defines it imports an AI package and takes
 * the id by a parameter named for a model, or hands the parameter to a model argument
 * (`self.client.chat(model=name)`). The definition is usually in another file, so each side is a
 * fact of its own file and the merge joins them (`resolveModelWrappers`).
 */

/** Parameter names that say model: `model`, `model_name`, `llm_model`, `chat_model_id`, `model_repo` (a Hub repository). */
const MODEL_PARAMETER = /^(?:[a-z0-9]+_)*model(?:_?(?:name|id|repo(?:_?id)?))?$/i;

function isModelParameter(name: string): boolean {
  return isModelArgument(name) || MODEL_PARAMETER.test(name);
}

// ---------------------------------------------------------------------------------------------
// The defining side

/** The classes and functions of a Python module that imports AI, by the parameters that take a model id. */
export function modelWrapperDefinitions(path: string, facts: CodeFacts): ModelWrapperFact[] {
  if (facts.language !== 'python' || facts.packages.packages.length === 0) return [];
  const wrappers: ModelWrapperFact[] = [];
  for (const node of facts.tree.rootNode.namedChildren) {
    const definition = node?.type === 'decorated_definition' ? node.childForFieldName('definition') : node;
    if (!definition) continue;
    const name = definition.childForFieldName('name')?.text;
    if (!name) continue;
    const target = definition.type === 'class_definition' ? constructorOf(definition) : definition;
    if (target?.type !== 'function_definition') continue;
    const fact = wrapperParameters(path, name, target, definition.type === 'class_definition' ? definition : target);
    if (fact) wrappers.push(fact);
  }
  return wrappers;
}

function constructorOf(definition: Node): Node | undefined {
  for (const child of definition.childForFieldName('body')?.namedChildren ?? []) {
    const fn = child?.type === 'decorated_definition' ? child.childForFieldName('definition') : child;
    if (fn?.type === 'function_definition' && fn.childForFieldName('name')?.text === '__init__') return fn;
  }
  return undefined;
}

/** A keyword argument that hands a name on (`model=name`, `model_name=self.name`), not a comparison. */
const HANDED_ON = /\b(\w+)\s*=(?!=)\s*(?:self\.)?(\w+)\b/g;

function wrapperParameters(path: string, name: string, fn: Node, scope: Node): ModelWrapperFact | undefined {
  const parameters = fn.childForFieldName('parameters')?.namedChildren ?? [];
  const handed = new Set<string>();
  for (const match of scope.text.matchAll(HANDED_ON)) if (isModelArgument(match[1])) handed.add(match[2]);
  const keywords: string[] = [];
  const positions: number[] = [];
  let position = 0;
  let positional = true;
  let kwargs = false;
  for (const parameter of parameters) {
    if (!parameter) continue;
    if (parameter.type === 'dictionary_splat_pattern') {
      kwargs = true;
      continue;
    }
    if (parameter.type === 'list_splat_pattern' || parameter.type === 'keyword_separator') {
      positional = false;
      continue;
    }
    if (parameter.type === 'positional_separator') continue;
    const parameterName = parameterNameOf(parameter);
    if (!parameterName) continue;
    if (parameterName === 'self' || parameterName === 'cls') continue;
    if (isModelParameter(parameterName) || handed.has(parameterName)) {
      keywords.push(parameterName);
      if (positional) positions.push(position);
    }
    position++;
  }
  // `def get_llm(provider, **kwargs)` in an AI module: a model-named keyword is handed on.
  if (keywords.length === 0 && !kwargs) return undefined;
  return { path, name, keywords, positions, ...(kwargs ? { kwargs } : {}) };
}

function parameterNameOf(parameter: Node): string | undefined {
  if (parameter.type === 'identifier') return parameter.text;
  const named = parameter.childForFieldName('name');
  if (named) return named.text;
  return parameter.namedChildren.find((child) => child?.type === 'identifier')?.text;
}

// ---------------------------------------------------------------------------------------------
// The calling side

/**
 * Calls of the workspace's own classes and functions (no AI package behind them) that pass a
 * model id, as models the merge keeps once the callee's definition takes the id.
 */
export function collectWrapperCallModels(site: CodeSite, facts: CodeFacts): PartialComponent[] {
  if (facts.language !== 'python') return [];
  const components: PartialComponent[] = [];
  let resolver: CalleeResolver | undefined;
  for (const call of facts.calls) {
    const callee = superConstructorOf(call) ?? call.callee;
    if (facts.packageOf(call) || facts.hubLoadOf(call) || !/^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)?$/.test(callee)) continue;
    // Resolving the callee is a lookup; reading argument values may follow variables, so it comes second.
    resolver ??= new CalleeResolver(site.path, facts);
    const target = resolver.resolve(callee);
    if (!target) continue;
    const passed = modelArgumentsOf(call);
    for (const { id, keyword, index } of passed) {
      const normalized = wrapperModel(id);
      const occurrence = { path: site.path, line: site.line(call.row), evidence: 'call' as const, symbol: call.callee };
      const model = modelComponent(normalized.id, normalized.provider, occurrence);
      model.wrapperCall = { ...target, ...(keyword ? { keyword } : { index }) };
      components.push(model);
    }
  }
  return components;
}

/**
 * `super().__init__(model_repo="org/name")` in a subclass calls its base class's constructor: the
 * base's name (`class SmolTitler(SmolTool)` → `SmolTool`), or undefined for any other call.
 */
function superConstructorOf(call: CodeCall): string | undefined {
  if (!/^super\([^)]*\)\.__init__$/.test(call.callee)) return undefined;
  let node = call.node.parent;
  while (node && node.type !== 'class_definition') node = node.parent;
  const base = node
    ?.childForFieldName('superclasses')
    ?.namedChildren.find((child) => child?.type === 'identifier' || child?.type === 'attribute');
  return base?.text;
}

/**
 * JavaScript and TypeScript: a helper of the same file that takes a model parameter
 * (`function getGatewayModel(modelName: string)`, `const llm = (model) => …`) in a file that imports
 * an AI package, called with a hosted provider's id or a gateway route of one
 * (`getGatewayModel('openai/gpt-5.4-mini')`). Only such unmistakable ids count: a helper's
 * parameter may take anything else.
 */
export function collectLocalHelperModels(site: CodeSite, facts: CodeFacts): PartialComponent[] {
  if (facts.language !== 'javascript' || facts.packages.packages.length === 0 || !MODEL_WORD.test(facts.text)) return [];
  const helpers = localModelParameters(facts.tree.rootNode);
  if (helpers.size === 0) return [];
  const components: PartialComponent[] = [];
  for (const call of facts.calls) {
    const index = helpers.get(call.callee);
    if (index === undefined || facts.packageOf(call)) continue;
    const value = call.args.filter((arg) => !arg.name)[index]?.value;
    const model = value ? strongModelId(value) : undefined;
    if (!model) continue;
    const occurrence = { path: site.path, line: site.line(call.row), evidence: 'call' as const, symbol: call.callee };
    components.push(modelComponent(model.id, model.provider, occurrence, model.route ? [property('model:route', model.route)] : []));
  }
  return components;
}

/** Every name `isModelParameter` accepts holds one of these words. */
const MODEL_WORD = /model|deployment/i;

/** Functions and arrow functions of a JavaScript module by name, with the position of the parameter named for a model. */
function localModelParameters(root: Node): Map<string, number> {
  const helpers = new Map<string, number>();
  for (const node of descendantsOf(root, ['function_declaration', 'variable_declarator'], 'javascript')) {
    const name = node.childForFieldName('name')?.text;
    const value = node.type === 'function_declaration' ? node : node.childForFieldName('value');
    if (!name || (value?.type !== 'function_declaration' && value?.type !== 'arrow_function' && value?.type !== 'function_expression'))
      continue;
    const parameters = value.childForFieldName('parameters')?.namedChildren ?? [];
    const index = parameters.findIndex((parameter) => {
      const named = parameter?.childForFieldName('pattern') ?? parameter?.childForFieldName('left') ?? parameter;
      return named?.type === 'identifier' && isModelParameter(named.text);
    });
    if (index >= 0) helpers.set(name, index);
  }
  return helpers;
}

interface PassedId {
  id: string;
  keyword?: string;
  index?: number;
}

function modelArgumentsOf(call: CodeCall): PassedId[] {
  const passed: PassedId[] = [];
  let index = 0;
  for (const arg of call.args) {
    if (arg.node.type === 'list_splat' || arg.node.type === 'dictionary_splat') continue;
    const value = arg.value;
    if (value !== undefined && looksLikeModelId(value)) passed.push(arg.name ? { id: value, keyword: arg.name } : { id: value, index });
    if (!arg.name) index++;
  }
  return passed;
}

/** An id of a known family, a Hub `org/name`, a routed id or an Ollama tag: what a model parameter takes. */
function looksLikeModelId(value: string): boolean {
  if (!isModelIdShape(value) || isNotModelWord(value) || hubIdKind(value) === 'placeholder') return false;
  if (providerForModelId(value) || strongModelId(value)) return true;
  if (value.includes('/')) return hubIdKind(value) === 'hub' || routedThrough(value) !== undefined;
  // Ollama's `name:tag` (`llama3:latest`, `qwen2.5:7b`), not `redis:7`.
  return value.includes(':') && isOllamaModelName(value);
}

/** `together_ai/meta-llama/Meta-Llama-3.1-70B-Instruct-Turbo`: three segments are no Hub id, only a route. */
function routedThrough(value: string): { provider: string; id: string } | undefined {
  const route = splitRoute(value);
  return route?.id.includes('/') ? route : undefined;
}

function wrapperModel(id: string): { id: string; provider?: string } {
  const bare = withoutResourcePrefix(id);
  const strong = strongModelId(bare);
  if (strong) return { id: strong.id, provider: strong.provider };
  const routed = routedThrough(bare);
  if (routed) return { id: routed.id, provider: providerForModelId(routed.id) ?? 'huggingface' };
  return { id: bare, provider: providerForModelId(bare) ?? (bare.includes('/') ? 'huggingface' : 'ollama') };
}

/** Where a callee is defined: this file, or the workspace module an import names. */
class CalleeResolver {
  private readonly defined = new Set<string>();
  private readonly relative = new Map<string, string[]>();
  private readonly module: PythonModule;

  constructor(
    private readonly path: string,
    facts: CodeFacts,
  ) {
    this.module = facts.python;
    for (const node of facts.tree.rootNode.namedChildren) {
      const definition = node?.type === 'decorated_definition' ? node.childForFieldName('definition') : node;
      const name = definition?.childForFieldName('name')?.text;
      if (name && (definition?.type === 'class_definition' || definition?.type === 'function_definition')) this.defined.add(name);
      if (node?.type === 'import_from_statement') this.indexRelative(node);
    }
  }

  resolve(callee: string): Omit<WrapperCall, 'keyword' | 'index'> | undefined {
    const [head, tail] = callee.split('.');
    if (!tail && this.defined.has(head)) return { targets: [this.path], name: head };
    const relative = this.relative.get(head);
    if (relative) return { targets: relative, name: tail ?? head };
    const qualified = this.module.imports.get(head);
    if (!qualified) return undefined;
    // An installed package is not the workspace's code.
    if (pythonPackageForModule(qualified)) return undefined;
    const full = tail ? `${qualified}.${tail}` : qualified;
    const dot = full.lastIndexOf('.');
    if (dot < 0) return undefined;
    const modulePath = full.slice(0, dot).replace(/\./g, '/');
    return { targets: searchRoots(this.path).flatMap((root) => moduleFiles(`${root}${modulePath}`)), name: full.slice(dot + 1) };
  }

  /** `from ..lm import LitellmModel` in `pkg/sub/engine.py` → `pkg/lm.py`. */
  private indexRelative(node: Node): void {
    const module = node.childForFieldName('module_name')?.text;
    if (!module?.startsWith('.')) return;
    const dots = /^\.+/.exec(module)?.[0].length ?? 1;
    const folders = this.path.split('/').slice(0, -1);
    if (dots - 1 > folders.length) return;
    const base = folders.slice(0, folders.length - (dots - 1)).join('/');
    const rest = module.slice(dots).replace(/\./g, '/');
    const stem = [base, rest].filter(Boolean).join('/');
    for (const imported of node.childrenForFieldName('name')) {
      const original = imported?.type === 'aliased_import' ? imported.childForFieldName('name')?.text : imported?.text;
      const alias = imported?.type === 'aliased_import' ? imported.childForFieldName('alias')?.text : original;
      if (!original || !alias) continue;
      // `from . import lm` names a module; `from .lm import X` a name in one.
      this.relative.set(alias, rest ? moduleFiles(stem) : moduleFiles(stem ? `${stem}/${original}` : original));
    }
  }
}

/** A module's file, its package's `__init__.py`, and the package folder (a name it re-exports). */
function moduleFiles(stem: string): string[] {
  return [`${stem}.py`, `${stem}/__init__.py`, `${stem}/`];
}

/** Folders an absolute import is looked up from: the script's folder and its parents, and `src/`. */
function searchRoots(path: string): string[] {
  const folders = path.split('/').slice(0, -1);
  const roots = [''];
  for (let depth = 1; depth <= folders.length; depth++) roots.push(`${folders.slice(0, depth).join('/')}/`);
  roots.push('src/');
  return [...new Set(roots)];
}

// ---------------------------------------------------------------------------------------------
// The merge

/** Keeps a wrapper call's model when a definition of the workspace takes the id it passes. */
export function resolveModelWrappers(partials: PartialInventory[]): PartialInventory[] {
  if (!partials.some((partial) => partial.components.some((component) => component.wrapperCall))) return partials;
  const byName = new Map<string, ModelWrapperFact[]>();
  for (const partial of partials) {
    for (const fact of partial.modelWrappers ?? []) {
      const list = byName.get(fact.name);
      if (list) list.push(fact);
      else byName.set(fact.name, [fact]);
    }
  }
  return partials.map((partial) => {
    if (!partial.components.some((component) => component.wrapperCall)) return partial;
    const components: PartialComponent[] = [];
    for (const component of partial.components) {
      const call = component.wrapperCall;
      if (!call) components.push(component);
      else if ((byName.get(call.name) ?? []).some((fact) => takes(fact, call))) {
        const { wrapperCall: _resolved, ...rest } = component;
        components.push(rest);
      }
    }
    return { ...partial, components };
  });
}

function takes(fact: ModelWrapperFact, call: WrapperCall): boolean {
  const defined = call.targets.some((target) => (target.endsWith('/') ? fact.path.startsWith(target) : fact.path === target));
  if (!defined) return false;
  if (call.keyword !== undefined) return fact.keywords.includes(call.keyword) || (fact.kwargs === true && isModelArgument(call.keyword));
  return call.index !== undefined && fact.positions.includes(call.index);
}
