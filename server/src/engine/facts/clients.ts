import {
  type ClientEntry,
  clientsFor,
  clientsForSymbol,
  findEndpoints,
  goModuleForImport,
  mavenPackageForImport,
  npmPackageForSpecifier,
  nugetPackageForNamespace,
  type PackageInfo,
  pythonPackageForModule,
  serviceInfo,
  urlOrigin,
} from '../inventory/catalog';
import { keyNameFor } from '../inventory/keyNames';
import type { CodeCall, CodeImport, CodeLanguage } from './types';

/**
 * Calls resolved to AI packages and to the SDK clients of the catalogue (`data/endpoints.json`
 * clients), with the service each client reaches. Built once per file by `CodeFacts`; the calls
 * keep their syntax nodes, so a rule can report on a client's argument.
 */

export function packageForModule(language: CodeLanguage, module: string): PackageInfo | undefined {
  switch (language) {
    case 'python':
      return pythonPackageForModule(module);
    case 'javascript':
      return npmPackageForSpecifier(module);
    case 'csharp':
      return nugetPackageForNamespace(module.replace(/^static\s+/, ''));
    case 'java':
      return mavenPackageForImport(module.replace(/^static\s+/, ''));
    case 'go':
      return goModuleForImport(module);
  }
}

/** `ecosystem:name` as the catalogues spell package keys (Go without its `/vN`). */
export function packageKey(info: PackageInfo): string {
  return `${info.ecosystem}:${info.ecosystem === 'golang' ? info.name.replace(/\/v\d+$/, '') : info.name}`;
}

/** The call and the calls its receiver came from, nearest first. */
export function receiverChain(call: CodeCall): CodeCall[] {
  const result: CodeCall[] = [];
  for (let current: CodeCall | undefined = call; current && result.length < 32; current = current.receiver) {
    if (result.includes(current)) break;
    result.push(current);
  }
  return result;
}

/** Which AI package each call of one file belongs to. */
export class PackageResolver {
  readonly packages: PackageInfo[];
  private readonly byKey = new Map<string, PackageInfo>();
  private readonly cache = new Map<CodeCall, PackageInfo | undefined>();

  constructor(
    private readonly language: CodeLanguage,
    imports: CodeImport[],
  ) {
    for (const entry of imports) {
      const info = packageForModule(language, entry.module);
      if (info && !this.byKey.has(packageKey(info))) this.byKey.set(packageKey(info), info);
    }
    this.packages = [...this.byKey.values()];
  }

  /**
   * The AI package a call belongs to: through an import on the call or its receivers; else a known
   * client type or function of an imported package (C# and Java import namespaces, not types);
   * else the file's only AI package.
   */
  packageOf(call: CodeCall): PackageInfo | undefined {
    if (this.cache.has(call)) return this.cache.get(call);
    const chain = receiverChain(call);
    let found: PackageInfo | undefined;
    for (const link of chain) {
      found = link.origin ? packageForModule(this.language, link.origin) : undefined;
      if (found) break;
    }
    if (!found) {
      for (const link of chain) {
        found = this.packageForSymbol(link.typeName) ?? this.packageForSymbol(link.method);
        if (found) break;
      }
    }
    if (!found && this.packages.length === 1 && this.language !== 'python' && this.language !== 'javascript') {
      found = this.packages[0];
    }
    this.cache.set(call, found);
    return found;
  }

  private packageForSymbol(symbol: string | undefined): PackageInfo | undefined {
    if (!symbol) return undefined;
    for (const client of clientsForSymbol(symbol)) {
      const info = this.byKey.get(client.package);
      if (info) return info;
    }
    return undefined;
  }

  /** The only AI provider package of the file, when there is exactly one. */
  soleProviderPackage(): PackageInfo | undefined {
    const providers = this.packages.filter((info) => info.category === 'llm-sdk' || info.category === 'orchestration');
    return providers.length === 1 ? providers[0] : undefined;
  }
}

/** A call that creates (or is) an SDK client, and the service it reaches. */
export interface ClientUse {
  call: CodeCall;
  client: ClientEntry;
  pkg: PackageInfo;
  /** Service ref target: a catalog id or `endpoint/<host>` for an unknown endpoint. */
  serviceId: string;
  provider?: string;
  endpoint?: string;
  custom: boolean;
  /** Another service an option set from configuration may send the client to (`vertexai: config.vertexai`). */
  switchedTo?: string;
}

