import type { CodeFacts } from '../facts';
import { qualifiedCallee } from '../facts/python';
import { type ConfigNode, configDocumentFor } from '../parse/configDocument';
import { isFalse } from '../parse/python';
import type { Node } from '../parse/treeSitter';
import { isLoopbackHost, isPrivateNetworkHost, isUnspecifiedHost, urlHost } from '../text/loopbackHost';
import type { Range } from '../types';
import { type EnvSetting, environmentSettings } from './environmentSettings';
import type { QuickSource, Rule, RuleContext } from './rule';

/** Arguments and options of AI SDK clients and wrappers that name the service's base URL. */
/** `verify=` given in Python code (a keyword argument or an assignment), the only way it can be turned off. */
const PYTHON_VERIFY = /\bverify\s*=(?!=)/;

const ENDPOINT_OPTIONS = new Set([
  'base_url',
  'api_base',
  'openai_api_base',
  'azure_endpoint',
  'endpoint',
  'endpoint_url',
  'baseURL',
  'baseUrl',
  'apiBase',
  'basePath',
]);
/** Environment variables named like an AI service endpoint (`OPENAI_BASE_URL`, `AZURE_OPENAI_ENDPOINT`, `LLM_API_BASE`). */
const ENDPOINT_VARIABLE =
  /(?:^|_)(?:OPENAI|AZURE_OPENAI|AZURE_AI|ANTHROPIC|CLAUDE|GEMINI|GOOGLE_AI|VERTEX_AI|MISTRAL|GROQ|COHERE|DEEPSEEK|OPENROUTER|TOGETHER|FIREWORKS|PERPLEXITY|XAI|OLLAMA|VLLM|LITELLM|LLM|TGI|HF|HUGGINGFACE|INFERENCE|EMBEDDINGS?|AI)(?:_[A-Z0-9]+)*_(?:BASE_URL|API_BASE|API_URL|ENDPOINT|BASE|URL|HOST)$/;
/** Python HTTP clients an AI SDK accepts as `http_client`. */
const HTTPX_CLIENTS = ['httpx.Client', 'httpx.AsyncClient', 'openai.DefaultHttpxClient', 'openai.DefaultAsyncHttpxClient'];
const HTTP_CLIENT_OPTIONS = new Set(['http_client', 'http_async_client', 'async_client', 'client']);
/** Documentation hosts (RFC 2606): example code, not an endpoint anyone calls. */
const EXAMPLE_HOST = /(?:^|\.)example(?:\.(?:com|org|net))?$|\.test$|\.invalid$/;

