import { promptSettings } from '../inventory/prompts';
import type { ConfigNode } from '../parse/configDocument';
import type { Rule, RuleContext } from './rule';

/** A role line of a Prompty body (`system:`, `user:`, `assistant:`), optionally as a markdown heading. */
const ROLE_LINE = /^[ \t]*#*[ \t]*(system|user|assistant|developer|function|tool)(?:\[[^\]\r\n]*\])?[ \t]*:[ \t]*$/gim;

/** `{{ name }}`, `{{name.field}}`, `{{{ name }}}`: the variable's first name. */
const PLACEHOLDER = /\{\{\{?\s*([A-Za-z_][\w]*)[^}]*\}\}\}?/g;

/** `{% for doc in documents %}`: a loop variable drawn from an input carries the input's content. */
const FOR_LOOP = /\{%-?\s*for\s+([A-Za-z_]\w*)\s+in\s+([A-Za-z_]\w*)/g;

export const aip304: Rule = {
  meta: {
    id: 'AIP304',
    name: 'untrusted-content-in-instructions',
    title: 'Input variable interpolated into a Prompty system section',
    explanation:
      "A `.prompty` file's `system:` section is the application's instructions; its `inputs` are filled at run time by the caller: the user's question, chat history, retrieved documents. Interpolating an input (`{{question}}`, `{{context}}`) into the system section gives that content the authority of your instructions, so a user message or a poisoned document can rewrite them (direct or indirect prompt injection).",
    remediation:
      'Keep the system section constant, and put inputs in the `user:` section (or pass them as separate messages), delimited and labelled as data. If retrieved documents must be in the system message, fence them clearly as untrusted content and tell the model not to follow instructions inside them.',
    owasp: ['LLM01:2025'],
    cwe: ['CWE-77', 'CWE-1427'],
    atlas: ['AML.T0051.000', 'AML.T0051.001'],
    defaultSeverity: 'warning',
    securitySeverity: 5.5,
    confidence: 'medium',
    fileKinds: ['prompty'],
    fixable: false,
    messages: {
      input:
        'Input "{name}" is interpolated into the system section: whatever the caller passes (a user message, a retrieved document) gets the authority of your instructions. Move it to the user section and delimit it as data.',
    },
    references: [
      { title: 'Prompty specification', url: 'https://github.com/microsoft/prompty/blob/main/Prompty.yaml' },
      { title: 'OWASP LLM01:2025 Prompt Injection', url: 'https://genai.owasp.org/llmrisk/llm01-prompt-injection/' },
    ],
    limits: [
      'Only variables declared under `inputs` (or Prompty 2 `inputSchema.properties`) count; `sample` values and template variables set with `{% set %}` are not followed.',
      'Template includes and macros are not expanded.',
      'Inputs of kind `thread`, `image`, `audio` or `file` are left alone: Prompty turns them into messages or media parts of their own.',
    ],
    evaluation:
      'Reviewed on Azure-Samples/contoso-chat @028921f and microsoft/prompty @75e4d0e (91 `.prompty` files): 21 findings, 21 correct (precision 1.00) after two fixes found there: Prompty 2 list inputs were not read (misses), and `thread`/`image`/`audio` inputs, which Prompty expands into messages of their own, were reported (5 false positives).',
    since: '0.2.0',
    example: {
      language: 'yaml',
      bad: '---\ninputs:\n  question:\n    type: string\n---\nsystem:\nYou answer questions about {{question}}.\nuser:\n{{question}}',
      good: '---\ninputs:\n  question:\n    type: string\n---\nsystem:\nYou answer questions about our product.\nuser:\n{{question}}',
    },
  },
  triggers: ['system:', 'System:', 'SYSTEM:'],
  check(context: RuleContext) {
    const inputs = declaredInputs(context);
    if (inputs.size === 0) return;
    for (const section of systemSections(context.text)) {
      const loops = [...section.text.matchAll(FOR_LOOP)].map((loop) => ({ at: loop.index ?? 0, variable: loop[1], iterable: loop[2] }));
      // One finding per input and section (its first use): ten `{{customer.x}}` lines are one problem.
      const reported = new Set<string>();
      for (const placeholder of section.text.matchAll(PLACEHOLDER)) {
        const at = placeholder.index ?? 0;
        // A loop variable holds the input of the nearest loop before it that binds that name.
        const loop = loops.filter((candidate) => candidate.at < at && candidate.variable === placeholder[1]).pop();
        const name = loop ? loop.iterable : placeholder[1];
        if (!inputs.has(name) || reported.has(name)) continue;
        reported.add(name);
        const start = section.start + (placeholder.index ?? 0);
        context.report({
          at: context.lines.rangeOf(start, start + placeholder[0].length),
          messageId: 'input',
          data: { name },
        });
      }
    }
  },
};

/**
 * The input names the front matter declares: `inputs:` as a mapping of names or a list (of names,
 * or of `{ name, kind }` objects in Prompty 2), and Prompty 2's `inputSchema.properties`.
 */
function declaredInputs(context: RuleContext): Set<string> {
  const settings = promptSettings(context.path, context.text, { type: 'prompty' });
  const names = new Set<string>();
  for (const declared of [settings?.get('inputs'), settings?.get(['inputSchema', 'properties'])]) {
    for (const [name, spec] of declared?.entries() ?? []) if (!isMessageInput(spec)) names.add(name);
    for (const item of declared?.items() ?? []) {
      const name = typeof item.value === 'string' ? item.value : item.get('name')?.value;
      if (typeof name === 'string' && !isMessageInput(item)) names.add(name);
    }
  }
  return names;
}

/**
 * Inputs Prompty expands into messages or media parts of their own, not into the section's text: a
 * `thread` placeholder ends the system message and inserts the conversation's messages after it.
 */
const MESSAGE_INPUT_KINDS = new Set(['thread', 'image', 'audio', 'file']);

function isMessageInput(spec: ConfigNode): boolean {
  const kind = spec.get('kind')?.value ?? spec.get('type')?.value;
  return typeof kind === 'string' && MESSAGE_INPUT_KINDS.has(kind);
}

/** The text of each `system:` section of the body (after the front matter), with its offset. */
function systemSections(text: string): { start: number; text: string }[] {
  const body = /^\uFEFF?---\r?\n[\s\S]*?\r?\n---(?:\r?\n|$)/.exec(text);
  const bodyStart = body ? body[0].length : 0;
  const roles = [...text.slice(bodyStart).matchAll(ROLE_LINE)].map((match) => ({
    role: match[1].toLowerCase(),
    start: bodyStart + (match.index ?? 0) + match[0].length,
    lineStart: bodyStart + (match.index ?? 0),
  }));
  return roles.flatMap((role, index) => {
    if (role.role !== 'system') return [];
    const end = roles[index + 1]?.lineStart ?? text.length;
    return [{ start: role.start, text: text.slice(role.start, end) }];
  });
}