const ENDPOINT_SETTER = /url|endpoint|host|base/i;

/** Finds SDK client entry points and the service each one reaches. */
export function resolveClients(calls: CodeCall[], resolver: PackageResolver): Map<CodeCall, ClientUse> {
  const uses = new Map<CodeCall, ClientUse>();
  for (const call of calls) {
    const pkg = resolver.packageOf(call);
    if (!pkg) continue;
    const key = packageKey(pkg);
    const client = clientOf(key, call);
    if (!client || runsEmbedded(client, call)) continue;
    const use: ClientUse = { call, client, pkg, serviceId: client.service, provider: serviceInfo(client.service)?.provider, custom: false };
    applySwitch(use);
    uses.set(call, use);
  }
  // URLs passed to a client, or to an endpoint setter chained on it (`.baseUrl(…)`), say where it
  // really goes. URLs in other calls on a client are data (a prompt, a header), not its endpoint.
  for (const call of calls) {
    // URLs last: finding them walks the call's arguments, and most calls are neither a client nor an endpoint setter.
    if (!(uses.has(call) || ENDPOINT_SETTER.test(call.method)) || call.urls.length === 0) continue;
    const use = receiverChain(call)
      .map((link) => uses.get(link))
      .find((found) => found !== undefined);
    if (use && !use.endpoint) applyEndpoint(use, call.urls);
  }
  for (const use of uses.values()) if (!use.endpoint) applyEndpointSetting(use);
  return uses;
}

/**
 * A switch option of the client (`GoogleGenAI({ vertexai: true })`): written true, the client reaches
 * the other service; set from configuration (`vertexai: config.vertexai ?? authType === USE_VERTEX_AI`,
 * `vertexai=os.getenv("GOOGLE_GENAI_USE_VERTEXAI") == "true"`), it may reach either, so both count.
 * Written false, or absent, the default stands.
 */
function applySwitch(use: ClientUse): void {
  for (const [option, service] of Object.entries(use.client.switches ?? {})) {
    const arg = use.call.args.find((candidate) => candidate.name === option);
    const written = arg?.node.text.trim();
    if (!arg || written === undefined || FALSE_LITERALS.has(written) || !serviceInfo(service)) continue;
    if (TRUE_LITERALS.has(written)) {
      use.serviceId = service;
      use.provider = serviceInfo(service)?.provider;
    } else use.switchedTo = service;
  }
}

const TRUE_LITERALS = new Set(['true', 'True']);
const FALSE_LITERALS = new Set(['false', 'False', 'None', 'null', 'undefined']);

/**
 * An OpenAI-compatible client given its endpoint from a setting that names another service
 * (`OpenAI(base_url=os.environ["AZURE_OPENAI_ENDPOINT"])`, `new ChatOpenAI({ configuration: {
 * baseURL: process.env.AZURE_OPENAI_ENDPOINT } })`, `settings.azure_openai_endpoint`) reaches that
 * service, not the SDK's default. The setting is known by name (`endpoints.json` `keyNames`), and only
 * a name for an address counts: a key says nothing of where the client goes.
 */
function applyEndpointSetting(use: ClientUse): void {
  for (const arg of use.call.args) {
    if (!arg.name || !(ENDPOINT_SETTER.test(arg.name) || ENDPOINT_OPTIONS.has(arg.name))) continue;
    if (applyTemplateEndpoint(use, arg.node.text)) return;
    for (const word of arg.node.text.match(SETTING_NAME) ?? []) {
      const name = word.toUpperCase();
      const service = ENDPOINT_NAME.test(name) ? endpointSettingService(name) : undefined;
      if (!service || service === use.serviceId || !serviceInfo(service)) continue;
      use.serviceId = service;
      use.provider = serviceInfo(service)?.provider;
      return;
    }
  }
}

/**
 * An address built around a setting (`f"https://{os.getenv('AZURE_OPENAI_SERVICE')}.openai.azure.com/openai/v1"`,
 * `` `https://${resource}.openai.azure.com` ``): the host the template fixes names the service. Only a
 * known service's host counts; a template of an unknown host says nothing certain.
 */
