import * as fs from 'node:fs';
import * as path from 'node:path';
import { Language, type Node, Parser, Query, type Tree } from '@vscode/tree-sitter-wasm';

/** Languages with a tree-sitter grammar. C#, Java and Go load lazily like the rest. */
export type GrammarName = 'python' | 'javascript' | 'typescript' | 'tsx' | 'csharp' | 'java' | 'go' | 'bash';

const WASM_FILES: Record<GrammarName, string> = {
  python: 'tree-sitter-python.wasm',
  javascript: 'tree-sitter-javascript.wasm',
  typescript: 'tree-sitter-typescript.wasm',
  tsx: 'tree-sitter-tsx.wasm',
  csharp: 'tree-sitter-c-sharp.wasm',
  java: 'tree-sitter-java.wasm',
  go: 'tree-sitter-go.wasm',
  bash: 'tree-sitter-bash.wasm',
};

/**
 * The folder holding the WASM files: next to the bundle when packaged (`out/wasm`),
 * else inside the npm package during development and tests.
 */
function wasmDir(): string {
  const bundled = path.join(__dirname, 'wasm');
  if (fs.existsSync(path.join(bundled, 'tree-sitter.wasm'))) return bundled;
  return path.dirname(require.resolve('@vscode/tree-sitter-wasm/wasm/tree-sitter.wasm'));
}

let runtime: Promise<void> | undefined;
const languages = new Map<GrammarName, Promise<Language>>();
const parsers = new Map<GrammarName, Parser>();

function initRuntime(): Promise<void> {
  runtime ??= Parser.init({ locateFile: (file: string) => path.join(wasmDir(), file) });
  return runtime;
}

/** Loads a grammar once per process; later calls share the same promise. */
export function loadGrammar(name: GrammarName): Promise<Language> {
  let language = languages.get(name);
  if (!language) {
    language = initRuntime().then(() => Language.load(fs.readFileSync(path.join(wasmDir(), WASM_FILES[name]))));
    languages.set(name, language);
    // A failed load must not poison later attempts (for example a missing file during packaging).
    language.catch(() => languages.delete(name));
  }
  return language;
}

/** Parses text with an already loaded grammar. Callers await `loadGrammar` first. */
export async function parseText(name: GrammarName, text: string): Promise<Tree> {
  const language = await loadGrammar(name);
  let parser = parsers.get(name);
  if (!parser) {
    parser = new Parser();
    parser.setLanguage(language);
    parsers.set(name, parser);
  }
  const tree = parser.parse(text);
  if (!tree) throw new Error(`tree-sitter returned no tree for ${name}`);
  return tree;
}

const queryCache = new Map<string, Query>();

/** Compiles a query once per grammar and source. */
export async function compileQuery(name: GrammarName, source: string): Promise<Query> {
  const key = `${name}\u0000${source}`;
  let query = queryCache.get(key);
  if (!query) {
    query = new Query(await loadGrammar(name), source);
    queryCache.set(key, query);
  }
  return query;
}

export type { Node, Tree };