export const aip507: Rule = {
  meta: {
    id: 'AIP507',
    name: 'insecure-ai-transport',
    title: 'AI traffic over plain HTTP or without TLS verification',
    explanation:
      'Requests to a model API carry the API key, the prompts (often with user data, documents and secrets from tool results) and the answers the application acts on. Over `http://` to another machine, anyone on the path reads and alters them; with TLS verification turned off (`verify=False` on the `httpx` client given to an AI SDK, `rejectUnauthorized: false`, `NODE_TLS_REJECT_UNAUTHORIZED=0`), so does anyone who can present any certificate. An altered response is a prompt injection that no filter in the application sees coming.',
    remediation:
      'Use `https://` endpoints and keep certificate verification on; for a private CA, pass its bundle (`verify="/path/ca.pem"`, `ca` in Node) instead of turning verification off. Plain HTTP is fine only to loopback (`localhost`, `127.0.0.1`), which this rule does not report.',
    owasp: ['LLM02:2025', 'LLM01:2025'],
    cwe: ['CWE-319', 'CWE-295'],
    atlas: ['AML.T0055', 'AML.T0051'],
    defaultSeverity: 'warning',
    securitySeverity: 6.5,
    confidence: 'medium',
    fileKinds: ['python', 'notebook', 'javascript', 'typescript', 'tsx', 'dotenv', 'yaml', 'json', 'shell', 'dockerfile'],
    fixable: true,
    // Unsafe: a server that only speaks HTTP stops answering once the client switches to https://.
    fixApplicability: 'unsafe',
    messages: {
      plainHttpOption: '{option} sends AI traffic (the API key, prompts and answers) over plain http:// to {host}.',
      plainHttpVariable: '{name} points an AI client at plain http:// on {host}: the API key, prompts and answers travel unencrypted.',
      verifyOff: '{callee}() with verify=False is the HTTP client of an AI SDK: anyone on the path can read and alter prompts and answers.',
      rejectUnauthorizedOff:
        'rejectUnauthorized: false in a file that calls an AI API turns off certificate checks: anyone on the path can read and alter prompts and answers.',
      tlsRejectOff:
        'NODE_TLS_REJECT_UNAUTHORIZED=0 turns off certificate checks for every request of the process, including its AI API calls.',
    },
    references: [
      {
        title: 'OpenAI Python SDK: configuring the HTTP client',
        url: 'https://github.com/openai/openai-python#configuring-the-http-client',
      },
      { title: 'Node.js: NODE_TLS_REJECT_UNAUTHORIZED', url: 'https://nodejs.org/api/cli.html#node_tls_reject_unauthorizedvalue' },
    ],
    since: '0.1.0',
    limits: [
      'Plain HTTP to loopback, to the unspecified address `0.0.0.0` (which a client reaches as the local machine), to private addresses (RFC 1918, link-local, CGNAT, ULA) and to single-label or `.internal`/`.local`/`.svc` names (container and cluster networks) is not reported.',
      'Endpoint arguments are checked on calls the facts layer resolves to an AI package; a URL passed through several variables or functions is not followed.',
      "`rejectUnauthorized: false` and `NODE_TLS_REJECT_UNAUTHORIZED=0` are reported in files that create an AI client (or, for environment files, that set AI-named variables), not traced to the client's agent.",
      'Documentation hosts (`example.com`, `.test`, `.invalid`) are skipped as placeholders.',
    ],
    example: {
      language: 'python',
      bad: 'client = OpenAI(base_url="http://llm.corp.example.net/v1")',
      good: 'client = OpenAI(base_url="https://llm.corp.example.net/v1")',
    },
  },
  triggers: [
    ...ENDPOINT_OPTIONS,
    '_ENDPOINT',
    '_BASE_URL',
    '_API_BASE',
    '_API_URL',
    'verify=False',
    'rejectUnauthorized',
    'NODE_TLS_REJECT_UNAUTHORIZED',
  ],
  mayMatch(source: QuickSource): boolean {
    // Python is read without comments and docstrings: a license header's `http://` is not an endpoint.
    const python = source.kind === 'python';
    const code = python ? source.codeView() : source.text;
    return (
      code.includes('http://') ||
      (python ? PYTHON_VERIFY.test(code) : code.includes('verify')) ||
      code.includes('rejectUnauthorized') ||
      code.includes('NODE_TLS_REJECT_UNAUTHORIZED')
    );
  },
  check(context: RuleContext) {
    switch (context.kind) {
      case 'python':
      case 'notebook':
        checkPython(context, context.facts());
        return;
      case 'javascript':
      case 'typescript':
      case 'tsx':
        checkJavaScript(context, context.facts());
        return;
      case 'json':
      case 'yaml':
        checkConfigKeys(context);
        if (context.kind === 'yaml') checkEnvironment(context);
        return;
      default:
        checkEnvironment(context);
    }
  },
};