function applyTemplateEndpoint(use: ClientUse, text: string): boolean {
  if (!text.includes('{') || !URL_IN_TEXT.test(text)) return false;
  const known = findEndpoints(text.replace(TEMPLATE_PART, 'x'))[0];
  if (!known || !serviceInfo(known.service)) return false;
  use.serviceId = known.service;
  use.provider = serviceInfo(known.service)?.provider;
  use.endpoint = known.endpoint;
  return true;
}

const URL_IN_TEXT = /https?:\/\//i;
/** The interpolations of a Python f-string or a JavaScript template. */
const TEMPLATE_PART = /\$?\{[^{}]*\}/g;

/** The service an endpoint setting names: a service's own variable, or a local server's (`VLLM_OPENAI_API_BASE`). */
function endpointSettingService(name: string): string | undefined {
  const key = keyNameFor(name);
  if (key && !key.weak) return key.service;
  return Object.entries(LOCAL_SERVERS).find(([prefix]) => name.startsWith(`${prefix}_`))?.[1];
}

/** Local model servers by the prefix of their address settings (`OLLAMA_BASE_URL`, `DOCKER_MODEL_ENDPOINT`). */
const LOCAL_SERVERS: Record<string, string> = {
  VLLM: 'vllm',
  SGLANG: 'sglang',
  OLLAMA: 'ollama',
  LMSTUDIO: 'lmstudio',
  LM_STUDIO: 'lmstudio',
  DOCKER_MODEL: 'docker-model-runner',
  FOUNDRY_LOCAL: 'foundry-local',
};

/** Option objects that hold a client's endpoint (`configuration: { baseURL }` in LangChain.js). */
const ENDPOINT_OPTIONS = new Set(['configuration', 'clientOptions', 'client_options', 'options']);
const SETTING_NAME = /\b[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+\b/g;
const ENDPOINT_NAME = /(?:ENDPOINT|URL|API_BASE|BASE|HOST)$/;

/** The entry point a call names whose first-argument condition it meets (the method, else the type). */
function clientOf(key: string, call: CodeCall): ClientEntry | undefined {
  const candidates = [...clientsFor(key, call.method), ...(call.typeName ? clientsFor(key, call.typeName) : [])];
  return candidates.find((client) => !client.firstArg || client.firstArg.includes(firstArgOf(client, call) ?? ''));
}

/** The first argument, written by position or by its keyword. */
function firstArgOf(client: ClientEntry, call: CodeCall): string | undefined {
  const named = client.firstArgName ? call.args.find((arg) => arg.name === client.firstArgName) : undefined;
  return (named ?? call.args.find((arg) => !arg.name))?.value;
}

/** `QdrantClient(":memory:")`, `QdrantClient(path="./db")`: the store runs in process, so no service is reached. */
function runsEmbedded(client: ClientEntry, call: CodeCall): boolean {
  const embedded = client.embedded;
  if (!embedded) return false;
  const first = call.args.find((arg) => !arg.name)?.value;
  if (first !== undefined && embedded.firstArg?.includes(first)) return true;
  // `AsyncQdrantClient(location=settings.url, path=settings.local_path)`: a server address beside the
  // local path, so a deployment may reach the server.
  if (call.args.some((arg) => arg.name !== undefined && names(embedded.serverArgs, arg.name) && !isEmbeddedValue(embedded, arg))) {
    return false;
  }
  return call.args.some(
    (arg) =>
      arg.name !== undefined &&
      (embedded.args?.includes(arg.name) === true ||
        (arg.value !== undefined && embedded.argValues?.[arg.name]?.includes(arg.value) === true)),
  );
}

function names(list: string[] | undefined, name: string): boolean {
  return list?.includes(name) === true;
}

function isEmbeddedValue(embedded: NonNullable<ClientEntry['embedded']>, arg: CodeCall['args'][number]): boolean {
  return arg.value !== undefined && arg.name !== undefined && names(embedded.argValues?.[arg.name], arg.value);
}

function applyEndpoint(use: ClientUse, urls: string[]): void {
  for (const url of urls) {
    const known = findEndpoints(url)[0];
    if (known) {
      use.serviceId = known.service;
      use.provider = serviceInfo(known.service)?.provider;
      use.endpoint = known.endpoint;
      use.custom = false;
      return;
    }
  }
  const origin = urls.map(urlOrigin).find((value) => value !== undefined);
  if (origin) {
    use.serviceId = `endpoint/${origin.replace(/^[a-z]+:\/\//, '')}`;
    use.endpoint = origin;
    use.custom = true;
  }
}
