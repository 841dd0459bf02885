import { type CodeFacts, packageForModule, packageKey } from '../facts';
import { insideString } from '../facts/common';
import { descendantsOf } from '../parse/nodeIndex';
import type { Node } from '../parse/treeSitter';
import { environmentSettings } from '../rules/environmentSettings';
import { isConventionalTestPath } from '../testCode';
import { isLoopbackHost, isUnspecifiedHost, urlHost } from '../text/loopbackHost';
import { clientsFor, findEndpoints, type PackageInfo, SERVICE_CALL_SIGNATURES, serviceForImage, serviceInfo, urlOrigin } from './catalog';
import { registeredClients } from './clientRegistries';
import type { CodeSite } from './codeImports';
import { customEndpointService, property, sdkComponent, serviceComponent } from './components';
import { Lines } from './manifestText';
import { COMPATIBLE, SERVER_SETTING } from './settingServices';
import type { PartialComponent } from './types';

/**
 * AI services a workspace reaches: from SDK clients (the code facts resolve each client class and
 * the endpoint passed to it), from endpoint literals in code and configuration, and from model-serving container images.
 * Endpoints keep scheme, host and port only; user-info, paths and queries never enter the BOM.
 */

export function collectCodeServices(site: CodeSite, facts: CodeFacts): PartialComponent[] {
  const { path } = site;
  const components: PartialComponent[] = [];
  // A test points its client at a server of its own (`Client('http://localhost:1234')` to provoke a
  // connection error): that host is a placeholder of the test, not a service of the project.
  const testCode = isConventionalTestPath(path);
  for (const use of facts.clients.values()) {
    const occurrence = { path, line: site.line(use.call.row), evidence: 'call' as const, symbol: use.call.callee };
    if (use.custom && testCode) {
      components.push(sdkComponent(use.pkg, occurrence));
      continue;
    }
    const service = use.custom
      ? customEndpointService(use.endpoint as string, serviceInfo(use.client.service)?.provider, occurrence)
      : serviceComponent(use.serviceId, occurrence, use.endpoint);
    components.push(...serviceThroughSdk(service, use.pkg, occurrence));
    if (use.switchedTo) components.push(...serviceThroughSdk(serviceComponent(use.switchedTo, occurrence), use.pkg, occurrence));
  }
  for (const entry of registeredClients(facts)) {
    const occurrence = { path, line: site.line(entry.row), evidence: 'call' as const, symbol: entry.symbol };
    components.push(...serviceThroughSdk(serviceComponent(entry.client.service, occurrence), entry.pkg, occurrence));
  }
  if (!testCode) components.push(...runtimeHubDownloads(site, facts));
  components.push(...signatureServices(site, facts), ...markedPackages(site, facts), ...subclassedClients(site, facts));
  // Endpoint literals: raw HTTP use of an AI API counts even without an SDK.
  const sole = facts.packages.soleProviderPackage();
  for (const hit of facts.endpoints) {
    const line = site.line(hit.row);
    const occurrence = { path, line, evidence: 'endpoint' as const, symbol: hit.endpoint };
    const service = serviceComponent(hit.service, occurrence, hit.endpoint);
    if (!service) continue;
    components.push(service);
    if (sole) {
      const sdk = sdkComponent(sole, { path, line, evidence: 'call', symbol: hit.endpoint });
      sdk.dependsOn.push(service.ref);
      components.push(sdk);
    }
  }
  // `"$vectorSearch"`: a query only MongoDB Atlas Vector Search runs.
  for (const hit of facts.serviceMarkers) {
    const service = serviceComponent(hit.service, { path, line: site.line(hit.row), evidence: 'constant', symbol: hit.marker });
    if (service) components.push(service);
  }
  return components;
}

/**
 * `snapshot_download(model_id)` over a list read from a setting, fastembed's `TextEmbedding(name)`:
 * calls that fetch from the Hugging Face Hub whatever they are given. A literal id is the model
 * collector's (it tells a Hub id from a local folder); here only ids read at run time, and never
 * with `local_files_only=True`.
 */
function runtimeHubDownloads(site: CodeSite, facts: CodeFacts): PartialComponent[] {
  const components: PartialComponent[] = [];
  for (const load of facts.hubLoads) {
    if (!load.loader.alwaysDownloads || load.loader.hub !== 'huggingface' || load.idArg?.value !== undefined) continue;
    if (load.call.args.some((arg) => arg.name === 'local_files_only' && arg.value !== 'False')) continue;
    const occurrence = { path: site.path, line: site.line(load.call.row), evidence: 'call' as const, symbol: load.call.callee };
    const service = serviceComponent('huggingface-hub', occurrence);
    if (service) components.push(service);
  }
  return components;
}

/**
 * `client.retrieve(knowledgeBaseId=…)`, `client.invoke_agent(agentId=…, agentAliasId=…)`: operations
 * only one service has, on whatever client a helper returned (the client is often made in another
 * module). The keyword must be written; the method alone (`retrieve`) is too common. A method that
 * names its service (`recognizer.recognize_google(audio)`) counts in a file importing its library.
 */
