import packagesData from '../data/ai-packages.json';
import endpointsData from '../data/endpoints.json';
import modelsData from '../data/models.json';
import { LiteralScanner } from '../prefilter/literalScanner';
import { escapeRegExp } from './manifestText';
import type { Ecosystem } from './types';

/**
 * The data-driven catalog behind every collector: AI packages per ecosystem, AI services and their
 * endpoints, SDK client entry points, and model-id patterns. Adding an SDK or a service is a change
 * to the JSON files under `engine/data/`; this module only indexes them.
 */

export interface PackageInfo {
  ecosystem: Ecosystem;
  /** The package name as the catalog spells it (exact entries) or as found (prefix rules). */
  name: string;
  provider: string;
  category: string;
  conditional: boolean;
  /** The one hosted service the SDK reaches by default (`openai-agents` → openai), from the catalog. */
  service?: string;
  /** Code strings that show a conditional package used for AI (`"knn_vector"` in an OpenSearch mapping). */
  aiMarkers?: string[];
}

interface PackageEntry {
  provider: string;
  category: string;
  imports?: string[];
  conditional?: boolean;
  service?: string;
  aiMarkers?: string[];
}

export interface ServiceInfo {
  id: string;
  name: string;
  provider: string;
  trustZone: string;
}

interface ServiceEntry {
  name: string;
  provider: string;
  hosts: string[];
  trustZone?: string;
  codeMarkers?: string[];
  callSignatures?: CallSignature[];
}

/**
 * An API operation only one service has, known by its method and a keyword it takes
 * (`retrieve(knowledgeBaseId=…)`), or by its method in a file that imports the library owning it
 * (`recognize_google` of `speech_recognition`).
 */
export interface CallSignature {
  methods: string[];
  keyword?: string;
  imports?: string[];
}

export interface ClientEntry {
  /** `ecosystem:name` of the package that exports the entry point. */
  package: string;
  symbols: string[];
  service: string;
  modelArg?: number;
  firstArg?: string[];
  /** The keyword the first argument may be passed by (`boto3.client(service_name="bedrock")`). */
  firstArgName?: string;
  /** The provider of the models the entry point deploys, when not the service's (a SageMaker endpoint serving a Hub repository). */
  modelProvider?: string;
  /** Options that send the client to another service (`vertexai` of the Google Gen AI SDK), by option name. */
  switches?: Record<string, string>;
  /** Arguments that run the store in process (`QdrantClient(":memory:")`, `path=`): no service then. */
  embedded?: { firstArg?: string[]; args?: string[]; argValues?: Record<string, string[]>; serverArgs?: string[] };
}

export const ECOSYSTEMS: readonly Ecosystem[] = ['pypi', 'npm', 'nuget', 'maven', 'golang', 'cargo', 'rubygems'];

const packages = packagesData as unknown as Record<Ecosystem, Record<string, PackageEntry>>;

/** Exact entries by normalized name, and prefix rules (longest first), per ecosystem. */
const exact = new Map<Ecosystem, Map<string, [string, PackageEntry]>>();
const prefixes = new Map<Ecosystem, [string, PackageEntry][]>();
for (const ecosystem of ECOSYSTEMS) {
  const byName = new Map<string, [string, PackageEntry]>();
  const rules: [string, PackageEntry][] = [];
  for (const [name, entry] of Object.entries(packages[ecosystem])) {
    if (name.endsWith('*')) rules.push([normalizePackageName(ecosystem, name.slice(0, -1)), entry]);
    else byName.set(normalizePackageName(ecosystem, name), [name, entry]);
  }
  rules.sort((a, b) => b[0].length - a[0].length);
  exact.set(ecosystem, byName);
  prefixes.set(ecosystem, rules);
}

/**
 * The comparable form of a package name: PEP 503 for PyPI, case-folded for the case-insensitive
 * registries, the module path without its major-version suffix for Go.
 */
export function normalizePackageName(ecosystem: Ecosystem, name: string): string {
  switch (ecosystem) {
    case 'pypi':
      return name.toLowerCase().replace(/[-_.]+/g, '-');
    case 'cargo':
      return name.toLowerCase().replace(/_/g, '-');
    case 'golang':
      return name.replace(/\/v\d+$/, '');
    default:
      return name.toLowerCase();
  }
}

