import { clientSymbolsOf, findEndpoints, findServiceMarkers, type PackageInfo } from '../inventory/catalog';
import type { JsModule } from '../parse/javascript';
import type { PythonModule } from '../parse/python';
import { type GrammarName, type Node, type Tree, withTree } from '../parse/treeSitter';
import { LineIndex } from '../text/lineIndex';
import type { FileKind } from '../types';
import { grammarFor } from '../workspace/fileKinds';
import { type ClientUse, PackageResolver, packageKey, receiverChain, resolveClients } from './clients';
import { insideString, linkReceivers } from './common';
import { csharpAdapter } from './csharp';
import { type BindingMode, Flow } from './flow';
import { goAdapter } from './go';
import { javaAdapter } from './java';
import { javascriptAdapter } from './javascript';
import type { LanguageAdapter } from './language';
import { type HubLoad, hubLoad, hubLoaderFor, ownerName } from './loaders';
import { pythonAdapter } from './python';
import type { CodeCall, CodeEndpoint, CodeImport, CodeLanguage, CodeServiceMarker } from './types';

export { type ClientUse, packageForModule, packageKey } from './clients';
export type { HubLoad, HubLoader } from './loaders';
export type { CodeArg, CodeCall, CodeEndpoint, CodeImport, CodeLanguage, CodeServiceMarker } from './types';

/**
 * Code facts: what one parsed source file says, built once per tree and shared by the rules
 * (`context.facts()`) and the AI-BOM collectors. Everything is computed on first use and keeps its
 * syntax nodes, so it is valid only while the tree is (inside `withTree` / a rule's `check`).
 */
export class CodeFacts {
  /** The one value / data-flow engine of this file. */
  readonly flow: Flow;
  private readonly adapter: LanguageAdapter;
  private importList: CodeImport[] | undefined;
  private callList: CodeCall[] | undefined;
  private callsByNode: Map<number, CodeCall> | undefined;
  private endpointList: CodeEndpoint[] | undefined;
  private markerList: CodeServiceMarker[] | undefined;
  private resolver: PackageResolver | undefined;
  private clientUses: Map<CodeCall, ClientUse> | undefined;
  private loads: Map<CodeCall, HubLoad> | undefined;

  constructor(
    readonly tree: Tree,
    readonly language: CodeLanguage,
    readonly text: string,
    /** How a variable's value is decided (`Flow`): `reaching` for code run top to bottom (notebooks). */
    values: BindingMode = 'all',
  ) {
    this.adapter = ADAPTERS[language](tree);
    this.flow = new Flow(this.adapter.syntax, values);
  }

  /** Imports as written (module paths, namespaces, specifiers). */
  get imports(): CodeImport[] {
    this.importList ??= this.adapter.imports();
    return this.importList;
  }

  /** Every call (and `new`, struct literal of an imported type) with resolved callee, argument values and receiver. */
  get calls(): CodeCall[] {
    this.callList ??= linkReceivers(this.adapter.calls((node) => this.flow.valueOf(node)));
    return this.callList;
  }

  /** The call a node is, if it is one. */
  callAt(node: Node): CodeCall | undefined {
    this.callsByNode ??= new Map(this.calls.map((call) => [call.node.id, call]));
    return this.callsByNode.get(node.id);
  }

  /** The simple string value of an expression (literal, constant, env default), or undefined. */
  valueOf(node: Node | null | undefined): string | undefined {
    return this.flow.valueOf(node);
  }

  /** AI endpoints written in the file's string literals. */
  get endpoints(): CodeEndpoint[] {
    this.endpointList ??= this.inStrings(findEndpoints(this.text)).map(({ hit, row }) => ({
      service: hit.service,
      endpoint: hit.endpoint,
      row,
    }));
    return this.endpointList;
  }

  /** Service code markers (`"$vectorSearch"`) written in the file's string literals. */
  get serviceMarkers(): CodeServiceMarker[] {
    this.markerList ??= this.inStrings(findServiceMarkers(this.text)).map(({ hit, row }) => ({
      service: hit.service,
      marker: hit.marker,
      row,
    }));
    return this.markerList;
  }

  /** The text hits that sit inside a string literal, with their 0-based rows. */
  private inStrings<T extends { index: number }>(hits: T[]): { hit: T; row: number }[] {
    const inside = hits.filter((hit) => insideString(this.tree, hit.index));
    const lines = inside.length > 0 ? new LineIndex(this.text) : undefined;
    return inside.map((hit) => ({ hit, row: (lines as LineIndex).positionAt(hit.index).line }));
  }