function signatureServices(site: CodeSite, facts: CodeFacts): PartialComponent[] {
  const components: PartialComponent[] = [];
  for (const signature of SERVICE_CALL_SIGNATURES) {
    if (!signatureMayMatch(signature, facts)) continue;
    for (const call of facts.calls) {
      if (!signature.methods.includes(call.method)) continue;
      if (signature.keyword !== undefined && !call.args.some((arg) => arg.name === signature.keyword)) continue;
      const service = serviceComponent(signature.service, {
        path: site.path,
        line: site.line(call.row),
        evidence: 'call',
        symbol: call.callee,
      });
      if (service) components.push(service);
    }
  }
  return components;
}

/** The keyword is written, or a method is and the file imports the library that owns it. */
function signatureMayMatch(signature: (typeof SERVICE_CALL_SIGNATURES)[number], facts: CodeFacts): boolean {
  if (signature.keyword !== undefined) return facts.text.includes(signature.keyword);
  const { imports = [] } = signature;
  return (
    signature.methods.some((method) => facts.text.includes(method)) &&
    facts.imports.some((entry) => imports.some((module) => entry.module === module || entry.module.startsWith(`${module}.`)))
  );
}

/**
 * A workspace class built on an SDK client (`class OllamaClient(dspy.OllamaLocal)`, `class
 * Client extends OpenAI`): whoever creates it reaches the client's service, often from another module,
 * so the definition names the service. The base class must resolve through an import to a client
 * entry point of its package. A subclass that sets its own address (`class ChatLMStudio(ChatOpenAI)`
 * with `base_url: str = "http://localhost:1234/v1"`) reaches another server over the same API, so
 * only a client of a self-hosted server (Ollama, wherever it runs) keeps its service then.
 */
function subclassedClients(site: CodeSite, facts: CodeFacts): PartialComponent[] {
  // A subclass names a client symbol of an imported package: without one in the text there is none to walk for.
  if (!facts.mayCreateClients()) return [];
  const components: PartialComponent[] = [];
  for (const { definition, module, symbol } of baseClasses(facts)) {
    const pkg = packageForModule(facts.language, module);
    const client = pkg ? clientsFor(packageKey(pkg), symbol)[0] : undefined;
    if (!client || !pkg) continue;
    if (ENDPOINT_WORDS.test(definition.text) && serviceInfo(client.service)?.trustZone !== 'local') continue;
    const occurrence = { path: site.path, line: site.line(definition.startPosition.row), evidence: 'call' as const, symbol };
    components.push(...serviceThroughSdk(serviceComponent(client.service, occurrence), pkg, occurrence));
  }
  return components;
}

/** Imported base classes: Python `class A(pkg.Base)`, JavaScript `class A extends Base` (`import Base from 'pkg'`). */
function baseClasses(facts: CodeFacts): { definition: Node; module: string; symbol: string }[] {
  const found: { definition: Node; module: string; symbol: string }[] = [];
  if (facts.language === 'python' && facts.text.includes('class ')) {
    for (const definition of descendantsOf(facts.tree.rootNode, 'class_definition', 'python')) {
      for (const base of definition?.childForFieldName('superclasses')?.namedChildren ?? []) {
        const qualified = base ? facts.python.qualifiedName(base) : undefined;
        if (!definition || !qualified?.imported) continue;
        found.push({ definition, module: qualified.name, symbol: qualified.name.slice(qualified.name.lastIndexOf('.') + 1) });
      }
    }
  }
  if (facts.language === 'javascript' && facts.text.includes(' extends ')) {
    for (const heritage of facts.tree.rootNode.descendantsOfType('class_heritage')) {
      const base = heritage?.descendantsOfType('extends_clause')[0]?.childForFieldName('value');
      const origin = base ? facts.javascript.originOf(base) : undefined;
      const definition = heritage?.parent;
      if (!base || !origin || !definition) continue;
      const symbol =
        base.type === 'member_expression'
          ? (base.childForFieldName('property')?.text ?? '')
          : origin.name === 'default' || origin.name === '*'
            ? base.text
            : origin.name;
      found.push({ definition, module: origin.module, symbol });
    }
  }
  return found;
}

const ENDPOINT_WORDS = /\b(?:base_url|baseURL|baseUrl|api_base|apiBase|base_path|basePath|endpoint|azure_endpoint|azureEndpoint)\b/;

/**
 * A general-purpose client a file uses for AI (`opensearchpy` creating a `"knn_vector"` mapping: a
 * vector store): the AI use that a conditional package waits for.
 */
