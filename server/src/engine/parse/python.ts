import { wordOffsets } from '../text/words';
import { descendantsOf } from './nodeIndex';
import type { Node, Tree } from './treeSitter';

/** One argument of a Python call: positional (`name` undefined) or keyword. */
export interface PyArgument {
  name?: string;
  /** The whole argument node (`keyword_argument` or the expression itself). */
  node: Node;
  value: Node;
}

export interface PyCall {
  node: Node;
  /** The callee as written, e.g. `t.load`. */
  calleeText: string;
  /** The callee with import aliases resolved, e.g. `torch.load`; equals `calleeText` when unresolved. */
  callee: string;
  /** True when the callee's root name comes from an import. */
  imported: boolean;
  argumentList: Node;
  args: PyArgument[];
}

/**
 * A light semantic view of one Python module: import aliases and every call with
 * resolved callee names. Built once per parse and shared by all Python rules.
 *
 * Walking a whole tree through the WASM boundary costs about 3 ms per 1,000 lines, which is most
 * of a keystroke in a large file. So what can be found from the text is found from it: imports
 * from the `import` keywords, the calls of `callsTo` from their callee names followed by `(`; the
 * tree is asked only at those places. `calls()` (every call) still walks the tree.
 */
export class PythonModule {
  /** Local name → fully qualified name, e.g. `np` → `numpy`, `l` → `torch.load`. */
  readonly imports = new Map<string, string>();
  private callCache: PyCall[] | undefined;
  /** Calls built so far by node id, so `calls()`, `callsTo()` and `callAt()` hand out the same objects. */
  private readonly callsById = new Map<number, PyCall | null>();
  private readonly callsToCache = new Map<string, PyCall[]>();

  constructor(readonly tree: Tree) {
    this.collectImports(tree.rootNode);
  }

  get root(): Node {
    return this.tree.rootNode;
  }

  /** Every call in the module, in source order. */
  calls(): PyCall[] {
    if (!this.callCache) {
      this.callCache = descendantsOf(this.root, 'call', 'python').flatMap((node) => {
        const call = node ? this.callOf(node) : undefined;
        return call ? [call] : [];
      });
    }
    return this.callCache;
  }

  /** The call a `call` node is, if it is one. */
  callAt(node: Node): PyCall | undefined {
    return node.type === 'call' ? this.callOf(node) : undefined;
  }

  /** Calls whose resolved callee equals one of the dotted `names`, in source order (found from the text). */
  callsTo(names: readonly string[]): PyCall[] {
    const key = names.join('\n');
    let found = this.callsToCache.get(key);
    if (!found) {
      found = this.findCallsTo(names);
      this.callsToCache.set(key, found);
    }
    return found;
  }

  private findCallsTo(names: readonly string[]): PyCall[] {
    // A call of `torch.load` is written `….load(` or, through `from torch import load as l`, `l(`.
    const words = new Set(names.map((name) => name.slice(name.lastIndexOf('.') + 1)));
    for (const [local, target] of this.imports) if (names.includes(target)) words.add(local);
    // The module node starts at its first token: offsets in its text are shifted by that start.
    const text = this.root.text;
    const base = this.root.startIndex;
    const found = new Map<number, PyCall>();
    for (const word of words) {
      for (const offset of callSites(text, word)) {
        const call = this.callWhoseCalleeEndsAt(base + offset, base + offset + word.length);
        if (call && names.includes(call.callee)) found.set(call.node.id, call);
      }
    }
    return [...found.values()].sort((a, b) => a.node.startIndex - b.node.startIndex || b.node.endIndex - a.node.endIndex);
  }

  /** The call whose callee (`name` or `a.b.name`) ends with the identifier at `start..end`. */
  private callWhoseCalleeEndsAt(start: number, end: number): PyCall | undefined {
    let node = this.root.descendantForIndex(start, end);
    if (node?.type !== 'identifier' || node.startIndex !== start || node.endIndex !== end) return undefined;
    while (node.parent?.type === 'attribute' && node.parent.endIndex === end) node = node.parent;
    const call = node.parent;
    if (call?.type !== 'call' || call.childForFieldName('function')?.id !== node.id) return undefined;
    return this.callOf(call);
  }