  /** The import-aware Python module view. Throws for other languages. */
  get python(): PythonModule {
    if (this.language !== 'python') throw new Error('not Python');
    return this.adapter.module as PythonModule;
  }

  /** The import-aware JavaScript/TypeScript module view. Throws for other languages. */
  get javascript(): JsModule {
    if (this.language !== 'javascript') throw new Error('not JavaScript/TypeScript');
    return this.adapter.module as JsModule;
  }

  /** The AI packages the file imports, and which one each call belongs to. */
  get packages(): PackageResolver {
    this.resolver ??= new PackageResolver(this.language, this.imports);
    return this.resolver;
  }

  packageOf(call: CodeCall): PackageInfo | undefined {
    return this.packages.packageOf(call);
  }

  /** Calls that create (or are) a known AI SDK client, with the service each reaches. */
  get clients(): Map<CodeCall, ClientUse> {
    this.clientUses ??= this.mayCreateClients() ? resolveClients(this.calls, this.packages) : new Map();
    return this.clientUses;
  }

  /**
   * A client is a call named by a client symbol of a package the file imports: a file whose text
   * holds none of those symbols (a model library importing torch) has none, and its calls need not
   * be built for it.
   */
  mayCreateClients(): boolean {
    return this.packages.packages.some((info) => clientSymbolsOf(packageKey(info)).some((symbol) => this.text.includes(symbol)));
  }

  /** The client a call goes through: itself, or the nearest receiver that is one. */
  clientOf(call: CodeCall): ClientUse | undefined {
    for (const link of receiverChain(call)) {
      const use = this.clients.get(link);
      if (use) return use;
    }
    return undefined;
  }

  /** Calls of hub loaders (`from_pretrained`, `load_dataset`, …) resolved through their package. */
  get hubLoads(): HubLoad[] {
    return [...this.hubLoadMap().values()];
  }

  /** The hub load a call is, if it is one. */
  hubLoadOf(call: CodeCall): HubLoad | undefined {
    return this.hubLoadMap().get(call);
  }

  private hubLoadMap(): Map<CodeCall, HubLoad> {
    if (!this.loads) {
      this.loads = new Map();
      for (const call of this.calls) {
        const pkg = this.packageOf(call);
        const key = pkg ? packageKey(pkg) : undefined;
        // The owner through imports when the callee is aliased (`from peft import PeftModel as P`).
        const owner = ownerName(call.origin?.endsWith(`.${call.method}`) ? call.origin : call.callee);
        const loader = key ? hubLoaderFor(key, call.method, owner) : undefined;
        if (loader && key) this.loads.set(call, hubLoad(call, loader, key));
      }
    }
    return this.loads;
  }
}

const ADAPTERS: Record<CodeLanguage, (tree: Tree) => LanguageAdapter> = {
  python: pythonAdapter,
  javascript: javascriptAdapter,
  csharp: csharpAdapter,
  java: javaAdapter,
  go: goAdapter,
};

export function codeLanguageOf(kind: FileKind): CodeLanguage | undefined {
  switch (kind) {
    case 'python':
    case 'notebook':
      return 'python';
    case 'javascript':
    case 'typescript':
    case 'tsx':
      return 'javascript';
    case 'csharp':
    case 'java':
    case 'go':
      return kind;
    default:
      return undefined;
  }
}

/** One facts build per tree: rules and collectors reading the same parse share it. */
const cache = new WeakMap<Tree, CodeFacts>();

/** The facts of a parsed text (cached per tree). Undefined for kinds without a code adapter. */
export function factsFor(tree: Tree, kind: FileKind, text: string): CodeFacts | undefined {
  const language = codeLanguageOf(kind);
  if (!language) return undefined;
  const cached = cache.get(tree);
  if (cached && cached.language === language && cached.text === text) return cached;
  const facts = new CodeFacts(tree, language, text);
  cache.set(tree, facts);
  return facts;
}

/**
 * Parses `text` (or reuses the last parse of it) and lends its facts to `use`, synchronously like
 * `withTree`: never keep the facts after `use` returns.
 */
export async function withFacts<T>(kind: FileKind, text: string, use: (facts: CodeFacts) => T): Promise<T | undefined> {
  if (!codeLanguageOf(kind)) return undefined;
  return withTree(grammarFor(kind) as GrammarName, text, (tree) => use(factsFor(tree, kind, text) as CodeFacts));
}
