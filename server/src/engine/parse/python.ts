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
 */
export class PythonModule {
  /** Local name → fully qualified name, e.g. `np` → `numpy`, `l` → `torch.load`. */
  readonly imports = new Map<string, string>();
  private callCache: PyCall[] | undefined;

  constructor(readonly tree: Tree) {
    this.collectImports(tree.rootNode);
  }

  get root(): Node {
    return this.tree.rootNode;
  }

  /** Every call in the module, in source order. */
  calls(): PyCall[] {
    if (!this.callCache) {
      this.callCache = this.root.descendantsOfType('call').flatMap((node) => {
        const call = node ? this.toCall(node) : undefined;
        return call ? [call] : [];
      });
    }
    return this.callCache;
  }

  /** The call a `call` node is, if it is one. */
  callAt(node: Node): PyCall | undefined {
    this.callsByNode ??= new Map(this.calls().map((call) => [call.node.id, call]));
    return this.callsByNode.get(node.id);
  }

  private callsByNode: Map<number, PyCall> | undefined;

  /** Calls whose resolved callee equals one of `names` or ends with `.name` for a dotted suffix match. */
  callsTo(names: readonly string[]): PyCall[] {
    return this.calls().filter((call) => names.includes(call.callee));
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
    for (const assignment of this.root.descendantsOfType(['assignment', 'augmented_assignment', 'named_expression'])) {
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
    for (const node of root.descendantsOfType(['import_statement', 'import_from_statement'])) {
      if (!node) continue;
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
  if (node.type !== 'string') return undefined;
  if (node.namedChildren.some((child) => child?.type === 'interpolation')) return undefined;
  return node.namedChildren
    .filter((child): child is Node => child?.type === 'string_content' || child?.type === 'escape_sequence')
    .map((child) => child.text)
    .join('');
}
