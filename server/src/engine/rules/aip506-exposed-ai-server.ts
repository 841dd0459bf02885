import { qualifiedCallee } from '../facts/python';
import { type ConfigNode, configDocumentFor } from '../parse/configDocument';
import { isTrue, keywordArg, type PyCall, stringValue } from '../parse/python';
import type { ShellWord } from '../parse/shellWords';
import { isUnspecifiedHost, urlHost } from '../text/loopbackHost';
import { dockerfileInvocations, shellInvocations, yamlInvocations } from './commandInvocations';
import { type EnvSetting, environmentSettings } from './environmentSettings';
import { type ExposedServer, exposedServers } from './exposedServers';
import type { Rule, RuleContext } from './rule';
import { type Invocation, programInvocations } from './trustRemoteCodeFlags';

const LOOPBACK = '127.0.0.1';

/** Servers with no authentication at all, by image, and the container port their API listens on. */
const UNAUTHENTICATED_IMAGES: readonly { names: readonly string[]; port: number; display: string }[] = [
  { names: ['ollama'], port: 11434, display: 'Ollama' },
  { names: ['ray', 'ray-ml', 'ray-llm'], port: 8265, display: 'The Ray dashboard' },
];

export const aip506: Rule = {
  meta: {
    id: 'AIP506',
    name: 'exposed-ai-server',
    title: 'AI server exposed on every network interface without authentication',
    explanation:
      "Model servers and AI dev tools are often started listening on every interface (`0.0.0.0`) with their authentication off. Ollama's API has no authentication at all (pull, push and delete models, run prompts; CVE-2024-37032 was exploited on exposed servers); the Ray dashboard's Jobs API runs code (ShadowRay); vLLM, SGLang, llama.cpp, TGI and LiteLLM without an API key hand out free inference on your GPUs or provider keys; MLflow without `basic-auth` exposes models and artifacts; Jupyter with an empty token is remote code execution. Gradio `share=True` publishes the app on a public `*.gradio.live` URL. Scanners find such servers within hours.",
    remediation:
      "Bind to `127.0.0.1` (or publish container ports as `127.0.0.1:port:port`) and reach the server through an authenticating reverse proxy or a private network; turn on the server's own authentication (`--api-key`, `VLLM_API_KEY`, `LITELLM_MASTER_KEY`, `--app-name basic-auth`, a Jupyter token, `RAY_AUTH_MODE=token`); keep `share=False` and use Gradio's `auth=`.",
    owasp: ['LLM10:2025', 'LLM02:2025', 'LLM03:2025'],
    cwe: ['CWE-306', 'CWE-1327', 'CWE-668'],
    atlas: ['AML.T0049', 'AML.T0040', 'AML.T0034'],
    defaultSeverity: 'warning',
    securitySeverity: 7.5,
    confidence: 'medium',
    fileKinds: ['python', 'notebook', 'shell', 'dockerfile', 'yaml'],
    fixable: true,
    // Unsafe: binding loopback (or share=False) makes the server unreachable for the clients that used it.
    fixApplicability: 'unsafe',
    messages: {
      exposedServer: '{server} listens on {host}, every network interface, without {auth}: {consequence}.',
      ollamaHost: '{name}={value} makes Ollama listen on every network interface, and its API has no authentication.',
      ollamaOrigins: "{name}={value} lets any web page call the Ollama API through a visitor's browser.",
      publishedPort: 'Port {port} of {image} is published on every interface of the host, and {server} has no authentication.',
      gradioShare: '{callee}() with share=True publishes this app on a public gradio.live URL for anyone who has the link.',
      rayInit: '{callee}() with dashboard_host="{host}" exposes the Ray dashboard, whose Jobs API runs code, on every network interface.',
    },
    references: [
      { title: 'Ollama FAQ: exposing Ollama on the network', url: 'https://github.com/ollama/ollama/blob/main/docs/faq.md' },
      { title: 'vLLM: OpenAI-compatible server (--api-key)', url: 'https://docs.vllm.ai/en/latest/serving/openai_compatible_server.html' },
      { title: 'Gradio: sharing your app', url: 'https://www.gradio.app/guides/sharing-your-app' },
      { title: 'Ray security', url: 'https://docs.ray.io/en/latest/ray-security/index.html' },
    ],
    since: '0.1.0',
    limits: [
      'Only an explicit bind to `0.0.0.0`/`::`/`*` counts: servers whose default is every interface (TGI, LiteLLM, vLLM without `--host`) are not reported.',
      'A missing API key is judged from the command line and the variables the same file sets; a file that loads an env file (`env_file`, `--env-file`, `envFrom`) is given the benefit of the doubt, and LiteLLM with `--config` is not reported (the master key may be there).',
      'Bare arguments of a container whose image has no known entrypoint (LiteLLM, llama.cpp) are not read.',
      'Published ports are checked for Ollama (11434) and Ray dashboard (8265) images only; Kubernetes Services and Ingresses are not read.',
      'Gradio `server_name="0.0.0.0"` alone is not reported (the catalog counts only `share=True`); in a `.py` file `launch(share=True)` needs a `gradio` import, while in a notebook cell any `.launch(share=True)` counts (the import is usually in an earlier cell).',
      'In `docker run`, an option value that looks like an image name (`--name ollama`) may be shown as the image in the message.',
    ],
    example: {
      language: 'shell',
      bad: 'vllm serve meta-llama/Llama-3.1-8B-Instruct --host 0.0.0.0',
      good: 'vllm serve meta-llama/Llama-3.1-8B-Instruct --host 127.0.0.1 --api-key "$VLLM_API_KEY"',
    },
  },
  triggers: ['0.0.0.0', 'OLLAMA_HOST', 'OLLAMA_ORIGINS', '11434', '8265', 'gradio', 'share=True', 'dashboard_host', 'dashboard-host'],
  check(context: RuleContext) {
    if (context.kind === 'python' || context.kind === 'notebook') {
      checkPython(context);
      return;
    }
    const invocations = invocationsOf(context);
    const environment = environmentSettings(context.kind, context.text, context.tree);
    const names = new Set(environment.map((setting) => setting.name));
    // An env file may set the key: a missing key cannot be judged then.
    const authUnknown = /\benv_file\b|--env-file\b|\benvFrom\b/.test(context.text);
    for (const server of exposedServers(invocations, context.text, names, authUnknown)) reportServer(context, server);
    for (const setting of environment) checkOllamaSetting(context, setting);
    for (const published of publishedPorts(context, invocations)) reportPublished(context, published);
  },
};