/** The host of an `http://` URL that leaves the machine and its private network, else undefined. */
export function insecureHost(url: string): string | undefined {
  if (!/^http:\/\//i.test(url.trim())) return undefined;
  const host = urlHost(url);
  if (!host || /[{}$<>%]/.test(host)) return undefined;
  if (isLoopbackHost(host) || isUnspecifiedHost(host) || isPrivateNetworkHost(host) || EXAMPLE_HOST.test(host.toLowerCase()))
    return undefined;
  return host;
}

/** Replaces the `http://` that starts at `offset` in the file. */
function httpsFix(context: RuleContext, offset: number) {
  return {
    title: 'Use https://',
    edits: [{ range: context.lines.rangeOf(offset, offset + 'http://'.length), newText: 'https://' }],
    applicability: 'unsafe' as const,
  };
}

/** The offset of `http://` at the start of a string literal's content, when the node is one. */
function literalHttpOffset(node: Node): number | undefined {
  if (!/^(?:string|template_string)$/.test(node.type)) return undefined;
  const match = /^[rRbBuU]?(["'`]{1,3})http:\/\//.exec(node.text);
  return match ? node.startIndex + match[0].length - 'http://'.length : undefined;
}

function checkEndpointArguments(context: RuleContext, facts: CodeFacts): void {
  for (const call of facts.calls) {
    if (!facts.packageOf(call)) continue;
    for (const arg of call.args) {
      const host = arg.name && ENDPOINT_OPTIONS.has(arg.name) && arg.value ? insecureHost(arg.value) : undefined;
      if (!host || !arg.name) continue;
      const offset = literalHttpOffset(arg.node);
      context.report({
        at: arg.node,
        messageId: 'plainHttpOption',
        data: { option: arg.name, host },
        ...(offset !== undefined ? { fix: httpsFix(context, offset) } : {}),
      });
    }
  }
}

function checkPython(context: RuleContext, facts: CodeFacts): void {
  checkEndpointArguments(context, facts);
  const module = facts.python;
  for (const call of module.calls()) {
    if (!HTTPX_CLIENTS.includes(qualifiedCallee(call))) continue;
    const verify = call.args.find((arg) => arg.name === 'verify');
    if (!verify || !isFalse(verify.value) || !passedAsAiHttpClient(call.node)) continue;
    context.report({ at: verify.node, messageId: 'verifyOff', data: { callee: call.calleeText } });
  }
}

/**
 * `OpenAI(http_client=httpx.Client(verify=False))`, or the client assigned to a name that is then
 * passed as `http_client=name` in the same file.
 */
function passedAsAiHttpClient(node: Node): boolean {
  const parent = node.parent;
  if (parent?.type === 'keyword_argument') return HTTP_CLIENT_OPTIONS.has(parent.childForFieldName('name')?.text ?? '');
  if (parent?.type !== 'assignment') return false;
  const name = parent.childForFieldName('left')?.text;
  if (!name) return false;
  const root = node.tree.rootNode;
  return root
    .descendantsOfType('keyword_argument')
    .some(
      (argument) =>
        argument !== null &&
        HTTP_CLIENT_OPTIONS.has(argument.childForFieldName('name')?.text ?? '') &&
        argument.childForFieldName('value')?.text === name,
    );
}

/** JS/TS: endpoint options of AI SDK calls, and TLS checks turned off in a file that creates an AI client. */
function checkJavaScript(context: RuleContext, facts: CodeFacts): void {
  checkEndpointArguments(context, facts);
  if (facts.clients.size === 0) return;
  const root = facts.tree.rootNode;
  for (const pair of root.descendantsOfType('pair')) {
    const key = pair?.childForFieldName('key')?.text.replace(/^["']|["']$/g, '');
    const value = pair?.childForFieldName('value');
    if (pair && key === 'rejectUnauthorized' && value?.type === 'false') context.report({ at: pair, messageId: 'rejectUnauthorizedOff' });
  }
  for (const assignment of root.descendantsOfType('assignment_expression')) {
    const left = assignment?.childForFieldName('left')?.text.replace(/\s/g, '');
    const right = assignment?.childForFieldName('right');
    if (
      !assignment ||
      !right ||
      !/^process\.env(?:\.NODE_TLS_REJECT_UNAUTHORIZED|\[["']NODE_TLS_REJECT_UNAUTHORIZED["']\])$/.test(left ?? '')
    )
      continue;
    if (facts.valueOf(right) === '0' || right.text === '0') context.report({ at: assignment, messageId: 'tlsRejectOff' });
  }
}

/** Environment settings (.env, shell, Dockerfile, compose, Kubernetes) of AI endpoints, and TLS checks turned off next to them. */
function checkEnvironment(context: RuleContext): void {
  const settings = environmentSettings(context.kind, context.text, context.tree);
  let endpoints = 0;
  for (const setting of settings) {
    if (!ENDPOINT_VARIABLE.test(setting.name) || setting.value === undefined) continue;
    endpoints++;
    reportVariable(context, setting);
  }
  const aiNamed = endpoints > 0 || settings.some((setting) => /(?:^|_)(?:OPENAI|ANTHROPIC|AZURE_OPENAI|GEMINI|LLM|AI)_/.test(setting.name));
  for (const setting of settings) {
    if (aiNamed && setting.name === 'NODE_TLS_REJECT_UNAUTHORIZED' && setting.value === '0') {
      context.report({ at: context.lines.rangeOf(setting.start, setting.end), messageId: 'tlsRejectOff' });
    }
  }
}

function reportVariable(context: RuleContext, setting: EnvSetting): void {
  const host = insecureHost(setting.value ?? '');
  if (!host) return;
  const written = context.text.slice(setting.start, setting.start + 7).toLowerCase() === 'http://';
  context.report({
    at: context.lines.rangeOf(setting.start, setting.end),
    messageId: 'plainHttpVariable',
    data: { name: setting.name, host },
    ...(written ? { fix: httpsFix(context, setting.start) } : {}),
  });
}

/** JSON/YAML configs (LiteLLM `api_base`, Continue `apiBase`, …): endpoint keys with an http:// value. */
function checkConfigKeys(context: RuleContext): void {
  const document = configDocumentFor(context.text, context.kind === 'yaml' ? 'yaml' : 'json');
  const visit = (node: ConfigNode, depth: number): void => {
    if (depth > 40) return;
    for (const child of node.children) {
      const key = typeof child.key === 'string' ? child.key : undefined;
      if (child.kind === 'object' || child.kind === 'array') visit(child, depth + 1);
      else if (key && (ENDPOINT_OPTIONS.has(key) || ENDPOINT_VARIABLE.test(key)) && child.string !== undefined)
        reportConfigValue(context, key, child);
    }
  };
  for (const root of document.documents) visit(root, 0);
}

function reportConfigValue(context: RuleContext, key: string, node: ConfigNode): void {
  const host = insecureHost(node.string ?? '');
  if (!host) return;
  const quote = context.text[node.start] === '"' || context.text[node.start] === "'" ? 1 : 0;
  const written = context.text.slice(node.start + quote, node.start + quote + 7).toLowerCase() === 'http://';
  const at: Range = node.range;
  context.report({
    at,
    messageId: 'plainHttpOption',
    data: { option: key, host },
    ...(written ? { fix: httpsFix(context, node.start + quote) } : {}),
  });
}
