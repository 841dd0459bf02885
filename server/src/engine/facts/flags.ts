import { isFalse, isTrue, type PyCall, type PythonModule, stringValue } from '../parse/python';
import type { Node } from '../parse/treeSitter';

/**
 * One helper for "option `name` is set to True/False" in Python, in every form a loader option
 * takes: a keyword argument (`f(k=True)`, `dict(k=True)`), a dict pair (`{"k": True}`, also inside
 * `f(**{"k": True})`), and a subscript assignment (`kwargs["k"] = True`). Only the literal counts:
 * a variable may hold anything.
 */

export type FlagForm = 'keyword' | 'pair' | 'subscript';

export interface FlagSetting {
  form: FlagForm;
  /** The whole setting (keyword argument, pair or assignment): where a finding goes. */
  node: Node;
  /** The literal `True`/`False` node, for fixes. */
  value: Node;
  /** The call a keyword argument belongs to. */
  call?: PyCall;
}

/** Every place the module sets option `name` to the literal `value`, keyword forms first. */
export function flagSettings(module: PythonModule, name: string, value: boolean): FlagSetting[] {
  const matches = value ? isTrue : isFalse;
  const settings: FlagSetting[] = [];
  for (const call of module.calls()) {
    for (const arg of call.args) {
      if (arg.name === name && matches(arg.value)) settings.push({ form: 'keyword', node: arg.node, value: arg.value, call });
    }
  }
  for (const pair of module.root.descendantsOfType('pair')) {
    const key = pair?.childForFieldName('key');
    const literal = pair?.childForFieldName('value');
    if (pair && key && literal && stringValue(key) === name && matches(literal))
      settings.push({ form: 'pair', node: pair, value: literal });
  }
  for (const assignment of module.root.descendantsOfType('assignment')) {
    const left = assignment?.childForFieldName('left');
    const right = assignment?.childForFieldName('right');
    if (!assignment || left?.type !== 'subscript' || !right || !matches(right)) continue;
    const index = left.childForFieldName('subscript');
    if (index && stringValue(index) === name) settings.push({ form: 'subscript', node: assignment, value: right });
  }
  return settings;
}