function invocationsOf(context: RuleContext): Invocation[] {
  switch (context.kind) {
    case 'shell':
      return shellInvocations(context.text, context.tree);
    case 'dockerfile':
      return dockerfileInvocations(context.text);
    case 'yaml':
      return yamlInvocations(context.text);
    default:
      return [];
  }
}

function reportServer(context: RuleContext, server: ExposedServer): void {
  const { address } = server;
  context.report({
    at: context.lines.rangeOf(server.word.start, server.word.end),
    messageId: 'exposedServer',
    data: { server: server.display, host: server.host, auth: server.auth, consequence: server.consequence },
    ...(address ? { fix: bindLoopback(context, address.start, address.end) } : {}),
  });
}

function bindLoopback(context: RuleContext, start: number, end: number) {
  return {
    title: `Bind to ${LOOPBACK}`,
    edits: [{ range: context.lines.rangeOf(start, end), newText: LOOPBACK }],
    applicability: 'unsafe' as const,
  };
}

/** `OLLAMA_HOST=0.0.0.0` (with a port or a scheme) and `OLLAMA_ORIGINS=*`. */
function checkOllamaSetting(context: RuleContext, setting: EnvSetting): void {
  const { name, value } = setting;
  if (value === undefined) return;
  const at = context.lines.rangeOf(setting.start, setting.end);
  if (name === 'OLLAMA_HOST') {
    const host = ollamaBindHost(value);
    if (!host || !isUnspecifiedHost(host.text)) return;
    const exact = context.text.slice(setting.start, setting.end) === value;
    const start = setting.start + host.offset;
    context.report({
      at,
      messageId: 'ollamaHost',
      data: { name, value },
      ...(exact ? { fix: bindLoopback(context, start, start + host.text.length) } : {}),
    });
  } else if (name === 'OLLAMA_ORIGINS' && value.split(',').some((origin) => origin.trim() === '*')) {
    context.report({ at, messageId: 'ollamaOrigins', data: { name, value } });
  }
}