  private callOf(node: Node): PyCall | undefined {
    let call = this.callsById.get(node.id);
    if (call === undefined) {
      call = this.toCall(node) ?? null;
      this.callsById.set(node.id, call);
    }
    return call ?? undefined;
  }

  /** Resolves `a.b.c` where `a` is an import alias; undefined for anything that is not a dotted name. */
  qualifiedName(node: Node): { name: string; imported: boolean } | undefined {
    const dotted = dottedText(node);
    if (!dotted) return undefined;
    const [head, ...rest] = dotted.split('.');
    const target = this.imports.get(head);
    if (!target) return { name: dotted, imported: false };
    return { name: [target, ...rest].join('.'), imported: true };
  }

  /** True when some module whose name starts with `prefix` is imported (`transformers`, `transformers.x`). */
  importsModule(prefix: string): boolean {
    for (const target of this.imports.values()) {
      if (target === prefix || target.startsWith(`${prefix}.`)) return true;
    }
    return false;
  }

  /**
   * The string a node stands for: a plain literal, or a module-level constant (`MODEL = "org/x"`)
   * assigned exactly once in the whole file, so no branch or function can have changed it.
   */
  stringConstant(node: Node): string | undefined {
    if (node.type !== 'identifier') return stringValue(node);
    this.constantCache ??= this.collectConstants();
    return this.constantCache.get(node.text);
  }

  private constantCache: Map<string, string> | undefined;

  private collectConstants(): Map<string, string> {
    const counts = new Map<string, number>();
    const values = new Map<string, string>();
    for (const assignment of descendantsOf(this.root, ['assignment', 'augmented_assignment', 'named_expression'], 'python')) {
      const target = assignment?.childForFieldName(assignment.type === 'named_expression' ? 'name' : 'left');
      if (target?.type !== 'identifier') continue;
      counts.set(target.text, (counts.get(target.text) ?? 0) + 1);
      const right = assignment?.childForFieldName('right');
      const atModuleLevel = assignment?.type === 'assignment' && assignment.parent?.parent?.type === 'module';
      const value = right && atModuleLevel ? stringValue(right) : undefined;
      if (value !== undefined) values.set(target.text, value);
    }
    for (const name of [...values.keys()]) if (counts.get(name) !== 1) values.delete(name);
    return values;
  }

  private toCall(node: Node): PyCall | undefined {
    const fn = node.childForFieldName('function');
    const argumentList = node.childForFieldName('arguments');
    if (!fn || !argumentList || argumentList.type !== 'argument_list') return undefined;
    const resolved = this.qualifiedName(fn);
    const calleeText = fn.text;
    return {
      node,
      calleeText,
      callee: resolved?.name ?? calleeText,
      imported: resolved?.imported ?? false,
      argumentList,
      // Comments inside a multi-line argument list are named children too, but not arguments.
      args: argumentList.namedChildren.flatMap((child) => (child && child.type !== 'comment' ? [toArgument(child)] : [])),
    };
  }

  private collectImports(root: Node): void {
    // Imports anywhere (functions, try blocks, `if TYPE_CHECKING`) bind names we want to resolve.
    for (const node of importStatements(root)) {
      if (node.type === 'import_statement') this.collectPlainImport(node);
      else this.collectFromImport(node);
    }
  }

  private collectPlainImport(node: Node): void {
    for (const child of node.childrenForFieldName('name')) {
      if (!child) continue;
      if (child.type === 'aliased_import') {
        const name = child.childForFieldName('name')?.text;
        const alias = child.childForFieldName('alias')?.text;
        if (name && alias) this.imports.set(alias, name);
      } else {
        // `import torch.serialization` binds `torch`.
        const root = child.text.split('.')[0];
        this.imports.set(root, root);
      }
    }
  }

