import { FLOW_LIMITS, taintRule } from './taintRule';

export const aip405 = taintRule({
  sources: 'llm',
  sink: 'request',
  triggers: [
    'requests.',
    'httpx',
    'urlopen',
    'urlretrieve',
    'fetch(',
    'axios',
    'got(',
    'undici',
    'open(',
    'write_text',
    'write_bytes',
    'writeFile',
    'appendFile',
    'createWriteStream',
    'outputFile',
    'unlink',
    'rmSync',
  ],
  meta: {
    id: 'AIP405',
    name: 'llm-output-to-request',
    title: 'LLM output used as a URL or file path',
    explanation:
      "When the model chooses the URL a server fetches or the path it writes, a prompt injection chooses them: the request can reach internal services and cloud metadata endpoints (server-side request forgery) or carry secrets to an attacker's host, and the write can land outside the intended folder (`../../.ssh/authorized_keys`, path traversal).",
    remediation:
      'Allow-list what the model may choose: parse the URL and compare its scheme and host with a fixed list (and resolve the address to refuse private ranges), or let the model pick an id you map to a URL. For files, take only a base name (`os.path.basename`, `path.basename`), join it to a fixed folder and check the resolved path stays inside it.',
    owasp: ['LLM05:2025', 'LLM06:2025'],
    cwe: ['CWE-918', 'CWE-22'],
    atlas: ['AML.T0053'],
    defaultSeverity: 'warning',
    securitySeverity: 7.0,
    confidence: 'medium',
    fileKinds: ['python', 'notebook', 'javascript', 'typescript', 'tsx'],
    fixable: false,
    messages: {
      flow: '{source} {where} reaches {sink}: prompt injection can point this request or file write anywhere (internal services, other folders). Allow-list hosts, or keep only a base name inside a fixed folder.',
    },
    references: [
      { title: 'OWASP LLM05:2025 Improper Output Handling', url: 'https://genai.owasp.org/llmrisk/llm052025-improper-output-handling/' },
      {
        title: 'OWASP: Server-Side Request Forgery Prevention',
        url: 'https://cheatsheetseries.owasp.org/cheatsheets/Server_Side_Request_Forgery_Prevention_Cheat_Sheet.html',
      },
    ],
    limits: [
      ...FLOW_LIMITS,
      'An allow-list check written as a condition (`if host not in ALLOWED: raise`) is not recognised as a sanitiser; a finding behind such a check can be suppressed with a justification.',
      'HTTP client sessions (`requests.Session().get`, `aiohttp`) and `fetch` wrappers from other modules are not sinks yet.',
    ],
    since: '0.2.0',
    example: {
      language: 'python',
      bad: 'url = json.loads(call.function.arguments)["url"]\npage = requests.get(url, timeout=10)',
      good: 'url = json.loads(call.function.arguments)["url"]\nif urlparse(url).hostname not in ALLOWED_HOSTS:\n    raise ValueError("host not allowed")',
    },
  },
});