/** The catalog entry for a package, or undefined when it is not an AI package. */
export function lookupPackage(ecosystem: Ecosystem, name: string): PackageInfo | undefined {
  const normalized = normalizePackageName(ecosystem, name);
  const hit = exact.get(ecosystem)?.get(normalized);
  if (hit) return toInfo(ecosystem, canonicalName(ecosystem, name, normalized, hit[0]), hit[1]);
  for (const [prefix, entry] of prefixes.get(ecosystem) ?? []) {
    if (normalized.startsWith(prefix) && normalized.length > prefix.length) {
      return toInfo(ecosystem, ecosystem === 'pypi' || ecosystem === 'cargo' ? normalized : name, entry);
    }
  }
  return undefined;
}

interface RepositoryEntry extends PackageEntry {
  ecosystem: Ecosystem;
  name: string;
}

const repositories = new Map(
  Object.entries((packagesData as unknown as { repositories: Record<string, RepositoryEntry | string> }).repositories).flatMap(
    ([key, entry]) => (typeof entry === 'string' ? [] : [[key.toLowerCase(), entry] as const]),
  ),
);

/** Suffixes that name a repository's language or kind, not the package (`openai-python`, `anthropic-sdk-python`). */
const REPOSITORY_SUFFIX = /(?:[-_](?:sdk|client|lib))?[-_](?:python|py|sdk)$/;

/**
 * The AI package a source repository builds (`git+https://github.com/openai/openai-python@v1`): a
 * repository the catalog names, or one named as a catalog package (with a language suffix).
 */