function markedPackages(site: CodeSite, facts: CodeFacts): PartialComponent[] {
  const components: PartialComponent[] = [];
  for (const info of facts.packages.packages) {
    for (const marker of info.aiMarkers ?? []) {
      for (let index = facts.text.indexOf(marker); index >= 0; index = facts.text.indexOf(marker, index + marker.length)) {
        if (!insideString(facts.tree, index)) continue;
        const row = facts.tree.rootNode.descendantForIndex(index)?.startPosition.row ?? 0;
        components.push(sdkComponent(info, { path: site.path, line: site.line(row), evidence: 'call', symbol: marker }));
        break;
      }
    }
  }
  return components;
}

/** A service and the SDK that reaches it (the SDK depends on the service). */
function serviceThroughSdk(
  service: PartialComponent | undefined,
  pkg: PackageInfo,
  occurrence: Parameters<typeof sdkComponent>[1],
): PartialComponent[] {
  if (!service) return [];
  const sdk = sdkComponent(pkg, occurrence);
  sdk.dependsOn.push(service.ref);
  return [service, sdk];
}

/** Endpoint literals in configuration files (`.env`, YAML, JSON, TOML, properties). */
export function collectConfigEndpoints(path: string, text: string, lineAt: (offset: number) => number): PartialComponent[] {
  const components: PartialComponent[] = [];
  for (const hit of findEndpoints(text)) {
    const service = serviceComponent(
      hit.service,
      { path, line: lineAt(hit.index), evidence: 'endpoint', symbol: hit.endpoint },
      hit.endpoint,
    );
    if (service) components.push(service);
  }
  return components;
}

/**
 * A local OpenAI-compatible server an app is pointed at by a `.env` setting
 * (`LOCAL_OPENAI_ENDPOINT="http://localhost:8080/v1"` for llamafile or Ollama, `OPENAI_BASE_URL=http://127.0.0.1:8000/v1`,
 * `VLLM_API_BASE=…`): listed by its host, as the self-hosted endpoints of code are. The name must say
 * which server or API and endpoint (the settings code reads, `settingServices.ts`), never Azure's, and
 * the value must be a loopback URL; a port a known server owns (Ollama's 11434) is the endpoint collector's.
 */
export function collectEnvLocalEndpoints(path: string, text: string): PartialComponent[] {
  // A test environment points the app at a mock server (`.env.test`: `OPENAI_BASE_URL=http://localhost:4010`).
  if (isConventionalTestPath(path) || TEST_ENV_FILE.test(path)) return [];
  const lines = new Lines(text);
  const components: PartialComponent[] = [];
  for (const { name, value, start } of environmentSettings('dotenv', text, undefined)) {
    const server = /^azure_/i.test(name) ? null : SERVER_SETTING.exec(name.toLowerCase());
    const origin = server && value ? urlOrigin(value) : undefined;
    const host = origin ? urlHost(origin) : undefined;
    if (!server || !value || !origin || !host || findEndpoints(value).length > 0) continue;
    if (!isLoopbackHost(host) && !isUnspecifiedHost(host) && host !== 'host.docker.internal') continue;
    components.push(
      customEndpointService(origin, COMPATIBLE[server[1]], { path, line: lines.at(start), evidence: 'config', symbol: name }),
    );
  }
  return components;
}

const TEST_ENV_FILE = /(?:^|\/)\.env\.(?:test|testing|ci)$/i;

/** Model-serving images in Compose files and Dockerfiles (`image: ollama/ollama`, `FROM vllm/vllm-openai`). */
export function collectImageServices(path: string, text: string, lineAt: (offset: number) => number): PartialComponent[] {
  const components: PartialComponent[] = [];
  const imageArguments = dockerImageArguments(text);
  const pattern =
    /^(?:\s*-?\s*image\s*:\s*["']?|\s*FROM\s+(?:--platform=\S+\s+)?)([\w./-]+(?::[\w.-]+)?(?:@sha256:[0-9a-f]+)?|\$\{?[A-Za-z_]\w*\}?)/gim;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const image = match[1].startsWith('$') ? imageArguments.get(match[1].replace(/[${}]/g, '')) : match[1];
    const serviceId = image ? serviceForImage(image) : undefined;
    const service = serviceId
      ? serviceComponent(serviceId, {
          path,
          line: lineAt(match.index + match[0].length - match[1].length),
          evidence: 'config',
          symbol: match[1],
        })
      : undefined;
    if (!service) continue;
    service.properties.push(property('service:image', image as string));
    components.push(service);
  }
  return components;
}

/** A Dockerfile's `ARG BASE_IMAGE=pytorch/torchserve:0.12.0-cpu` defaults, which `FROM \${BASE_IMAGE}` builds on. */
function dockerImageArguments(text: string): Map<string, string> {
  const defaults = new Map<string, string>();
  if (!text.includes('ARG')) return defaults;
  for (const match of text.matchAll(/^[ \t]*ARG[ \t]+([A-Za-z_]\w*)=["']?([\w./-]+(?::[\w.-]+)?)["']?[ \t]*$/gm)) {
    defaults.set(match[1], match[2]);
  }
  return defaults;
}
