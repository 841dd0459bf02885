import { type CodeFacts, packageForModule, packageKey } from '../facts';
import type { Node } from '../parse/treeSitter';
import { type ClientEntry, clientSymbolsOf, clientsFor, type PackageInfo } from './catalog';

/** A client class a module registers by name instead of calling it where it is written. */
export interface RegisteredClient {
  client: ClientEntry;
  pkg: PackageInfo;
  symbol: string;
  row: number;
}

/**
 * Provider classes kept in a table under the names a user picks from (`{"openai":
 * OpenAIEmbeddingFunction, "cohere": CohereEmbeddingFunction}` in Chroma servers, a dict of
 * embedding or chat classes in a RAG app) and instantiated later through the chosen key: each class
 * reaches its own service. Only Python dict values that name an imported client class count; a class whose service depends on its first argument (`boto3.client`) says nothing alone.
 */
export function registeredClients(facts: CodeFacts): RegisteredClient[] {
  if (facts.language !== 'python') return [];
  const symbols = new Set(facts.packages.packages.flatMap((info) => clientSymbolsOf(packageKey(info))));
  const found: RegisteredClient[] = [];
  for (const symbol of symbols) {
    for (let index = facts.text.indexOf(symbol); index >= 0; index = facts.text.indexOf(symbol, index + symbol.length)) {
      const node = facts.tree.rootNode.descendantForIndex(index, index + symbol.length);
      const entry = node && isTableValue(node) ? resolve(facts, node) : undefined;
      if (node && entry) found.push({ ...entry, row: node.startPosition.row });
    }
  }
  return found;
}

/**
 * A name written as a dict value under a key (`"openai": OpenAIEmbeddingFunction`). Lists and tuples
 * do not count: `isinstance(client, (OpenAI, AsyncOpenAI))` names classes without reaching anything.
 */
function isTableValue(node: Node): boolean {
  if (node.type !== 'identifier' && node.type !== 'attribute') return false;
  const parent = node.parent;
  return parent?.type === 'pair' && parent.childForFieldName('value')?.id === node.id;
}

function resolve(facts: CodeFacts, node: Node): Omit<RegisteredClient, 'row'> | undefined {
  const name = facts.python.qualifiedName(node);
  if (!name?.imported) return undefined;
  const dot = name.name.lastIndexOf('.');
  const pkg = dot > 0 ? packageForModule('python', name.name.slice(0, dot)) : undefined;
  const symbol = name.name.slice(dot + 1);
  const client = pkg ? clientsFor(packageKey(pkg), symbol).find((entry) => !entry.firstArg && !entry.embedded) : undefined;
  return pkg && client ? { client, pkg, symbol } : undefined;
}
