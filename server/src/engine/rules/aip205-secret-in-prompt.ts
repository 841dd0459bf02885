import { promptKindOf } from '../inventory/prompts';
import { CONNECTION_TRIGGERS, findConnectionSecrets } from '../secrets/connectionStrings';
import { allSecretTriggers, findSecrets } from '../secrets/detect';
import { redactSecret, secretHash } from '../secrets/redact';
import type { Rule, RuleContext } from './rule';

/**
 * A credential or connection string inside a prompt asset or an agent instruction file
 * (`.prompty`, Semantic Kernel `skprompt.txt`, `.github/copilot-instructions.md`, `AGENTS.md`,
 * `CLAUDE.md`, Cursor/Windsurf/Cline rules, skills, prompt files: the files `promptKindOf` knows,
 * the same list the AI-BOM reads). Wins over AIP201 in these files.
 */
export const aip205: Rule = {
  meta: {
    id: 'AIP205',
    name: 'secret-in-prompt',
    title: 'Credential inside a prompt or agent instruction file',
    explanation:
      'Prompts and instruction files are sent to the model on every request, and models repeat what their instructions hold: a user who asks the assistant for its instructions (or a prompt injection in a document it reads) gets the key or the connection string back (system prompt leakage). Instruction files are also read by every coding agent that opens the repository and are committed with it. A prompt is not a secret store.',
    remediation:
      'Remove the credential from the prompt and rotate it. Give the model tools that hold the credential on the server side (the tool authenticates, the model never sees the key), and keep secrets in environment variables or a secret store.',
    owasp: ['LLM07:2025', 'LLM02:2025'],
    cwe: ['CWE-798', 'CWE-200'],
    atlas: ['AML.T0055', 'AML.T0056'],
    defaultSeverity: 'error',
    securitySeverity: 8.0,
    confidence: 'high',
    fileKinds: ['markdown', 'prompty', 'text', 'yaml'],
    fixable: false,
    messages: {
      keyInPrompt:
        '{provider} key {key} is written in this {what}: the model and anyone who extracts its instructions can read it. Remove and rotate it; let a server-side tool hold the credential.',
      connectionInPrompt:
        '{label} {key} is written in this {what}: the model and anyone who extracts its instructions can read it. Remove and rotate it; let a server-side tool hold the credential.',
    },
    references: [
      { title: 'OWASP LLM07:2025 System Prompt Leakage', url: 'https://genai.owasp.org/llmrisk/llm072025-system-prompt-leakage/' },
      { title: 'VS Code: custom instructions', url: 'https://code.visualstudio.com/docs/copilot/copilot-customization' },
    ],
    since: '0.1.0',
    example: {
      language: 'markdown',
      bad: '# Copilot instructions\nUse the staging database postgres://app:S3cr3tPassw0rd@db.internal/app for examples.',
      good: '# Copilot instructions\nUse the staging database from the DATABASE_URL environment variable for examples.',
    },
    limits: [
      'Prompt and instruction files only (the list the AI-BOM uses); system prompts written as strings in code are not checked yet.',
      'Connection-string passwords are found in database URLs and in `Password=`/`AccountKey=` pairs next to a server key; default local passwords (`postgres`, `root`) and placeholders are skipped.',
    ],
  },
  triggers: [...allSecretTriggers(), ...CONNECTION_TRIGGERS],
  textOnly: true,
  check(context: RuleContext) {
    const kind = promptKindOf(context.path);
    if (!kind) return;
    const what = kind.type === 'prompty' || kind.type === 'semantic-kernel' || kind.type === 'prompt-file' ? 'prompt' : 'instruction file';
    for (const secret of findSecrets(context.text, { mentions: context.mentions })) {
      context.report({
        at: context.lines.rangeOf(secret.start, secret.end),
        messageId: 'keyInPrompt',
        data: { provider: secret.provider.provider, key: redactSecret(secret.value), what },
        fingerprintText: `${secret.provider.id}:${secretHash(secret.value)}`,
      });
    }
    for (const secret of findConnectionSecrets(context.text)) {
      context.report({
        at: context.lines.rangeOf(secret.start, secret.end),
        messageId: 'connectionInPrompt',
        data: { label: secret.label, key: redactSecret(secret.value, 0), what },
        fingerprintText: `connection:${secretHash(secret.value)}`,
      });
    }
  },
};
