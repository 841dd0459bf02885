import type { PyCall } from '../parse/python';
import type { TextEdit } from '../types';
import type { RuleContext } from './rule';

/**
 * Inserts `keyword=value` as the last argument of a call, keeping the call's layout:
 * `f(a)` → `f(a, k=v)`, `f()` → `f(k=v)`, and a multi-line call with a trailing comma gets
 * the new argument on its own line, indented like the last one.
 */
export function appendKeywordEdit(context: RuleContext, call: PyCall, argument: string): TextEdit {
  const last = call.args[call.args.length - 1];
  if (!last) return context.edit(call.argumentList.startIndex + 1, argument);
  const next = last.node.nextSibling;
  if (next?.type === ',') {
    const line = context.lines.lineText(last.node.startPosition.row);
    const indent = /^\s*/.exec(line)?.[0] ?? '';
    return context.edit(next.endIndex, `\n${indent}${argument},`);
  }
  return context.edit(last.node.endIndex, `, ${argument}`);
}
