import { literalFlagSettings } from '../facts/flags';
import type { PyCall } from '../parse/python';
import type { Node } from '../parse/treeSitter';
import { frameworkCalls, importsAny } from './pythonFrameworkCalls';
import type { Rule, RuleContext } from './rule';

/** AutoGen 0.2 and AG2 (`autogen`, `ag2`), AutoGen 0.4 (`autogen_ext`, `autogen_agentchat`). */
const AUTOGEN_ROOTS = ['autogen', 'ag2', 'autogen_ext', 'autogen_agentchat', 'autogen_core'];
const LOCAL_EXECUTORS = new Set(['LocalCommandLineCodeExecutor']);
const USE_DOCKER = 'use_docker';

export const aip503: Rule = {
  meta: {
    id: 'AIP503',
    name: 'local-code-executor',
    title: 'Agent code runs on the host, outside a container',
    explanation:
      'AutoGen and AG2 agents execute the code blocks the model writes. `code_execution_config={"use_docker": False}` and `LocalCommandLineCodeExecutor` run them directly on the machine that hosts the agent, with its files, credentials and network. AutoGen\'s own documentation warns that local execution is not suitable for production because the model can generate arbitrary code; a prompt injection in any message or document the agents read turns into commands on the host.',
    remediation:
      'Run generated code in a container (`"use_docker": True`, `DockerCommandLineCodeExecutor`) or a remote sandbox (Azure Container Apps dynamic sessions, E2B), keep credentials out of it, and require human approval (`human_input_mode`) before execution where possible.',
    owasp: ['LLM06:2025', 'LLM05:2025'],
    cwe: ['CWE-94', 'CWE-250'],
    atlas: ['AML.T0053', 'AML.T0050'],
    defaultSeverity: 'warning',
    securitySeverity: 7.5,
    confidence: 'high',
    fileKinds: ['python', 'notebook'],
    fixable: true,
    // Unsafe: execution then needs a running Docker daemon; without one AutoGen raises at start.
    fixApplicability: 'unsafe',
    messages: {
      useDockerOff: '"use_docker": False makes AutoGen run the code the model writes directly on this machine.',
      useDockerKeyword: '{callee}() with use_docker=False runs the code the model writes directly on this machine.',
      localExecutor: '{callee}() runs the code the model writes directly on this machine, outside any container.',
    },
    references: [
      {
        title: 'AutoGen: command line code executors',
        url: 'https://microsoft.github.io/autogen/stable/user-guide/core-user-guide/components/command-line-code-executors.html',
      },
    ],
    since: '0.1.0',
    limits: [
      '`use_docker: False` is reported only in a file that imports AutoGen/AG2, or inside a `code_execution_config` value (notebook cells without the import).',
      "AutoGen 0.2's silent fallback to local execution when Docker is missing, and `create_default_code_executor()`, are not detected.",
    ],
    example: {
      language: 'python',
      bad: 'proxy = UserProxyAgent("user", code_execution_config={"work_dir": "coding", "use_docker": False})',
      good: 'proxy = UserProxyAgent("user", code_execution_config={"work_dir": "coding", "use_docker": True})',
    },
  },
  triggers: [USE_DOCKER, 'LocalCommandLineCodeExecutor'],
  check(context: RuleContext) {
    const module = context.facts().python;
    // `use_docker` is a common option name (SWE-bench harnesses, CI helpers): only AutoGen's counts,
    // known by the import or, in a notebook cell without it, by the `code_execution_config` around it.
    const autogen = importsAny(module, AUTOGEN_ROOTS);
    for (const { call, node, value } of literalFlagSettings(context.facts(), USE_DOCKER, false)) {
      if (!autogen && !insideCodeExecutionConfig(node)) continue;
      if (call && call.calleeText !== 'dict') reportUseDocker(context, node, value, 'useDockerKeyword', call);
      else reportUseDocker(context, node, value, 'useDockerOff');
    }
    for (const { call } of frameworkCalls(module, AUTOGEN_ROOTS, LOCAL_EXECUTORS)) {
      context.report({
        at: call.node.childForFieldName('function') ?? call.node,
        messageId: 'localExecutor',
        data: { callee: call.calleeText },
      });
    }
  },
};

function reportUseDocker(context: RuleContext, at: Node, value: Node, messageId: string, call?: PyCall): void {
  context.report({
    at,
    messageId,
    ...(call ? { data: { callee: call.calleeText } } : {}),
    fix: { title: 'Run the code in Docker (use_docker=True)', edits: [context.edit(value, 'True')], applicability: 'unsafe' },
  });
}

/** True when the setting is written inside `code_execution_config=…` / `"code_execution_config": …`, AutoGen's own option. */
function insideCodeExecutionConfig(node: Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    const key =
      current.type === 'keyword_argument'
        ? current.childForFieldName('name')?.text
        : current.type === 'pair'
          ? current.childForFieldName('key')?.text.replace(/^["']|["']$/g, '')
          : undefined;
    if (key === 'code_execution_config') return true;
    if (current.type === 'call' && current.parent?.type !== 'keyword_argument' && current.parent?.type !== 'pair') return false;
  }
  return false;
}