/** The host part of `0.0.0.0`, `0.0.0.0:11434`, `http://0.0.0.0:11434`, `[::]:11434`, with its offset in the value. */
function ollamaBindHost(value: string): { text: string; offset: number } | undefined {
  const scheme = /^[a-z]+:\/\//i.exec(value)?.[0] ?? '';
  const rest = value.slice(scheme.length);
  const host = scheme ? (urlHost(value) ?? '') : rest.startsWith('[') ? rest.slice(0, rest.indexOf(']') + 1) : rest.replace(/:\d*$/, '');
  return host ? { text: host, offset: scheme.length } : undefined;
}

interface PublishedPort {
  image: string;
  server: string;
  port: number;
  /** The whole published-port setting, where the finding goes. */
  start: number;
  end: number;
  /** Where to insert `127.0.0.1:` (the start of `host:container`), when the mapping is a plain string. */
  insertAt?: number;
}

function reportPublished(context: RuleContext, published: PublishedPort): void {
  const { insertAt } = published;
  context.report({
    at: context.lines.rangeOf(published.start, published.end),
    messageId: 'publishedPort',
    data: { port: String(published.port), image: published.image, server: published.server },
    ...(insertAt !== undefined
      ? { fix: { title: `Publish on ${LOOPBACK} only`, edits: [context.edit(insertAt, `${LOOPBACK}:`)], applicability: 'unsafe' as const } }
      : {}),
  });
}

function publishedPorts(context: RuleContext, invocations: Invocation[]): PublishedPort[] {
  return context.kind === 'yaml' ? composePorts(context.text) : dockerRunPorts(invocations, context.text);
}

/** The image's repository name (`docker.io/ollama/ollama:0.5` → `ollama`); a volume spec such as `ollama:/root/.ollama` is none. */
function unauthenticatedImage(reference: string): (typeof UNAUTHENTICATED_IMAGES)[number] | undefined {
  const repository = reference.replace(/@sha256:[a-f0-9]+$/i, '').replace(/:[\w.-]+$/, '');
  if (!/^[\w.-]+(?::\d+)?(?:\/[\w.-]+)*$/.test(repository)) return undefined;
  const name = repository.slice(repository.lastIndexOf('/') + 1).toLowerCase();
  return UNAUTHENTICATED_IMAGES.find((entry) => entry.names.includes(name));
}

/** Compose `services.<name>.ports` of an Ollama or Ray image: short syntax strings and numbers, long syntax maps. */
function composePorts(text: string): PublishedPort[] {
  const found: PublishedPort[] = [];
  for (const root of configDocumentFor(text, 'yaml').documents) {
    const services = root.get('services');
    if (services?.kind !== 'object') continue;
    for (const [, service] of services.entries()) {
      const image = service.get('image')?.string;
      const known = image ? unauthenticatedImage(image) : undefined;
      const ports = service.get('ports');
      if (!image || !known || ports?.kind !== 'array') continue;
      for (const item of ports.items()) {
        const published = composePort(item, text);
        if (published && published.container === known.port) {
          found.push({ image, server: known.display, port: known.port, start: item.start, end: item.end, insertAt: published.insertAt });
        }
      }
    }
  }
  return found;
}

/** A port item published on every interface: its container port, and where a host address would go. */
function composePort(item: ConfigNode, text: string): { container: number; insertAt?: number } | undefined {
  if (item.kind === 'object') {
    const hostIp = item.get('host_ip')?.string;
    const target = Number(item.get('target')?.value);
    if (hostIp && !isUnspecifiedHost(hostIp)) return undefined;
    return item.get('published') !== undefined && Number.isFinite(target) ? { container: target } : undefined;
  }
  const spec = item.kind === 'number' ? String(item.value) : item.string;
  if (spec === undefined) return undefined;
  const mapping = parsePortMapping(spec);
  // A bare container port (`"11434"`) is published on a random host port, on every interface too.
  if (!mapping || (mapping.host !== undefined && !isUnspecifiedHost(mapping.host))) return undefined;
  const quote = text[item.start] === '"' || text[item.start] === "'" ? 1 : 0;
  const written = text.slice(item.start + quote, item.start + quote + spec.length) === spec;
  return { container: mapping.container, insertAt: written && mapping.host === undefined ? item.start + quote : undefined };
}

