import type { Node, Tree } from '../parse/treeSitter';
import type { CodeArg, CodeCall } from './types';

/**
 * A call argument whose value is resolved only when read. A file has thousands of calls and the
 * collectors and rules read the values of a few; resolving all of them up front (through variable
 * bindings and scopes) cost more than the parse.
 */
export function lazyArg(name: string | undefined, node: Node, resolve: (node: Node) => string | undefined): CodeArg {
  let resolved = false;
  let value: string | undefined;
  return {
    ...(name !== undefined ? { name } : {}),
    node,
    get value() {
      if (!resolved) {
        value = resolve(node);
        resolved = true;
      }
      return value;
    },
  };
}

/** Defines `key` on `target` as computed on first read (then kept). */
export function computeOnRead<T extends object, K extends keyof T>(target: T, key: K, compute: () => T[K]): T {
  let computed = false;
  let value: T[K];
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get() {
      if (!computed) {
        value = compute();
        computed = true;
      }
      return value;
    },
  });
  return target;
}

/**
 * Plumbing the language adapters share: receiver linking, assignment targets, URL literals and
 * callee names. Nothing here knows a language's grammar beyond the node types it is given.
 */

/** A call as an adapter first sees it, before receivers are linked. */
export interface RawCall extends CodeCall {
  /** Text of a variable-like receiver (`client`, `self.client`, `this.llm`). */
  receiverText?: string;
  /** The receiver expression when it is itself a call (method chains). */
  receiverNode?: Node;
  /** The variable this call's result is assigned to. */
  assignedTo?: string;
}

/** Resolves receivers: chained calls directly, variables through their last assignment. */
export function linkReceivers(raw: RawCall[]): CodeCall[] {
  const byNode = new Map<number, RawCall>();
  const bindings = new Map<string, RawCall>();
  for (const call of raw) {
    byNode.set(call.node.id, call);
    if (call.assignedTo) bindings.set(call.assignedTo, call);
  }
  for (const call of raw) {
    if (call.receiverNode) call.receiver = byNode.get(unwrap(call.receiverNode).id);
    else if (call.receiverText) call.receiver = bindingFor(bindings, call.receiverText, call);
  }
  // Drop the linking aids in place: receivers point at these same objects.
  for (const call of raw) {
    delete call.receiverText;
    delete call.receiverNode;
    delete call.assignedTo;
  }
  return raw;
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
export function unwrap(node: Node): Node {
  let current = node;
  while (
    ['await_expression', 'await', 'parenthesized_expression', 'non_null_expression'].includes(current.type) &&
    current.namedChildCount > 0
  ) {
    current = current.namedChildren[current.namedChildCount - 1] as Node;
  }
  return current;
}

export interface AssignmentShape {
  parent: string;
  /** Field of the assigned value, or `*last` for the last named child. */
  value: string;
  target: string;
}

/** The variable a call's value lands in, looking through `await` and parentheses. */
export function assignmentTarget(node: Node, shapes: AssignmentShape[]): string | undefined {
  // Each `parent` is a search from the root in tree-sitter: asked once per step.
  let current = node;
  let parent = current.parent;
  while (parent && ['await_expression', 'await', 'parenthesized_expression'].includes(parent.type)) {
    current = parent;
    parent = current.parent;
  }
  if (!parent) return undefined;
  for (const shape of shapes) {
    if (parent.type !== shape.parent) continue;
    const value = shape.value === '*last' ? parent.namedChildren[parent.namedChildCount - 1] : parent.childForFieldName(shape.value);
    if (value?.id !== current.id) continue;
    const text = parent.childForFieldName(shape.target)?.text;
    if (text && /^[\w$.]+$/.test(text)) return text;
  }
  return undefined;
}

const URL_PREFIX = /^(?:https?|wss?):\/\//i;
const MAX_ARG_STRINGS = 64;

/** URL literals among the string nodes below an argument list. */
export function urlsIn(args: Node | null | undefined, stringTypes: string[], value: (node: Node) => string | undefined): string[] {
  if (!args) return [];
  const urls: string[] = [];
  for (const node of args.descendantsOfType(stringTypes).slice(0, MAX_ARG_STRINGS)) {
    const text = node ? value(node) : undefined;
    if (text && URL_PREFIX.test(text)) urls.push(text);
  }
  return urls;
}

/** True when the text offset lies inside a string or template literal (not a comment). */
export function insideString(tree: Tree, offset: number): boolean {
  let node: Node | null = tree.rootNode.descendantForIndex(offset, offset);
  for (let depth = 0; node && depth < 3; depth++, node = node.parent) {
    if (/string|raw_string|template/.test(node.type) && !node.type.includes('comment')) return true;
  }
  return false;
}

/** The last name of a dotted or `::` path, without a trailing generic argument list. */
/** The key of a keyword argument (`name=…`) or a dict/object pair (`"name": …`, `name: …`), unquoted; undefined for other nodes. */
export function keyOfKeyed(node: Node | null | undefined): string | undefined {
  if (node?.type !== 'pair' && node?.type !== 'keyword_argument') return undefined;
  return node.childForFieldName(node.type === 'pair' ? 'key' : 'name')?.text.replace(/^(["'`])(.*)\1$/, '$2');
}

export function lastSegment(text: string): string {
  const clean = text.replace(/<[^<>]*>$/, '');
  return clean.slice(Math.max(clean.lastIndexOf('.'), clean.lastIndexOf(':')) + 1);
}

export function firstLine(text: string): string {
  const line = text.split(/\r?\n/, 1)[0];
  return line.length > 120 ? `${line.slice(0, 117)}...` : line;
}
