import { qualifiedCallee } from '../facts/python';
import { keywordArg, type PyCall, type PythonModule, positionalArgs } from '../parse/python';
import type { Node } from '../parse/treeSitter';
import type { Fix } from '../types';
import type { Rule, RuleContext } from './rule';

const SANDBOX = 'ImmutableSandboxedEnvironment';
const SANDBOX_IMPORT = `from jinja2.sandbox import ${SANDBOX}`;
/** Names that say a template is a prompt or a chat template. */
const PROMPT_NAME = /prompt|chat_?template|system_?message|instruction|llm/i;
/** A file in a prompts folder, or named after prompts (`prompt_builder.py`), renders prompts. */
const PROMPT_FOLDER = /(?:^|[\\/])(?:prompts?|prompt_templates|chat_templates)[\\/]|prompt[^\\/]*\.(?:py|ipynb)$/i;

export const aip108: Rule = {
  meta: {
    id: 'AIP108',
    name: 'unsafe-template-engine',
    title: 'Prompt template rendered by an unsandboxed Jinja2 environment',
    explanation:
      'A Jinja2 template is a program: `{{ cycler.__init__.__globals__.os.popen("id").read() }}` runs a shell command when an unsandboxed `Environment` or `Template` renders it. Prompt and chat templates often come from places an attacker can influence: a model repository\'s `chat_template`, a prompt hub, a database, an admin UI or the request itself. Rendering one without the sandbox is server-side template injection (llama-cpp-python CVE-2024-34359, LiteLLM CVE-2024-2952, Haystack CVE-2024-41950).',
    remediation:
      'Render prompt templates with `jinja2.sandbox.ImmutableSandboxedEnvironment` (what Transformers uses for chat templates), and do not let templates come from users or third parties unless they are reviewed. Plain string formatting is enough for most prompts.',
    owasp: ['LLM01:2025', 'LLM05:2025', 'LLM03:2025'],
    cwe: ['CWE-1336', 'CWE-94'],
    atlas: ['AML.T0050', 'AML.T0051'],
    defaultSeverity: 'warning',
    securitySeverity: 6.5,
    confidence: 'medium',
    fileKinds: ['python', 'notebook'],
    fixable: true,
    // Unsafe: the sandbox refuses attribute access and mutation some existing templates rely on.
    fixApplicability: 'unsafe',
    messages: {
      environment: '{callee}() renders prompt templates without the Jinja2 sandbox: a crafted template runs code on the server.',
      template: '{callee}() compiles a prompt template without the Jinja2 sandbox: a crafted template runs code on the server.',
    },
    references: [
      { title: 'Jinja2: sandbox', url: 'https://jinja.palletsprojects.com/en/stable/sandbox/' },
      { title: 'CVE-2024-34359 (llama-cpp-python chat template SSTI)', url: 'https://nvd.nist.gov/vuln/detail/CVE-2024-34359' },
    ],
    since: '0.1.0',
    limits: [
      'Prompt context is decided by names: a prompts folder, or `prompt`/`chat_template`/`instruction`/`llm` in the assigned variable, the arguments or the enclosing function or class. A prompt rendered through a neutrally named helper is missed.',
      'The quick fix rewrites `Template(src)` only when `src` is its only argument, and needs an existing jinja2 import to place the sandbox import after.',
    ],
    example: {
      language: 'python',
      bad: 'prompt = Environment().from_string(chat_template).render(messages=messages)',
      good: 'prompt = ImmutableSandboxedEnvironment().from_string(chat_template).render(messages=messages)',
    },
  },
  triggers: ['jinja2'],
  mayMatch: (source) => /\b(?:Environment|Template)\b/.test(source.codeView()),
  check(context: RuleContext) {
    const module = context.facts().python;
    for (const call of module.calls()) {
      const callee = qualifiedCallee(call);
      if (callee !== 'jinja2.Environment' && callee !== 'jinja2.Template') continue;
      if (!inPromptContext(context.path, call)) continue;
      const isTemplate = callee === 'jinja2.Template';
      context.report({
        at: call.node.childForFieldName('function') ?? call.node,
        messageId: isTemplate ? 'template' : 'environment',
        data: { callee: call.calleeText },
        fix: sandboxFix(context, module, call, isTemplate),
      });
    }
  },
};

/**
 * Only prompt rendering is this rule's business: a file in a prompts folder, or a name that says
 * prompt or chat template on the variable it is assigned to, in its arguments (the template source,
 * the loader's folder), or on the function or class around it.
 */
function inPromptContext(path: string, call: PyCall): boolean {
  if (PROMPT_FOLDER.test(path)) return true;
  if (call.args.some((arg) => PROMPT_NAME.test(arg.value.text))) return true;
  const assignment = call.node.parent?.type === 'assignment' ? call.node.parent : undefined;
  if (assignment && PROMPT_NAME.test(assignment.childForFieldName('left')?.text ?? '')) return true;
  for (let node = call.node.parent; node; node = node.parent) {
    if (node.type !== 'function_definition' && node.type !== 'class_definition') continue;
    if (PROMPT_NAME.test(node.childForFieldName('name')?.text ?? '')) return true;
  }
  return false;
}

/** `Environment(` → `ImmutableSandboxedEnvironment(`; `Template(src)` → `ImmutableSandboxedEnvironment().from_string(src)`; plus the import. */
function sandboxFix(context: RuleContext, module: PythonModule, call: PyCall, isTemplate: boolean): Fix | undefined {
  const callee = call.node.childForFieldName('function');
  if (!callee) return undefined;
  // Template's keyword options have no place in from_string(): leave those to a person.
  if (isTemplate && (call.args.length !== 1 || positionalArgs(call).length !== 1 || keywordArg(call, 'source'))) return undefined;
  const edits = [context.edit(callee, isTemplate ? `${SANDBOX}().from_string` : SANDBOX)];
  const importEdit = sandboxImport(context, module);
  if (importEdit === null) return undefined;
  if (importEdit) edits.unshift(importEdit);
  return { title: `Use ${SANDBOX}`, edits, applicability: 'unsafe' };
}

/** The import line after the file's jinja2 import; undefined when already imported, null when no place is clear. */
function sandboxImport(context: RuleContext, module: PythonModule) {
  if (module.imports.get(SANDBOX) === `jinja2.sandbox.${SANDBOX}`) return undefined;
  const statement = jinjaImport(module.root);
  if (!statement) return null;
  const indent = /^[ \t]*/.exec(context.lines.lineText(statement.startPosition.row))?.[0] ?? '';
  return context.edit(statement.endIndex, `\n${indent}${SANDBOX_IMPORT}`);
}

function jinjaImport(root: Node): Node | undefined {
  for (const node of root.descendantsOfType(['import_statement', 'import_from_statement'])) {
    if (!node) continue;
    const module =
      node.type === 'import_from_statement' ? node.childForFieldName('module_name')?.text : node.childForFieldName('name')?.text;
    if (module === 'jinja2' || module?.startsWith('jinja2.') || /^jinja2(?:\s|$)/.test(module ?? '')) return node;
  }
  return undefined;
}
