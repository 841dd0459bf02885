import { wordOffsets } from '../text/words';
import type { Node, Tree } from './treeSitter';

/** Where a local name comes from: `import X from 'm'` → { module: 'm', name: 'default' }. */
export interface JsImport {
  module: string;
  /** Imported export name; `default` for default imports, `*` for namespaces and `require`. */
  name: string;
}

export interface JsCall {
  node: Node;
  /** `new X(...)` versus `f(...)`. */
  isNew: boolean;
  calleeText: string;
  /** The import the callee's root name comes from, if any. */
  origin?: JsImport;
  args: Node[];
}

/** Import-aware view of a JavaScript/TypeScript module, shared by all JS/TS rules. */
export class JsModule {
  readonly imports = new Map<string, JsImport>();
  private callCache: JsCall[] | undefined;

  constructor(readonly tree: Tree) {
    this.collectImports();
  }

  get root(): Node {
    return this.tree.rootNode;
  }

  /** Every call and `new` expression in source order. */
  calls(): JsCall[] {
    if (!this.callCache) {
      this.callCache = this.root.descendantsOfType(['call_expression', 'new_expression']).flatMap((node) => {
        const call = node ? this.toCall(node) : undefined;
        return call ? [call] : [];
      });
    }
    return this.callCache;
  }

  /** The import a (dotted) expression's root identifier is bound to. */
  originOf(node: Node): JsImport | undefined {
    let current: Node | null = node;
    while (current && current.type === 'member_expression') current = current.childForFieldName('object');
    return current?.type === 'identifier' ? this.imports.get(current.text) : undefined;
  }

  private toCall(node: Node): JsCall | undefined {
    const isNew = node.type === 'new_expression';
    const callee = node.childForFieldName(isNew ? 'constructor' : 'function');
    const argumentsNode = node.childForFieldName('arguments');
    if (!callee) return undefined;
    const args = argumentsNode?.namedChildren.filter((child): child is Node => child !== null && child.type !== 'comment') ?? [];
    return { node, isNew, calleeText: callee.text, origin: this.originOf(callee), args };
  }

  /**
   * ES imports and `require` declarations, in source order. Found from the `import` and `require`
   * words of the text and the tree asked only there: a walk of every declarator of a large file is
   * most of a keystroke.
   */
  private collectImports(): void {
    const text = this.root.text;
    const statements = wordOffsets(text, 'import').flatMap((offset) => {
      const statement = this.root.descendantForIndex(offset, offset + 'import'.length)?.parent;
      return statement?.type === 'import_statement' && statement.startIndex === offset ? [statement] : [];
    });
    const declarators = wordOffsets(text, 'require').flatMap((offset) => {
      const callee = this.root.descendantForIndex(offset, offset + 'require'.length);
      const call = callee?.parent;
      const declarator = call?.parent;
      if (callee?.type !== 'identifier' || call?.type !== 'call_expression' || declarator?.type !== 'variable_declarator') return [];
      return declarator.childForFieldName('value')?.id === call.id ? [declarator] : [];
    });
    for (const node of [...statements, ...declarators].sort((a, b) => a.startIndex - b.startIndex)) {
      if (node.type === 'import_statement') this.collectEsImport(node);
      else this.collectRequire(node);
    }
  }

  private collectEsImport(node: Node): void {
    const module = stringValue(node.childForFieldName('source'));
    const clause = node.namedChildren.find((child) => child?.type === 'import_clause');
    if (module === undefined || !clause) return;
    for (const part of clause.namedChildren) {
      if (!part) continue;
      if (part.type === 'identifier') this.imports.set(part.text, { module, name: 'default' });
      else if (part.type === 'namespace_import') {
        const local = part.namedChildren.find((child) => child?.type === 'identifier');
        if (local) this.imports.set(local.text, { module, name: '*' });
      } else if (part.type === 'named_imports') {
        for (const spec of part.namedChildren) {
          if (spec?.type !== 'import_specifier') continue;
          const name = spec.childForFieldName('name')?.text;
          const alias = spec.childForFieldName('alias')?.text;
          if (name) this.imports.set(alias ?? name, { module, name });
        }
      }
    }
  }

  /** `const X = require('m')`, `const { A, B: C } = require('m')`. */
  private collectRequire(node: Node): void {
    const value = node.childForFieldName('value');
    const nameNode = node.childForFieldName('name');
    if (!value || !nameNode || value.type !== 'call_expression') return;
    if (value.childForFieldName('function')?.text !== 'require') return;
    const module = stringValue(value.childForFieldName('arguments')?.namedChildren[0] ?? null);
    if (module === undefined) return;
    if (nameNode.type === 'identifier') this.imports.set(nameNode.text, { module, name: '*' });
    if (nameNode.type === 'object_pattern') {
      for (const entry of nameNode.namedChildren) {
        if (entry?.type === 'shorthand_property_identifier_pattern') this.imports.set(entry.text, { module, name: entry.text });
        if (entry?.type === 'pair_pattern') {
          const key = entry.childForFieldName('key')?.text;
          const local = entry.childForFieldName('value')?.text;
          if (key && local) this.imports.set(local, { module, name: key });
        }
      }
    }
  }
}

/**
 * The `key: value` pairs of object literals whose key is `key` (`key: v` or `"key": v`), in source
 * order, found from the text: no walk over every object of the file.
 */
export function pairsWithKey(root: Node, key: string): { object: Node; pair: Node; value: Node }[] {
  const found: { object: Node; pair: Node; value: Node }[] = [];
  for (const offset of wordOffsets(root.text, key)) {
    const leaf = root.descendantForIndex(offset, offset + key.length);
    // `key: v` has the word as the key itself; `"key": v` as the fragment of a string key.
    const keyNode = leaf?.type === 'string_fragment' ? leaf.parent : leaf;
    const pair = keyNode?.parent;
    const value = pair?.childForFieldName('value');
    const object = pair?.parent;
    if (!keyNode || pair?.type !== 'pair' || pair.childForFieldName('key')?.id !== keyNode.id) continue;
    if (!value || object?.type !== 'object' || keyNode.text.replace(/^['"]|['"]$/g, '') !== key) continue;
    found.push({ object, pair, value });
  }
  return found;
}

/** The value of a plain string literal (`'x'`, `"x"`, or a template without substitutions). */
export function stringValue(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'string') {
    return node.namedChildren
      .filter((child): child is Node => child?.type === 'string_fragment' || child?.type === 'escape_sequence')
      .map((child) => child.text)
      .join('');
  }
  if (node.type === 'template_string' && !node.namedChildren.some((child) => child?.type === 'template_substitution')) {
    return node.text.slice(1, -1);
  }
  return undefined;
}

/** The `key: value` pairs of an object literal, with the key's plain name. */
export function objectPairs(node: Node): { key: string; pair: Node; value: Node }[] {
  if (node.type !== 'object') return [];
  return node.namedChildren.flatMap((pair) => {
    if (pair?.type !== 'pair') return [];
    const keyNode = pair.childForFieldName('key');
    const value = pair.childForFieldName('value');
    if (!keyNode || !value) return [];
    const key = keyNode.type === 'property_identifier' ? keyNode.text : stringValue(keyNode);
    return key === undefined ? [] : [{ key, pair, value }];
  });
}
