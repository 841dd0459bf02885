import type { Node } from '../parse/treeSitter';

/**
 * The one small data-flow engine of the facts layer. It answers three questions about an
 * expression, within one file:
 * - `valueOf(node)`: the simple string it stands for (a literal, a constant, an env default);
 * - `origin(node, visit)`: walking back to where a value comes from (a download, a URL literal);
 * - `reaches(node, visit)`: walking forward to where a value goes (the `new` it is passed to).
 *
 * The language only supplies its syntax (`FlowSyntax`); rules supply what they look for (`visit`).
 * Following a variable to its binding (or a binding to its uses) is one hop, and every walk stops at
 * `MAX_HOPS`, so cycles (`a = b; b = a`) and long chains end. Structural steps (parentheses, a
 * wrapper call's argument) cost nothing: they only descend or climb the finite tree.
 *
 * Extension points for taint tracking: sources and sanitizers are `visit` callbacks, propagation
 * through operators is `FlowSyntax.passThrough` / `carriers`, and function summaries can enter as
 * extra `bindings` (a call's value bound to its function's return expressions).
 */

/** How many variables (binding ↔ use) any walk may pass through. */
export const MAX_HOPS = 4;

export interface FlowSyntax {
  /** A plain literal's string value (no interpolation), else undefined. */
  literal(node: Node): string | undefined;
  /**
   * Expressions a value is taken from as it is (structural, no hop): `(x)`, `x ?? "d"`,
   * `os.getenv("M", "d")`, `process.env.M || "d"`, `x as T`. Tried in order.
   */
  passThrough(node: Node): Node[];
  /**
   * For a variable use, the expressions bound to it: `reaching` gives the binding that flows into
   * the use (the latest before it), best first; `all` gives every binding the use might see, so a
   * value is only trusted when they all agree. A binding with no expression (a loop target) is
   * returned as its own statement node, which has no value.
   */
  bindings(node: Node, mode: BindingMode): Node[];
  /** When `parent` carries its child's value on (`{ key: value }`, `[value]`, `(value)`, `...value`). */
  carries(parent: Node, child: Node): boolean;
  /** The variable a value is stored in, when `parent` binds `value` (`const x = value`, `x = value`). */
  boundVariable(parent: Node, value: Node): Node | undefined;
  /** Every other use of a variable (same name), for forward walks. */
  uses(variable: Node): Node[];
  /**
   * The expressions a value may be any one of (`a if c else b`, `a and b`, `a or b`, `(a)`):
   * `sources` follows each. Empty when the node is not such a choice.
   */
  alternatives?(node: Node): Node[];
  /** How a bound value is bound, for messages ("the parameter default at line 3"). */
  bindingKind?(value: Node): BindingKind;
}

export type BindingMode = 'reaching' | 'all';

/** How a value reached a use: written there, or bound to a variable in one of these ways. */
export type BindingKind = 'parameter default' | 'module constant' | 'local variable';

/**
 * One expression a use's value may come from (`Flow.sources`): a leaf that is not a variable or a
 * choice, so a literal, a call, an attribute, an operator. `binding` is the way the leaf was bound
 * (absent when it is written at the use itself).
 */
export interface ValueSource {
  node: Node;
  binding?: BindingKind;
}

/** What `visit` returns: a result to stop the walk, or undefined to let the engine continue. */
export type Visit<T> = (node: Node, next: (node: Node) => T | undefined) => T | undefined;

export class Flow {
  /**
   * `values`: `all` trusts a variable only when every binding it may see agrees (a script's
   * functions and branches); `reaching` takes the binding that flows into the use, for code that
   * runs top to bottom and rebinds names on purpose (a notebook read as one module).
   */
  constructor(
    private readonly syntax: FlowSyntax,
    private readonly values: BindingMode = 'all',
  ) {}

  /**
   * The simple string value of `node`, following at most `MAX_HOPS` variables; undefined when
   * unknown, or when a variable is bound to different values (a branch may have changed it).
   */
  valueOf(node: Node | null | undefined): string | undefined {
    if (!node) return undefined;
    const resolve = (current: Node, hops: number, path: Set<number>): string | undefined => {
      const literal = this.syntax.literal(current);
      if (literal !== undefined) return literal;
      for (const inner of this.syntax.passThrough(current)) {
        const value = resolve(inner, hops, path);
        if (value !== undefined) return value;
      }
      if (hops >= MAX_HOPS) return undefined;
      const bound = this.syntax.bindings(current, this.values).slice(0, this.values === 'reaching' ? 1 : undefined);
      const values = bound.map((value) => (path.has(value.id) ? undefined : resolve(value, hops + 1, new Set(path).add(value.id))));
      return values.length > 0 && values.every((value) => value !== undefined && value === values[0]) ? values[0] : undefined;
    };
    return resolve(node, 0, new Set([node.id]));
  }

  /**
   * Every expression the value of `node` may be, within the file: through variables (every
   * binding the use may see, parameter defaults and module constants included), and both sides of
   * choices (`a if c else b`, `a or b`). A rule asks "may this be False?" by looking for a `False`
   * among the sources, and says where it comes from with the source's `binding` and line. A
   * variable with no binding in view (a parameter without default, a loop target) is its own source.
   */
  sources(node: Node): ValueSource[] {
    const found: ValueSource[] = [];
    const walk = (current: Node, hops: number, path: Set<number>, binding: BindingKind | undefined): void => {
      const choices = this.syntax.alternatives?.(current) ?? [];
      if (choices.length > 0) {
        for (const choice of choices) walk(choice, hops, path, binding);
        return;
      }
      const bound = hops < MAX_HOPS ? this.syntax.bindings(current, 'all').filter((value) => !path.has(value.id)) : [];
      if (bound.length === 0) {
        found.push(binding ? { node: current, binding } : { node: current });
        return;
      }
      for (const value of bound) walk(value, hops + 1, new Set(path).add(value.id), this.syntax.bindingKind?.(value) ?? 'local variable');
    };
    walk(node, 0, new Set([node.id]), undefined);
    return found;
  }

