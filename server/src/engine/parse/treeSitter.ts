import * as fs from 'node:fs';
import * as path from 'node:path';
import { Language, type Node, Parser, Query, type Tree } from '@vscode/tree-sitter-wasm';
import { noteTreeRequest } from '../prefilter/parseLedger';

/** Languages with a tree-sitter grammar. C#, Java and Go load lazily like the rest. */
export type GrammarName = 'python' | 'javascript' | 'typescript' | 'tsx' | 'csharp' | 'java' | 'go' | 'bash' | 'hcl';

const WASM_FILES: Record<GrammarName, string> = {
  python: 'tree-sitter-python.wasm',
  javascript: 'tree-sitter-javascript.wasm',
  typescript: 'tree-sitter-typescript.wasm',
  tsx: 'tree-sitter-tsx.wasm',
  csharp: 'tree-sitter-c-sharp.wasm',
  java: 'tree-sitter-java.wasm',
  go: 'tree-sitter-go.wasm',
  bash: 'tree-sitter-bash.wasm',
  hcl: 'tree-sitter-hcl.wasm',
};

/** Grammars from their own package; the build copies them into `out/wasm` beside the others. */
const WASM_PACKAGES: Partial<Record<GrammarName, string>> = {
  hcl: '@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-hcl.wasm',
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

function grammarFile(name: GrammarName): string {
  const file = path.join(wasmDir(), WASM_FILES[name]);
  const own = WASM_PACKAGES[name];
  return own && !fs.existsSync(file) ? require.resolve(own) : file;
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
    language = initRuntime().then(() => Language.load(fs.readFileSync(grammarFile(name))));
    languages.set(name, language);
    // A failed load must not poison later attempts (for example a missing file during packaging).
    language.catch(() => languages.delete(name));
  }
  return language;
}

/**
 * Starts loading grammars without waiting for them (a failure surfaces on first real use). The
 * language server calls it while the client is still initialising, so the first opened file does
 * not wait for a WASM module to compile.
 */
export function preloadGrammars(names: readonly GrammarName[]): void {
  // One at a time: compiling several modules at once on a small machine delays all of them,
  // and a grammar a document asks for meanwhile (`loadGrammar`) starts at once, out of turn.
  names
    .reduce<Promise<unknown>>((previous, name) => previous.then(() => loadGrammar(name)).catch(() => undefined), Promise.resolve())
    .catch(() => undefined);
}

/** Trees kept elsewhere for whole texts (the open documents' trees, `documentTrees.ts`). */
export interface TreeSource {
  treeFor(name: GrammarName, text: string): Tree | undefined;
}

const treeSources: TreeSource[] = [];

/** Lets `withTree` lend a tree a source already holds for the same text instead of parsing. */
export function registerTreeSource(source: TreeSource): void {
  if (!treeSources.includes(source)) treeSources.push(source);
}

/** One parser per grammar and thread, created on first use. */
export async function parserFor(name: GrammarName): Promise<Parser> {
  const language = await loadGrammar(name);
  let parser = parsers.get(name);
  if (!parser) {
    parser = new Parser();
    parser.setLanguage(language);
    parsers.set(name, parser);
  }
  return parser;
}

/**
 * The most recent parse. The rules and the AI-BOM collectors both read the same file during a scan;
 * keeping the last tree lets the second reader reuse it, so a file version is parsed once.
 */
let lastParse: { name: GrammarName; text: string; tree: Tree } | undefined;

/**
 * Parses `text` (or reuses a tree already made for the same text: an open document's, or the
 * previous call's) and lends the tree to `use`. The lease is synchronous on purpose: no other
 * parse can run while `use` holds the tree, so the cache may free the previous tree whenever a new
 * one is made. Never keep the tree after `use` returns.
 */
export async function withTree<T>(name: GrammarName, text: string, use: (tree: Tree) => T): Promise<T> {
  const parser = await parserFor(name);
  const held = heldTree(name, text);
  const reuse = held !== undefined || (lastParse?.name === name && lastParse.text === text);
  noteTreeRequest(!reuse);
  if (held) return use(held);
  if (!reuse) {
    const tree = parser.parse(text);
    if (!tree) throw new Error(`tree-sitter returned no tree for ${name}`);
    lastParse?.tree.delete();
    lastParse = { name, text, tree };
  }
  return use((lastParse as { tree: Tree }).tree);
}

function heldTree(name: GrammarName, text: string): Tree | undefined {
  for (const source of treeSources) {
    const tree = source.treeFor(name, text);
    if (tree) return tree;
  }
  return undefined;
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
