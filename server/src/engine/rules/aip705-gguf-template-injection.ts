import { type ByteRuleContext, byteRule } from './rule';

export const aip705 = byteRule({
  meta: {
    id: 'AIP705',
    name: 'gguf-template-injection',
    title: 'GGUF chat template that reaches Python internals',
    explanation:
      'A GGUF file carries its chat template (`tokenizer.chat_template`, and named variants `tokenizer.chat_template.<name>`) as Jinja source, which llama-cpp-python, Ollama imports, LM Studio and transformers render for every prompt. Rendered outside a sandbox (llama-cpp-python 0.2.30–0.2.71, CVE-2024-34359) a template that walks `__class__`, `__globals__`, `__subclasses__` or `__builtins__`, or uses `cycler`/`joiner`/`lipsum`, `attr()`, escaped underscores or template imports, runs arbitrary code. Legitimate templates only loop over `messages` and print roles and content. Only the `{{ … }}` and `{% … %}` parts are checked, not the literal text.',
    remediation:
      'Do not use this model file. Upgrade llama-cpp-python to 0.2.72 or later (sandboxed rendering), and override the template with a reviewed one (`chat_format`, `--chat-template`) when you must use the weights.',
    owasp: ['LLM03:2025', 'LLM05:2025'],
    cwe: ['CWE-1336', 'CWE-94'],
    atlas: ['AML.T0010.003', 'AML.T0011.000'],
    defaultSeverity: 'error',
    securitySeverity: 9.0,
    confidence: 'high',
    fixable: false,
    messages: {
      template:
        'The GGUF chat template `{key}` uses {what} (`{construct}`), which reaches Python internals when the template is rendered outside a sandbox.',
    },
    references: [
      { title: 'CVE-2024-34359 (llama-cpp-python template injection)', url: 'https://nvd.nist.gov/vuln/detail/CVE-2024-34359' },
      { title: 'ggml: GGUF format', url: 'https://github.com/ggml-org/ggml/blob/master/docs/gguf.md' },
    ],
    since: '0.2.0',
    example: {
      language: 'jinja',
      bad: "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
      good: "{% for message in messages %}{{ message['role'] }}: {{ message['content'] }}{% endfor %}",
    },
  },
  formats: ['gguf'],
  check(context: ByteRuleContext) {
    for (const template of context.file.scan?.templates ?? []) {
      context.report({
        messageId: 'template',
        data: { key: template.key.slice(0, 100), what: template.what, construct: template.construct },
        fingerprintText: template.key,
      });
    }
  },
});
