import { literalFlagSettings } from '../facts/flags';
import type { Node } from '../parse/treeSitter';
import type { Rule, RuleContext } from './rule';

const PYTHON_FLAG = 'allow_dangerously_set_content';
const CSHARP_PROPERTY = 'AllowDangerouslySetContent';
/** Matches the property and the camel-case named argument alike. */
const CSHARP_TRIGGER = 'llowDangerouslySetContent';

export const aip302: Rule = {
  meta: {
    id: 'AIP302',
    name: 'prompt-template-unsafe-content',
    title: 'Semantic Kernel prompt template allows unencoded content',
    explanation:
      'Semantic Kernel chat prompts are parsed for `<message role="…">` tags after rendering. By default it HTML-encodes the values of input variables and function results, so text from users, documents or tools cannot add messages. `allow_dangerously_set_content=True` (Python) or `AllowDangerouslySetContent = true` (.NET) turns that off: injected text can then add a `<message role="system">` and take over the conversation.',
    remediation:
      'Keep the setting false (the default). If a variable must carry markup, build the message list in code instead of letting the template parse untrusted content, and validate what goes in.',
    owasp: ['LLM01:2025'],
    cwe: ['CWE-116', 'CWE-74'],
    atlas: ['AML.T0051.000', 'AML.T0051.001'],
    defaultSeverity: 'warning',
    securitySeverity: 6.5,
    confidence: 'high',
    fileKinds: ['python', 'notebook', 'csharp'],
    fixable: true,
    // Unsafe: templates that deliberately pass message tags through a variable render them as text afterwards.
    fixApplicability: 'unsafe',
    messages: {
      pythonFlag: '{flag}=True lets input variables and function results add chat messages, such as a system message, to the prompt.',
      csharpProperty: '{flag} = true lets input variables and function results add chat messages, such as a system message, to the prompt.',
    },
    references: [
      {
        title: 'Semantic Kernel: protecting against prompt injection in templates',
        url: 'https://learn.microsoft.com/en-us/semantic-kernel/concepts/prompts/prompt-injection-attacks',
      },
    ],
    since: '0.1.0',
    limits: ['Only literal `True`/`true` counts; YAML prompt files (`allow_dangerously_set_content: true`) are not read yet.'],
    example: {
      language: 'python',
      bad: 'config = PromptTemplateConfig(template=template, allow_dangerously_set_content=True)',
      good: 'config = PromptTemplateConfig(template=template)',
    },
  },
  triggers: [PYTHON_FLAG, CSHARP_TRIGGER],
  check(context: RuleContext) {
    if (context.kind === 'csharp') {
      checkCsharp(context);
      return;
    }
    for (const { node, value } of literalFlagSettings(context.facts(), PYTHON_FLAG, true)) {
      context.report({
        at: node,
        messageId: 'pythonFlag',
        data: { flag: PYTHON_FLAG },
        fix: { title: `Set ${PYTHON_FLAG}=False`, edits: [context.edit(value, 'False')], applicability: 'unsafe' },
      });
    }
  },
};

/** `new InputVariable { AllowDangerouslySetContent = true }`, `config.AllowDangerouslySetContent = true;`, named arguments. */
function checkCsharp(context: RuleContext): void {
  const root = context.tree?.rootNode;
  if (!root) return;
  for (const node of root.descendantsOfType(['assignment_expression', 'argument'])) {
    const [name, value] = node ? settingParts(node) : [];
    if (!node || !name || !value || value.text !== 'true') continue;
    if (name.text.replace(/^.*\./, '').toLowerCase() !== CSHARP_PROPERTY.toLowerCase()) continue;
    context.report({
      at: node,
      messageId: 'csharpProperty',
      data: { flag: CSHARP_PROPERTY },
      fix: { title: `Set ${CSHARP_PROPERTY} = false`, edits: [context.edit(value, 'false')], applicability: 'unsafe' },
    });
  }
}

/** The name and value of an assignment or of a named argument (`allowDangerouslySetContent: true`). */
function settingParts(node: Node): [Node | undefined, Node | undefined] {
  if (node.type === 'assignment_expression')
    return [node.childForFieldName('left') ?? undefined, node.childForFieldName('right') ?? undefined];
  const name = node.childForFieldName('name') ?? node.namedChildren.find((child) => child?.type === 'name_colon')?.namedChildren[0];
  const value = node.namedChildren[node.namedChildCount - 1];
  return [name ?? undefined, value ?? undefined];
}