/** `[host:]hostPort:containerPort[/proto]` or `containerPort`; host may be `[::]`. */
function parsePortMapping(spec: string): { host?: string; container: number } | undefined {
  const match = /^(?:(\[[^\]]*\]|[^:]*):)?(?:([\d-]*):)?(\d+)(?:-\d+)?(?:\/\w+)?$/.exec(spec.trim());
  if (!match) return undefined;
  // Two parts `a:b` are hostPort:containerPort; three are host:hostPort:containerPort.
  const host = match[2] !== undefined ? match[1] : undefined;
  return { host: host?.replace(/^\[|\]$/g, ''), container: Number(match[3]) };
}

/** `docker run -p 11434:11434 ollama/ollama` and `--publish=…`. */
function dockerRunPorts(invocations: Invocation[], text: string): PublishedPort[] {
  const found: PublishedPort[] = [];
  const catalog = {
    clis: new Set<string>(),
    modules: new Set<string>(),
    isImage: (image: string) => unauthenticatedImage(image) !== undefined,
  };
  for (const { words, index, program } of programInvocations(invocations, catalog)) {
    const known = unauthenticatedImage(program);
    if (!known || index < 0) continue;
    for (const { word, spec, specStart } of publishOptions(words.slice(0, index))) {
      const mapping = parsePortMapping(spec);
      if (!mapping || mapping.container !== known.port || (mapping.host !== undefined && !isUnspecifiedHost(mapping.host))) continue;
      const written = text.slice(specStart, specStart + spec.length) === spec;
      found.push({
        image: program,
        server: known.display,
        port: known.port,
        start: word.start,
        end: word.end,
        insertAt: written && mapping.host === undefined ? specStart : undefined,
      });
    }
  }
  return found;
}

function publishOptions(words: ShellWord[]): { word: ShellWord; spec: string; specStart: number }[] {
  const options: { word: ShellWord; spec: string; specStart: number }[] = [];
  words.forEach((word, j) => {
    const next = words[j + 1];
    if ((word.value === '-p' || word.value === '--publish') && next)
      options.push({ word: next, spec: next.value, specStart: wordValueStart(next) });
    else if (word.value.startsWith('--publish=')) options.push({ word, spec: word.value.slice(10), specStart: word.start + 10 });
    else if (/^-p\d/.test(word.value)) options.push({ word, spec: word.value.slice(2), specStart: word.start + 2 });
  });
  return options;
}

function wordValueStart(word: ShellWord): number {
  return word.fragment().offsetAt(0);
}

// ---------------------------------------------------------------------------------------------
// Python

function checkPython(context: RuleContext): void {
  const module = context.facts().python;
  // A notebook cell often launches a demo built in an earlier cell, whose import this cell does not show.
  const gradio = module.importsModule('gradio') || context.path.toLowerCase().endsWith('.ipynb');
  for (const call of module.calls()) {
    if (gradio && isLaunch(call)) checkGradioLaunch(context, call);
    else if (qualifiedCallee(call) === 'ray.init' && !context.text.includes('RAY_AUTH_MODE')) checkRayInit(context, call);
  }
}

function isLaunch(call: PyCall): boolean {
  return call.calleeText === 'launch' || call.calleeText.endsWith('.launch');
}

function checkGradioLaunch(context: RuleContext, call: PyCall): void {
  const share = keywordArg(call, 'share');
  if (!share || !isTrue(share.value)) return;
  context.report({
    at: share.node,
    messageId: 'gradioShare',
    data: { callee: call.calleeText },
    fix: { title: 'Set share=False', edits: [context.edit(share.value, 'False')], applicability: 'unsafe' },
  });
}

function checkRayInit(context: RuleContext, call: PyCall): void {
  const host = keywordArg(call, 'dashboard_host');
  const value = host ? stringValue(host.value) : undefined;
  if (!host || value === undefined || !isUnspecifiedHost(value)) return;
  const quote = host.value.text.length - value.length >= 2 ? host.value.text.indexOf(value) : -1;
  const start = host.value.startIndex + quote;
  context.report({
    at: host.node,
    messageId: 'rayInit',
    data: { callee: call.calleeText, host: value },
    ...(quote > 0 ? { fix: bindLoopback(context, start, start + value.length) } : {}),
  });
}