export function lookupRepository(ecosystem: Ecosystem, url: string): PackageInfo | undefined {
  const match = /^(?:git\+)?(?:https?|ssh|git):\/\/(?:git@)?([\w.-]+)\/([\w.-]+)\/([\w.-]+?)(?:\.git)?(?:[/@#?]|$)/i.exec(url.trim());
  if (!match) return undefined;
  const [, host, owner, repository] = match;
  const known = repositories.get(`${host}/${owner}/${repository}`.toLowerCase());
  if (known) return known.ecosystem === ecosystem ? toInfo(ecosystem, known.name, known) : undefined;
  const name = repository.toLowerCase();
  // Exact entries only: a prefix rule (`llama-index-*`) says nothing about a repository's name.
  for (const candidate of [name, name.replace(REPOSITORY_SUFFIX, '')]) {
    if (exact.get(ecosystem)?.has(normalizePackageName(ecosystem, candidate))) return lookupPackage(ecosystem, candidate);
  }
  return undefined;
}

/** PyPI names are shown normalized, Go modules keep their `/vN` suffix, others use the catalog spelling. */
function canonicalName(ecosystem: Ecosystem, given: string, normalized: string, catalogName: string): string {
  if (ecosystem === 'pypi') return normalized;
  if (ecosystem === 'golang') return given;
  return catalogName;
}

function toInfo(ecosystem: Ecosystem, name: string, entry: PackageEntry): PackageInfo {
  const info: PackageInfo = {
    ecosystem,
    name,
    provider: entry.provider,
    category: entry.category,
    conditional: entry.conditional === true,
  };
  if (entry.service) info.service = entry.service;
  if (entry.aiMarkers) info.aiMarkers = entry.aiMarkers;
  return info;
}

/** Import roots per code language: module path (or namespace, or Java package) → package name. */
type ImportIndex = Map<string, string>;
const importIndexes = new Map<Ecosystem, ImportIndex>();

function importIndex(ecosystem: Ecosystem): ImportIndex {
  let index = importIndexes.get(ecosystem);
  if (index) return index;
  index = new Map();
  for (const [name, entry] of Object.entries(packages[ecosystem])) {
    if (name.endsWith('*')) continue;
    for (const root of entry.imports ?? defaultImports(ecosystem, name)) {
      // The first package listed for an import root wins (e.g. `pinecone` over `pinecone-client`).
      const key = ecosystem === 'nuget' ? root.toLowerCase() : root;
      if (!index.has(key)) index.set(key, name);
    }
  }
  importIndexes.set(ecosystem, index);
  return index;
}

function defaultImports(ecosystem: Ecosystem, name: string): string[] {
  switch (ecosystem) {
    case 'pypi':
      return [name.replace(/-/g, '_')];
    case 'nuget':
    case 'golang':
      return [name];
    default:
      return [];
  }
}

/** The longest catalog root that is `module` itself or a prefix of it at a `separator` boundary. */
function longestRoot(index: ImportIndex, module: string, separator: string): string | undefined {
  let candidate = module;
  for (;;) {
    const name = index.get(candidate);
    if (name) return name;
    const cut = candidate.lastIndexOf(separator);
    if (cut <= 0) return undefined;
    candidate = candidate.slice(0, cut);
  }
}

/** Namespaces whose distributions are named by the import path (`ai-packages.json` `pythonNamespaces`). */
const PYTHON_NAMESPACES = Object.entries((packagesData as unknown as { pythonNamespaces: Record<string, number> }).pythonNamespaces).filter(
  ([namespace]) => namespace !== '$comment',
);

/**
 * `llama_index.vector_stores.faiss.FaissVectorStore` → `llama-index-vector-stores-faiss`: the distribution an
 * import of a namespace package installs, named by its path when a catalog rule (`llama-index-*`) covers
 * that name and no exact entry inside the namespace (`llama_index.core`) answers the module. The SDK
 * listed for the import; calls keep resolving to the family's client entries (`pypi:llama-index`).
 */
const SHARED_MODULES = /^(?:base|types|schema|utils|\w+_utils|loading|mock|custom|generic|\w*memory\w*)$/;

export function namespacedPackage(module: string): PackageInfo | undefined {
  const segments = module.split('.');
  for (const [namespace, depth] of PYTHON_NAMESPACES) {
    if (!module.startsWith(`${namespace}.`) || segments.length < depth) continue;
    const path = segments.slice(0, depth);
    // A class imported from the namespace (`from llama_index.llms import OpenAI`) is no distribution's path,
    // nor is a helper module of the old single package (`llama_index.llms.base`, `llama_index.embeddings.utils`).
    if (!path.every((segment) => /^[a-z][a-z0-9_]*$/.test(segment)) || SHARED_MODULES.test(path[path.length - 1])) return undefined;
    // An exact entry inside the namespace (`llama_index.core`, `llama_index.llms.openai`) answers its modules.
    const inside = namespace.split('.').length + 1;
    const exact = segments.some((_, end) => end >= inside && importIndex('pypi').has(segments.slice(0, end).join('.')));
    return exact || importIndex('pypi').has(module) ? undefined : lookupPackage('pypi', path.join('-').replace(/_/g, '-'));
  }
  return undefined;
}

/** The AI package a Python module import comes from (`langchain_openai.chat` → `langchain-openai`). */
export function pythonPackageForModule(module: string): PackageInfo | undefined {
  const name = longestRoot(importIndex('pypi'), module, '.');
  if (name) return lookupPackage('pypi', name);
  // Families under a prefix rule import as the distribution name with underscores.
  return lookupPackage('pypi', module.split('.')[0].replace(/_/g, '-'));
}

/** The AI package an ES/CommonJS module specifier names (`@ai-sdk/openai/internal` → `@ai-sdk/openai`). */
export function npmPackageForSpecifier(specifier: string): PackageInfo | undefined {
  const cdn = ESM_CDN.exec(specifier);
  if (cdn) return lookupPackage('npm', cdn[1]);
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:')) return undefined;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  return lookupPackage('npm', name);
}

/**
 * Browser samples import npm packages from a CDN (`import("https://esm.sh/@google/genai@1.4.0")`,
 * `cdn.jsdelivr.net/npm/openai@4/+esm`, `unpkg.com/…`): the package is the path's first name, the
 * version and file path dropped.
 */
export const ESM_CDN_HOSTS = String.raw`(?:esm\.sh(?:/v\d+)?|esm\.run|cdn\.skypack\.dev|unpkg\.com|cdn\.jsdelivr\.net/npm)/`;
const ESM_CDN = new RegExp(String.raw`^https://${ESM_CDN_HOSTS}((?:@[\w.-]+/)?[\w.-]+?)(?:@[^/?#]*)?(?:[/?#]|$)`);

/** The AI NuGet package a C# namespace belongs to (`OpenAI.Chat` → `OpenAI`). */
export function nugetPackageForNamespace(namespace: string): PackageInfo | undefined {
  const name = longestRoot(importIndex('nuget'), namespace.toLowerCase(), '.');
  return name ? lookupPackage('nuget', name) : undefined;
}

/** The AI Maven artifact a Java import belongs to (`dev.langchain4j.model.openai.X` → `dev.langchain4j:langchain4j-open-ai`). */
export function mavenPackageForImport(qualified: string): PackageInfo | undefined {
  const name = longestRoot(importIndex('maven'), qualified.replace(/\.\*$/, ''), '.');
  return name ? lookupPackage('maven', name) : undefined;
}

/** The AI Go module an import path belongs to, with the major-version suffix kept (`…/openai-go/v2`). */
export function goModuleForImport(importPath: string): PackageInfo | undefined {
  const name = longestRoot(importIndex('golang'), importPath, '/');
  if (!name) return undefined;
  const rest = importPath.slice(name.length);
  const major = /^\/(v\d+)(?:\/|$)/.exec(rest);
  const info = lookupPackage('golang', name);
  return info && major ? { ...info, name: `${name}/${major[1]}` } : info;
}

/** Every string a cheap prefilter can look for before a code file is parsed for imports. */
export function importRoots(ecosystem: Ecosystem): string[] {
  const roots = new Set<string>();
  for (const root of importIndex(ecosystem).keys()) roots.add(root.split(ecosystem === 'golang' ? '/' : '.')[0]);
  if (ecosystem === 'pypi') for (const [namespace] of PYTHON_NAMESPACES) roots.add(namespace.split('.')[0]);
  return [...roots];
}

// ---------------------------------------------------------------------------------------------
// Services and endpoints

const serviceEntries = endpointsData.services as Record<string, ServiceEntry>;

export function serviceInfo(id: string): ServiceInfo | undefined {
  const entry = serviceEntries[id];
  if (!entry) return undefined;
  return { id, name: entry.name, provider: entry.provider, trustZone: entry.trustZone ?? 'external' };
}

interface HostMatcher {
  service: string;
  pattern: RegExp;
  local: boolean;
  /** The longest literal piece of the host (lower case): the pattern cannot match a text without it. */
  hint: string;
}

/** One regular expression per host pattern; `*` stands for part of one DNS label. */
const hostMatchers: HostMatcher[] = Object.entries(serviceEntries).flatMap(([service, entry]) =>
  entry.hosts.map((host) => ({ service, pattern: hostPattern(host), local: entry.trustZone === 'local', hint: hostHint(host) })),
);

function hostHint(spec: string): string {
  const [hostPort] = spec.split('/');
  return hostPort
    .split('*')
    .sort((a, b) => b.length - a.length)[0]
    .toLowerCase();
}

let hintScanner: { scanner: LiteralScanner; hints: string[] } | undefined;

/** The matchers whose host hint occurs in the text (one pass), plus those whose hint is too short to look for. */
function candidateMatchers(text: string): HostMatcher[] {
  if (!hintScanner) {
    const hints = [...new Set(hostMatchers.map((matcher) => matcher.hint).filter((hint) => hint.length >= 4))];
    hintScanner = { scanner: new LiteralScanner(hints.map((hint) => ({ text: hint, caseSensitive: false }))), hints };
  }
  const { scanner, hints } = hintScanner;
  const found = new Set([...scanner.scanText(text)].map((id) => hints[id]));
  return hostMatchers.filter((matcher) => matcher.hint.length < 4 || found.has(matcher.hint));
}

function hostPattern(spec: string): RegExp {
  const slash = spec.indexOf('/');
  const hostPort = slash < 0 ? spec : spec.slice(0, slash);
  const path = slash < 0 ? '' : spec.slice(slash);
  const [host, port] = hostPort.split(':');
  const hostSource = host
    .split('*')
    .map((part) => escapeRegExp(part))
    .join('[a-z0-9-]+');
  const portSource = port ? `:${port}` : '(?::\\d{1,5})?';
  // Scheme and user-info are optional; the host must not continue as a longer name.
  return new RegExp(
    `(?<![\\w.-])(?:((?:https?|wss?)://)(?:[^\\s/@"'\`]*@)?)?(${hostSource})(${portSource})${escapeRegExp(path)}(?![\\w-]|\\.[\\w-])`,
    'gi',
  );
}

export interface EndpointHit {
  service: string;
  /** Scheme, host and port only: paths and queries can hold tokens. */
  endpoint: string;
  index: number;
}

/** Known AI service endpoints in a text (a string literal, a config file). */
export function findEndpoints(text: string): EndpointHit[] {
  const hits: EndpointHit[] = [];
  for (const matcher of candidateMatchers(text)) {
    matcher.pattern.lastIndex = 0;
    for (let match = matcher.pattern.exec(text); match; match = matcher.pattern.exec(text)) {
      if (isDocumentLink(text, match.index)) continue;
      const scheme = match[1] ? match[1].slice(0, -3).toLowerCase() : matcher.local ? 'http' : 'https';
      hits.push({ service: matcher.service, endpoint: `${scheme}://${match[2].toLowerCase()}${match[3]}`, index: match.index });
    }
  }
  return hits.sort((a, b) => a.index - b.index || a.service.localeCompare(b.service));
}

/**
 * A link of Markdown prose (`[Pinecone](https://www.pinecone.io)`, `<https://…>`), also inside a JSON or
 * YAML string (a help-center article kept as data): it points a reader at a site, no client at an API.
 */
function isDocumentLink(text: string, index: number): boolean {
  return text.startsWith('](', index - 2) || text.startsWith('<', index - 1);
}

export interface MarkerHit {
  service: string;
  marker: string;
  index: number;
}

/** Code markers by service (`$vectorSearch` → mongodb-atlas): literals only that service's API takes. */
const serviceMarkers: { service: string; marker: string }[] = Object.entries(serviceEntries).flatMap(([service, entry]) =>
  (entry.codeMarkers ?? []).map((marker) => ({ service, marker })),
);

/** Operations only one service has (`endpoints.json` `callSignatures`), with that service. */
export const SERVICE_CALL_SIGNATURES: readonly (CallSignature & { service: string })[] = Object.entries(serviceEntries).flatMap(
  ([service, entry]) => (entry.callSignatures ?? []).map((signature) => ({ ...signature, service })),
);

/** Where a text writes a service's code marker (plain search: markers are exact literals). */
export function findServiceMarkers(text: string): MarkerHit[] {
  const hits: MarkerHit[] = [];
  for (const { service, marker } of serviceMarkers) {
    for (let index = text.indexOf(marker); index >= 0; index = text.indexOf(marker, index + marker.length)) {
      hits.push({ service, marker, index });
    }
  }
  return hits.sort((a, b) => a.index - b.index);
}

/** Host fragments (and service code markers and call keywords) cheap enough to test before a file is parsed. */
let hostHints: string[] | undefined;

/** The catalog never changes: its hints are built once (every configuration file asks for them). */
export function endpointHints(): string[] {
  hostHints ??= buildEndpointHints();
  return hostHints;
}

function buildEndpointHints(): string[] {
  const hints = new Set<string>([
    ...serviceMarkers.map((entry) => entry.marker),
    ...SERVICE_CALL_SIGNATURES.flatMap((signature) => (signature.keyword !== undefined ? [signature.keyword] : signature.methods)),
  ]);
  for (const entry of Object.values(serviceEntries)) {
    for (const host of entry.hosts) {
      const [hostPort] = host.split('/');
      // The longest literal piece of the pattern is the most selective hint.
      const pieces = hostPort.split('*').sort((a, b) => b.length - a.length);
      hints.add(pieces[0].replace(/^[.-]+|[.-]+$/g, ''));
    }
  }
  return [...hints].filter((hint) => hint.length >= 5);
}

/** The origin (`scheme://host[:port]`) of an http(s) URL literal, or undefined. Never includes credentials. */
export function urlOrigin(text: string): string | undefined {
  if (!/^(?:https?|wss?):\/\/[^\s]+$/i.test(text)) return undefined;
  try {
    const url = new URL(text);
    return url.hostname ? `${url.protocol}//${url.host}`.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}

const clients = endpointsData.clients as ClientEntry[];
const clientsByPackage = new Map<string, ClientEntry[]>();
for (const client of clients) {
  const list = clientsByPackage.get(client.package) ?? [];
  list.push(client);
  clientsByPackage.set(client.package, list);
}

/** Every entry point a symbol of a package names (`boto3.client` reaches Bedrock or AgentCore by its first argument). */
export function clientsFor(packageKey: string, symbol: string): ClientEntry[] {
  return clientsByPackage.get(packageKey)?.filter((client) => client.symbols.includes(symbol)) ?? [];
}

/** The client symbols of one package (`pypi:openai` → `OpenAI`, `AsyncOpenAI`, …). */
export function clientSymbolsOf(packageKey: string): string[] {
  return clientsByPackage.get(packageKey)?.flatMap((client) => client.symbols) ?? [];
}

/** Client entry points by symbol alone, for languages whose imports name namespaces, not types. */
export function clientsForSymbol(symbol: string): ClientEntry[] {
  return clients.filter((client) => client.symbols.includes(symbol));
}

/** Container image (without tag or digest) → service id. */
export function serviceForImage(image: string): string | undefined {
  const bare = image.replace(/@sha256:[0-9a-f]+$/i, '').replace(/:[\w.-]+$/, '');
  const normalized = bare.replace(/^docker\.io\//, '').replace(/^library\//, '');
  const known = (endpointsData.images as Record<string, string>)[normalized];
  if (known) return known;
  const name = normalized.slice(normalized.lastIndexOf('/') + 1).toLowerCase();
  return imagePatterns.find((entry) => entry.pattern.test(name))?.service;
}

const imagePatterns = endpointsData.imagePatterns.map((entry) => ({ pattern: new RegExp(entry.pattern), service: entry.service }));

// ---------------------------------------------------------------------------------------------
// Models

const modelPatterns = modelsData.patterns.map((entry) => ({ provider: entry.provider, pattern: new RegExp(entry.pattern) }));
const taskPatterns = modelsData.tasks.map((entry) => ({ task: entry.task, pattern: new RegExp(entry.pattern, 'i') }));
const modelArguments = new Set(modelsData.modelArguments.map(argumentKey));
const modelMethods = new Set(modelsData.modelMethods);
const envNames = new RegExp(modelsData.env.names);

/** Argument names compare without case and underscores (`deployment_name` = `deploymentName`). */
export function argumentKey(name: string): string {
  return name.replace(/_/g, '').toLowerCase();
}

export function isModelArgument(name: string): boolean {
  return modelArguments.has(argumentKey(name));
}

export function isModelMethod(name: string): boolean {
  return modelMethods.has(name);
}

const sdkSurfaces = modelsData.sdkSurfaces.suffixes;
const catalogProviders = modelsData.catalogs.providers as Record<string, string>;
const catalogProviderKeys = new Set(modelsData.catalogs.providerKeys);
const catalogIdKeys = new Set(modelsData.catalogs.idKeys);

/** The model provider a model catalog's entry names (`"Groq"`, `"togetherai"`, `"Google Generative AI"`), or undefined. */
export function catalogProvider(value: string): string | undefined {
  return catalogProviders[value.toLowerCase().replace(/[^a-z0-9]/g, '')];
}

/** A key of a catalog entry that names its provider (`provider`, `providerId`). */
export function isCatalogProviderKey(key: string): boolean {
  return catalogProviderKeys.has(key.toLowerCase());
}

/** A key of a catalog entry whose value is the model id sent to the provider (`modelId`, `hostedId`, `model`). */
export function isCatalogIdKey(key: string): boolean {
  return catalogIdKeys.has(key.toLowerCase());
}

/** A provider SDK's resource method that takes a model, by the callee as written (`openai.beta.assistants.create`). */
export function isSdkModelSurface(callee: string): boolean {
  const text = callee.replace(/\s+/g, '').replace(/\?\./g, '.');
  return sdkSurfaces.some((suffix) => text.endsWith(`.${suffix}`));
}

/** The provider a model id's shape implies (`claude-…` → anthropic), or undefined. */
export function providerForModelId(id: string): string | undefined {
  return modelPatterns.find((entry) => entry.pattern.test(id))?.provider;
}

/**
 * A model id without the resource name an API writes around it: Gemini's `models/gemini-1.5-flash`,
 * Vertex AI's `publishers/google/models/text-embedding-004` (also under `projects/…/locations/…/`).
 */
export function withoutResourcePrefix(id: string): string {
  return id.replace(RESOURCE_PREFIX, '');
}

const RESOURCE_PREFIX = /^(?:(?:projects\/[\w.-]+\/locations\/[\w.-]+\/)?publishers\/[\w.-]+\/)?models\//;

/** A gateway route such as `anthropic/claude-3-5-sonnet` split into provider and model id. */
export function splitRoute(id: string): { provider: string; id: string } | undefined {
  for (const [prefix, provider] of Object.entries(modelsData.routes as Record<string, string>)) {
    if (id.startsWith(prefix) && id.length > prefix.length) return { provider, id: id.slice(prefix.length) };
  }
  return undefined;
}

export function isRoutingContext(packageKey: string | undefined, service: string | undefined): boolean {
  return (
    (packageKey !== undefined && modelsData.routingPackages.includes(packageKey)) ||
    (service !== undefined && modelsData.routingServices.includes(service))
  );
}

/** A call of LiteLLM or of a LiteLLM wrapper class (`LiteLLMModel`, `ChatLiteLLM`): its `provider/model` routes call the provider directly. */
export function isDirectRouteCaller(packageKey: string | undefined, symbols: readonly (string | undefined)[]): boolean {
  if (packageKey === undefined || packageKey === '$comment') return false;
  const callers = (modelsData.directRouteCallers as Record<string, string | string[]>)[packageKey];
  if (!Array.isArray(callers)) return false;
  return callers.length === 0 || symbols.some((symbol) => symbol !== undefined && callers.includes(symbol));
}

/** The service a `provider:model` id calls directly (`groq:llama-3.3-70b-versatile` → groq), by the id's provider. */
export function serviceForModelPrefix(provider: string): string | undefined {
  const services = modelsData.prefixServices as Record<string, string>;
  return provider === '$comment' ? undefined : services[provider];
}

/** The service every model of a provider runs on (`@cf/…` → Workers AI), when only that service runs them. */
export function ownServiceOfProvider(provider: string): string | undefined {
  const services = modelsData.ownServices as Record<string, string>;
  return provider === '$comment' ? undefined : services[provider];
}

export function taskForModelId(id: string): string | undefined {
  return taskPatterns.find((entry) => entry.pattern.test(id))?.task;
}

export function providerDisplayName(id: string): string {
  return (modelsData.providers as Record<string, string>)[id] ?? id;
}

/** True for an environment variable name that conventionally holds a model id or deployment name. */
export function isModelEnvName(name: string): boolean {
  return envNames.test(name);
}

/** The provider an environment variable's prefix implies (`AZURE_OPENAI_DEPLOYMENT` → azure-openai). */
export function providerForEnvName(name: string): string | undefined {
  const prefixes = Object.entries(modelsData.env.prefixes as Record<string, string>).sort((a, b) => b[0].length - a[0].length);
  return prefixes.find(([prefix]) => name.startsWith(prefix))?.[1];
}

/** Sizes per ecosystem, for docs and tests. */
export function catalogSize(): Record<Ecosystem, number> {
  return Object.fromEntries(ECOSYSTEMS.map((ecosystem) => [ecosystem, Object.keys(packages[ecosystem]).length])) as Record<
    Ecosystem,
    number
  >;
}