  private collectFromImport(node: Node): void {
    const module = node.childForFieldName('module_name')?.text;
    if (!module || module.startsWith('.')) return;
    for (const child of node.childrenForFieldName('name')) {
      if (!child) continue;
      if (child.type === 'aliased_import') {
        const name = child.childForFieldName('name')?.text;
        const alias = child.childForFieldName('alias')?.text;
        if (name && alias) this.imports.set(alias, `${module}.${name}`);
      } else {
        this.imports.set(child.text, `${module}.${child.text}`);
      }
    }
  }
}

/**
 * Every `import_statement` and `import_from_statement` of the module, in source order: found from
 * the `import` keywords of the text (each statement has exactly one), so no walk of the whole tree.
 */
export function importStatements(root: Node): Node[] {
  const statements: Node[] = [];
  // The module node starts at its first token (after leading blank lines): offsets are shifted by it.
  const text = root.text;
  for (const local of wordOffsets(text, 'import')) {
    const offset = root.startIndex + local;
    const keyword = root.descendantForIndex(offset, offset + 'import'.length);
    const statement = keyword?.parent;
    if (keyword?.type !== 'import') continue;
    if (statement?.type === 'import_statement' || statement?.type === 'import_from_statement') statements.push(statement);
  }
  return statements;
}

/** Offsets of `word` as a whole identifier followed by `(` (blank space and line breaks allowed between). */
function callSites(text: string, word: string): number[] {
  return wordOffsets(text, word).filter((offset) => {
    let at = offset + word.length;
    while (at < text.length && ' \t\r\n\\'.includes(text[at])) at++;
    return text[at] === '(';
  });
}

function toArgument(child: Node): PyArgument {
  if (child.type === 'keyword_argument') {
    const name = child.childForFieldName('name')?.text;
    const value = child.childForFieldName('value') ?? child;
    return { name, node: child, value };
  }
  return { node: child, value: child };
}

/** `a.b.c` for identifier/attribute chains, else undefined (calls, subscripts, ...). */
export function dottedText(node: Node): string | undefined {
  if (node.type === 'identifier') return node.text;
  if (node.type === 'attribute') {
    const object = node.childForFieldName('object');
    const attribute = node.childForFieldName('attribute');
    if (!object || !attribute) return undefined;
    const left = dottedText(object);
    return left ? `${left}.${attribute.text}` : undefined;
  }
  return undefined;
}

export function keywordArg(call: PyCall, name: string): PyArgument | undefined {
  return call.args.find((arg) => arg.name === name);
}

export function positionalArgs(call: PyCall): PyArgument[] {
  return call.args.filter((arg) => arg.name === undefined && !isSplat(arg.node));
}

/** `*args` / `**kwargs` may hide any keyword, so rules treat them as "unknown". */
export function hasSplat(call: PyCall): boolean {
  return call.args.some((arg) => isSplat(arg.node));
}

function isSplat(node: Node): boolean {
  return node.type === 'list_splat' || node.type === 'dictionary_splat';
}

export function isTrue(node: Node): boolean {
  return node.type === 'true';
}

export function isFalse(node: Node): boolean {
  return node.type === 'false';
}

/** The value of a plain string literal (no f-string interpolation, no implicit concatenation). */
export function stringValue(node: Node): string | undefined {
  // `("You are a helpful tutor. " "Solve step by step.")`: adjacent literals are one string.
  if (node.type === 'concatenated_string') {
    const parts = node.namedChildren.filter((child): child is Node => child?.type !== 'comment').map((child) => stringValue(child));
    return parts.every((part) => part !== undefined) ? parts.join('') : undefined;
  }
  if (node.type !== 'string') return undefined;
  if (node.namedChildren.some((child) => child?.type === 'interpolation')) return undefined;
  return node.namedChildren
    .filter((child): child is Node => child?.type === 'string_content' || child?.type === 'escape_sequence')
    .map((child) => child.text)
    .join('');
}
