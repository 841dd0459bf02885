import { promptKindOf } from '../inventory/prompts';
import { aiSecretTriggers, findSecrets } from '../secrets/detect';
import { isEnvTemplate } from '../secrets/envFiles';
import { envReadFix } from '../secrets/envRead';
import { mayHoldMcpServers, mcpValueSpans } from '../secrets/mcpSecrets';
import { redactSecret, secretHash } from '../secrets/redact';
import type { FileKind } from '../types';
import type { Rule, RuleContext } from './rule';

/** Every kind of text file the engine reads: a key is leaked wherever it is written. */
export const ALL_TEXT_KINDS: FileKind[] = [
  'python',
  'javascript',
  'typescript',
  'tsx',
  'csharp',
  'java',
  'go',
  'notebook',
  'shell',
  'dockerfile',
  'yaml',
  'json',
  'toml',
  'dotenv',
  'markdown',
  'prompty',
  'terraform',
  'bicep',
  'text',
];

export const aip201: Rule = {
  meta: {
    id: 'AIP201',
    name: 'ai-api-key-literal',
    title: 'AI provider API key written in a file',
    explanation:
      'An AI provider key (OpenAI, Azure OpenAI, Anthropic, Google AI, Hugging Face, Groq, Replicate, Perplexity, xAI, OpenRouter, DeepSeek, Cohere, Mistral, LangSmith, Langfuse, Pinecone, W&B and others) written into source, a notebook, a config or a `.env` file is readable by everyone who can read the repository, its forks, its history, built packages and container images. A leaked key is used within minutes by scrapers to run models on your account, read your files, assistants and fine-tuning data, and exhaust your quota. Notebook outputs count: a printed key is saved in the `.ipynb`.',
    remediation:
      'Revoke and rotate the key at the provider first (removing it from the file does not remove it from history). Then read it from an environment variable or a secret store at run time (Key Vault, Secrets Manager, the CI secret store), and prefer keyless authentication where the provider has it (Microsoft Entra ID with `DefaultAzureCredential` for Azure OpenAI). Clear notebook outputs before committing.',
    owasp: ['LLM02:2025'],
    cwe: ['CWE-798', 'CWE-312'],
    atlas: ['AML.T0055'],
    defaultSeverity: 'error',
    securitySeverity: 8.5,
    confidence: 'high',
    fileKinds: ALL_TEXT_KINDS,
    fixable: true,
    // Unsafe: the program then needs the variable set; it ran without it before.
    fixApplicability: 'unsafe',
    messages: {
      literalKey:
        '{provider} API key {key} is written in the file: anyone who can read the repository can use it. Rotate the key and read it from the {envVar} environment variable or a secret store.',
      notebookKey:
        '{provider} API key {key} is saved in this notebook (in a cell or a cell output): anyone who can read the repository can use it. Rotate the key, read it from {envVar}, and clear outputs before committing.',
      dotenvKey:
        '{provider} API key {key} is in an environment file: make sure the file is never committed (see AIP204) and rotate the key if it ever was.',
    },
    references: [
      {
        title: 'OpenAI: best practices for API key safety',
        url: 'https://help.openai.com/en/articles/5112595-best-practices-for-api-key-safety',
      },
      {
        title: 'Azure OpenAI: keyless authentication with Microsoft Entra ID',
        url: 'https://learn.microsoft.com/azure/ai-services/openai/how-to/managed-identity',
      },
      {
        title: 'GitHub: supported secret scanning patterns',
        url: 'https://docs.github.com/code-security/secret-scanning/introduction/supported-secret-scanning-patterns',
      },
    ],
    since: '0.1.0',
    example: {
      language: 'python',
      bad: 'client = OpenAI(api_key="sk-proj-…")  # a real key',
      good: 'client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])',
    },
    limits: [
      'Keys without a prefix (Azure 32-hex, Cohere, Mistral, W&B, Deepgram, AssemblyAI, Clarifai, Together, DeepSeek, Braintrust) are found only within 200 characters of the provider name or key variable; a key far from its name is missed.',
      'A key split across string concatenations, encoded (base64) or built at run time is not seen; so are Pinecone legacy UUID keys and formats not in the catalogue.',
      'Google API keys share one format for Gemini, Maps and Firebase: keys next to a Firebase web config or a Maps client are skipped, others are reported as Google (Gemini) keys.',
      'Keys in comments are reported (a key in a comment is leaked as well). Files the engine does not read (unknown extensions, binary files) are not searched.',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: variable syntax of the configs, shown as written.
      'The quick fix applies only when the key is a whole string literal; YAML gets a display-only `${VAR}` suggestion, Go without an `"os"` import a display-only fix, other file kinds no fix.',
      'A notebook is read as its `.ipynb` text (sources and outputs); the editor shows output findings only in a scan of the file, not in the cell.',
    ],
  },
  triggers: aiSecretTriggers(),
  textOnly: true,
  check(context: RuleContext) {
    // AIP205 reports credentials in prompt and instruction files (the most specific rule wins).
    if (promptKindOf(context.path)) return;
    const secrets = findSecrets(context.text, { aiOnly: true, mentions: context.mentions });
    if (secrets.length === 0) return;
    // AIP602 reports keys in MCP server entries.
    const mcpSpans = mayHoldMcpServers(context.path, context.kind, context.text) ? mcpValueSpans(context.path, context.text) : [];
    for (const secret of secrets) {
      if (mcpSpans.some(([start, end]) => secret.start >= start && secret.end <= end)) continue;
      const fix = envReadFix(context, secret);
      context.report({
        at: context.lines.rangeOf(secret.start, secret.end),
        messageId: messageIdFor(context.kind, context.path),
        data: { provider: secret.provider.provider, key: redactSecret(secret.value), envVar: secret.provider.envVar },
        ...(fix ? { fix } : {}),
        fingerprintText: `${secret.provider.id}:${secretHash(secret.value)}`,
      });
    }
  },
};

/** A template (`.env.example`) is meant to be committed: its key is simply written in the file. */
function messageIdFor(kind: FileKind, path: string): string {
  if (kind === 'notebook') return 'notebookKey';
  return kind === 'dotenv' && !isEnvTemplate(path) ? 'dotenvKey' : 'literalKey';
}
