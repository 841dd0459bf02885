import { descendantsOf } from '../parse/nodeIndex';
import { isFalse, isTrue, type PyCall, type PythonModule, stringValue } from '../parse/python';
import type { Node } from '../parse/treeSitter';
import type { BindingKind, Flow } from './flow';

/**
 * One helper for "option `name` is set to True/False" in Python, in every form a loader option
 * takes: a keyword argument (`f(k=True)`, `dict(k=True)`), a dict pair (`{"k": True}`, also inside
 * `f(**{"k": True})`), and a subscript assignment (`kwargs["k"] = True`).
 *
 * The value may be written there or reach it through the file's values (`Flow.sources`): a local
 * variable, a parameter default, a module constant, either branch of `a if c else b`. Such a
 * setting *may* have the value, and carries the `source` that says where it comes from. A value
 * from outside the file (an argument without default, `args.flag`, a call) is not a setting.
 */

export type FlagForm = 'keyword' | 'pair' | 'subscript';

export interface FlagSetting {
  form: FlagForm;
  /** The whole setting (keyword argument, pair or assignment): where a finding goes. */
  node: Node;
  /** The expression set there (the literal itself unless `source`), for fixes. */
  value: Node;
  /** The call a keyword argument belongs to. */
  call?: PyCall;
  /** When the literal is not written at the setting: where it comes from. */
  source?: FlagSource;
  /** For a dict of options (`pair`, `subscript`): the call that receives the dict, when the file shows it. */
  receiver?: PyCall;
}

export interface FlagSource {
  binding: BindingKind;
  /** The literal, elsewhere in the file. */
  literal: Node;
  /** "the parameter default at line 12" (1-based, within the parsed text). */
  description: string;
}

/** Every place the module sets option `name` to `value`, written there or flowing in; keyword forms first. */
export function flagSettings(module: PythonModule, flow: Flow, name: string, value: boolean): FlagSetting[] {
  const matches = value ? isTrue : isFalse;
  const settings: FlagSetting[] = [];
  const reported = new Set<number>();
  const add = (form: FlagForm, node: Node, set: Node, call?: PyCall) => {
    const source = matches(set) ? undefined : flowingSource(flow, set, matches);
    if (!matches(set) && !source) return;
    // One finding per literal: a parameter default passed on twice is one decision.
    if (source && reported.has(source.literal.id)) return;
    if (source) reported.add(source.literal.id);
    const receiver = form === 'keyword' ? undefined : optionsReceiver(module, flow, form === 'pair' ? node.parent : node);
    settings.push({ form, node, value: set, ...(call ? { call } : {}), ...(source ? { source } : {}), ...(receiver ? { receiver } : {}) });
  };
  for (const call of module.calls()) {
    for (const arg of call.args) if (arg.name === name) add('keyword', arg.node, arg.value, call);
  }
  // The dictionary and subscript forms need the option's name as a string: most files never write it.
  const source = module.root.text;
  if (!source.includes(`"${name}"`) && !source.includes(`'${name}'`)) return settings;
  for (const pair of descendantsOf(module.root, 'pair', 'python')) {
    const key = pair?.childForFieldName('key');
    const set = pair?.childForFieldName('value');
    if (pair && key && set && stringValue(key) === name) add('pair', pair, set);
  }
  for (const assignment of descendantsOf(module.root, 'assignment', 'python')) {
    const left = assignment?.childForFieldName('left');
    const right = assignment?.childForFieldName('right');
    if (!assignment || left?.type !== 'subscript' || !right) continue;
    const index = left.childForFieldName('subscript');
    if (index && stringValue(index) === name) add('subscript', assignment, right);
  }
  return settings;
}

/**
 * Where a `True`/`False` literal comes from that an expression which is not itself a literal may
 * carry (a variable, a parameter default, a module constant, a branch of `a if c else b`); undefined
 * when none does, or the value comes from outside the file. For options read outside `flagSettings`.
 */
export function mayBe(flow: Flow, expression: Node, value: boolean): FlagSource | undefined {
  return flowingSource(flow, expression, value ? isTrue : isFalse);
}

/** The first literal among the values `set` may take (through variables and choices) that `matches`. */
function flowingSource(flow: Flow, set: Node, matches: (node: Node) => boolean): FlagSource | undefined {
  if (!isFollowable(set)) return undefined;
  for (const source of flow.sources(set)) {
    if (!matches(source.node)) continue;
    const where = `line ${source.node.startPosition.row + 1}`;
    const binding = source.binding ?? 'local variable';
    const description = source.binding ? `the ${binding} at ${where}` : `the expression at ${where}`;
    return { binding, literal: source.node, description };
  }
  return undefined;
}

/** Variables and choices between values; a call or an attribute (`args.flag`) is decided elsewhere. */
function isFollowable(node: Node): boolean {
  return ['identifier', 'conditional_expression', 'boolean_operator', 'parenthesized_expression'].includes(node.type);
}

/**
 * The call a dict of options ends up in: `f(opts)`, `f(model_kwargs=opts)`, `f(**opts)`, directly
 * or through the variable it is stored in (`Flow.reaches`); for `kwargs["k"] = v` (`at` is the
 * assignment), the first later call in the same function that passes `kwargs` on.
 */
function optionsReceiver(module: PythonModule, flow: Flow, at: Node | null): PyCall | undefined {
  if (!at) return undefined;
  if (at.type === 'assignment') {
    const target = at.childForFieldName('left')?.childForFieldName('value');
    return target?.type === 'identifier' ? laterCallPassing(module, target, at) : undefined;
  }
  return flow.reaches(at, (position) => callReceiving(module, position));
}

/** The call whose argument `position` is (positional, keyword value or `**` splat). */
function callReceiving(module: PythonModule, position: Node): PyCall | undefined {
  let argument: Node | null = position;
  if (argument.parent?.type === 'keyword_argument' || argument.parent?.type === 'dictionary_splat') argument = argument.parent;
  const list = argument?.parent;
  return list?.type === 'argument_list' && list.parent ? module.callAt(list.parent) : undefined;
}

function laterCallPassing(module: PythonModule, variable: Node, after: Node): PyCall | undefined {
  const scope = enclosingFunction(after);
  for (const call of module.calls()) {
    if (call.node.startIndex < after.endIndex || enclosingFunction(call.node)?.id !== scope?.id) continue;
    const passes = call.argumentList.namedChildren.some((argument) => {
      const value = argument?.type === 'keyword_argument' ? argument.childForFieldName('value') : (argument?.namedChildren[0] ?? argument);
      return value?.type === 'identifier' && value.text === variable.text;
    });
    if (passes) return call;
  }
  return undefined;
}

function enclosingFunction(node: Node): Node | undefined {
  for (let current = node.parent; current; current = current.parent) if (current.type === 'function_definition') return current;
  return undefined;
}

/** Message data for a setting: the callee of the call or of the dict's receiver (`from_pretrained()`), else a neutral word. */
export function receiverText(setting: FlagSetting, fallback: string): string {
  const call = setting.call ?? setting.receiver;
  return call ? `${call.calleeText.replace(/\s+/g, '')}()` : fallback;
}

/**
 * The settings written as a literal where they are set. Rules whose message and fix speak of the
 * literal at the setting (agent and template flags) use these; value-following is for the loader
 * flags whose messages say where a value flows in from.
 */
export function literalFlagSettings(facts: { python: PythonModule; flow: Flow }, name: string, value: boolean): FlagSetting[] {
  return flagSettings(facts.python, facts.flow, name, value).filter((setting) => !setting.source);
}
