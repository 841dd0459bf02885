import type { Node, Tree } from './treeSitter';

/**
 * Nodes of a syntax tree by type, fetched in one walk. Rules, code facts and collectors each ask
 * the same tree for its calls, imports, assignments, strings…; every `descendantsOfType` is a full
 * walk through the WASM boundary, and a model library's file used to pay for a dozen of them. The
 * first request for a tree fetches every type of `PREFETCH` (for its grammar) at once; requests
 * below the root filter the prefetched list by position.
 */

/** The node types the Python readers ask for (parse/python.ts, facts/, flag and loader checks). */
const PREFETCH: Record<string, readonly string[]> = {
  python: [
    'call',
    'import_statement',
    'import_from_statement',
    'assignment',
    'augmented_assignment',
    'named_expression',
    'as_pattern',
    'for_statement',
    'pair',
    'string',
    'wildcard_import',
    'function_definition',
    // Role messages and option dicts (`inventory/codePrompts.ts`), read in every parsed AI file.
    'dictionary',
    'tuple',
  ],
};

interface TreeIndex {
  byType: Map<string, Node[]>;
}

const indexes = new WeakMap<Tree, TreeIndex>();

/**
 * `node.descendantsOfType(types)`, answered from the tree's index when its grammar has one (same
 * nodes, same document order); any other request goes to tree-sitter.
 */
export function descendantsOf(node: Node, types: string | readonly string[], grammar: string): Node[] {
  const wanted = typeof types === 'string' ? [types] : types;
  const prefetch = PREFETCH[grammar];
  if (!prefetch || !wanted.every((type) => prefetch.includes(type))) return nonNull(node.descendantsOfType([...wanted]));
  const index = indexOf(node.tree, prefetch);
  const lists = wanted.map((type) => index.byType.get(type) ?? []);
  const merged = lists.length === 1 ? lists[0] : lists.flat().sort(documentOrder);
  return node.parent === null ? merged : within(merged, node);
}

function indexOf(tree: Tree, prefetch: readonly string[]): TreeIndex {
  let index = indexes.get(tree);
  if (!index) {
    const byType = new Map<string, Node[]>();
    for (const found of nonNull(tree.rootNode.descendantsOfType([...prefetch]))) {
      const list = byType.get(found.type);
      if (list) list.push(found);
      else byType.set(found.type, [found]);
    }
    index = { byType };
    indexes.set(tree, index);
  }
  return index;
}

/** The nodes of a sorted list inside `node` (its own span included, as tree-sitter includes it). */
function within(nodes: Node[], node: Node): Node[] {
  const start = node.startIndex;
  const end = node.endIndex;
  let low = 0;
  let high = nodes.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (nodes[mid].startIndex < start) low = mid + 1;
    else high = mid;
  }
  const result: Node[] = [];
  for (let i = low; i < nodes.length && nodes[i].startIndex < end; i++) if (nodes[i].endIndex <= end) result.push(nodes[i]);
  return result;
}

/** Pre-order: by start, and an enclosing node before the nodes it contains. */
function documentOrder(a: Node, b: Node): number {
  return a.startIndex - b.startIndex || b.endIndex - a.endIndex;
}

function nonNull(nodes: (Node | null)[]): Node[] {
  return nodes.filter((node): node is Node => node !== null);
}