  /** The one expression a variable is bound to (`prompt = "…"` for `prompt`), or undefined when it has none or several. */
  soleBinding(node: Node): Node | undefined {
    const sources = this.sources(node);
    const [source] = sources;
    return sources.length === 1 && source?.binding && source.node.id !== node.id ? source.node : undefined;
  }

  /**
   * Walks back from `node`: `visit` sees each expression first and may stop with a result, or
   * continue structurally with `next(child)`. When it returns undefined, the engine follows
   * pass-through expressions, then a variable to the values bound to it (one hop).
   */
  origin<T>(node: Node, visit: Visit<T>): T | undefined {
    const walk = (current: Node, hops: number, path: Set<number>): T | undefined => {
      const found = visit(current, (child) => walk(child, hops, path));
      if (found !== undefined) return found;
      for (const inner of this.syntax.passThrough(current)) {
        const result = walk(inner, hops, path);
        if (result !== undefined) return result;
      }
      if (hops >= MAX_HOPS) return undefined;
      for (const bound of this.syntax.bindings(current, 'reaching')) {
        if (path.has(bound.id)) continue; // a cycle: `a = b; b = a`
        const result = walk(bound, hops + 1, new Set(path).add(bound.id));
        if (result !== undefined) return result;
      }
      return undefined;
    };
    return walk(node, 0, new Set([node.id]));
  }

  /**
   * Walks forward from `node` to where its value goes: up through expressions that carry it
   * (`{ option }`, `(x)`, `...x`), into the variable it is stored in and on from each use of that
   * variable (one hop). `visit` sees each position (the outermost carrier) and may stop with a result.
   */
  reaches<T>(node: Node, visit: (position: Node) => T | undefined): T | undefined {
    const walk = (start: Node, hops: number, seen: Set<number>): T | undefined => {
      let current = start;
      for (let parent = current.parent; parent && this.syntax.carries(parent, current); parent = current.parent) current = parent;
      const found = visit(current);
      if (found !== undefined) return found;
      const variable = current.parent ? this.syntax.boundVariable(current.parent, current) : undefined;
      if (!variable || hops >= MAX_HOPS || seen.has(variable.id)) return undefined;
      seen.add(variable.id);
      for (const use of this.syntax.uses(variable)) {
        if (use.id === variable.id) continue;
        const result = walk(use, hops + 1, seen);
        if (result !== undefined) return result;
      }
      return undefined;
    };
    return walk(node, 0, new Set());
  }
}

/** Every identifier-like node of a tree by name, built once on first need (for `FlowSyntax.uses`). */
export class NameIndex {
  private byName: Map<string, Node[]> | undefined;

  constructor(
    private readonly root: Node,
    private readonly types: string[],
  ) {}

  of(name: string): Node[] {
    if (!this.byName) {
      this.byName = new Map();
      for (const node of this.root.descendantsOfType(this.types)) {
        if (!node) continue;
        const list = this.byName.get(node.text) ?? [];
        list.push(node);
        this.byName.set(node.text, list);
      }
    }
    return this.byName.get(name) ?? [];
  }
}

/**
 * Names bound to one literal value in the whole file (`static final String MODEL = "…"`): the value
 * nodes by name. A name bound to two different literals is left out. The binding lookup of
 * languages without scoped lookup (C#, Java, Go).
 */
export function uniqueLiteralBindings(
  root: Node,
  declarations: string[],
  pairs: (node: Node) => [Node | null | undefined, Node | null | undefined][],
  literal: (node: Node) => string | undefined,
): Map<string, Node> {
  const bound = new Map<string, Node>();
  const ambiguous = new Set<string>();
  for (const node of root.descendantsOfType(declarations)) {
    if (!node) continue;
    for (const [name, value] of pairs(node)) {
      if (name?.type !== 'identifier' || !value || literal(value) === undefined) continue;
      const previous = bound.get(name.text);
      if (previous && literal(previous) !== literal(value)) ambiguous.add(name.text);
      bound.set(name.text, value);
    }
  }
  for (const name of ambiguous) bound.delete(name);
  return bound;
}

/**
 * Flow syntax for languages read only for literals (C#, Java, Go): a name resolves to its one
 * literal binding in the file; values are not followed forward.
 */
export class ConstantSyntax implements FlowSyntax {
  private constants: Map<string, Node> | undefined;

  constructor(
    private readonly root: Node,
    readonly literal: (node: Node) => string | undefined,
    private readonly declarations: string[],
    private readonly pairs: (node: Node) => [Node | null | undefined, Node | null | undefined][],
  ) {}

  passThrough(node: Node): Node[] {
    return node.type === 'parenthesized_expression' ? node.namedChildren.slice(0, 1).filter((child): child is Node => child !== null) : [];
  }

  bindings(node: Node): Node[] {
    // One literal binding in the whole file: `reaching` and `all` agree.
    if (node.type !== 'identifier') return [];
    this.constants ??= uniqueLiteralBindings(this.root, this.declarations, this.pairs, this.literal);
    const bound = this.constants.get(node.text);
    return bound ? [bound] : [];
  }

  carries(): boolean {
    return false;
  }

  boundVariable(): Node | undefined {
    return undefined;
  }

  uses(): Node[] {
    return [];
  }
}
