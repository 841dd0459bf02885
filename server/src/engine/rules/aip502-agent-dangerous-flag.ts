import { type FlagSetting, literalFlagSettings } from '../facts/flags';
import type { Rule, RuleContext } from './rule';

/** LangChain's explicit opt-ins, each naming what the agent may then do. */
const FLAGS: Readonly<Record<string, string>> = {
  allow_dangerous_code: 'run Python code the model writes',
  allow_dangerous_requests: 'send arbitrary HTTP requests or database queries the model writes',
  allow_dangerous_tools: 'use tools that run shell commands or code',
};

export const aip502: Rule = {
  meta: {
    id: 'AIP502',
    name: 'agent-dangerous-flag',
    title: 'Agent dangerous-capability flag enabled',
    explanation:
      "LangChain refuses to build agents and chains that execute model output unless told otherwise. `allow_dangerous_code=True` (pandas, CSV and Spark dataframe agents, `PythonAstREPLTool`-backed agents) runs the Python the model writes; `allow_dangerous_requests=True` (`RequestsToolkit`, `OpenAPIToolkit`, `GraphCypherQAChain` and the other graph QA chains) sends whatever HTTP request or database query the model writes; `allow_dangerous_tools=True` (`load_tools`) enables the shell and code tools. A prompt injection in any text the model reads (a user message, a document, a web page, a table cell) then runs code or reaches internal services with the application's permissions.",
    remediation:
      'Remove the flag where the capability is not essential. Where it is, run the agent in a sandbox (a container without credentials, E2B, Modal, a dynamic-sessions pool), give database chains a read-only user, restrict requests to an allow-list of hosts, and require human approval for side effects.',
    owasp: ['LLM06:2025', 'LLM05:2025', 'LLM01:2025'],
    cwe: ['CWE-94', 'CWE-918'],
    atlas: ['AML.T0053', 'AML.T0050', 'AML.T0051.001'],
    defaultSeverity: 'error',
    securitySeverity: 8.8,
    confidence: 'high',
    fileKinds: ['python', 'notebook'],
    fixable: true,
    // Unsafe: LangChain then refuses to build the agent or chain, so code that worked raises at start.
    fixApplicability: 'unsafe',
    messages: {
      callArgument: '{callee}() with {flag}=True lets the agent {capability}: a prompt injection takes over that capability.',
      optionDict: '"{flag}": True lets the agent {capability}: a prompt injection takes over that capability.',
    },
    references: [
      { title: 'LangChain security policy', url: 'https://python.langchain.com/docs/security/' },
      {
        title: 'LangChain: pandas dataframe agent (allow_dangerous_code)',
        url: 'https://python.langchain.com/api_reference/experimental/agents/langchain_experimental.agents.agent_toolkits.pandas.base.create_pandas_dataframe_agent.html',
      },
    ],
    since: '0.1.0',
    limits: [
      'Only the literal `True` counts; a flag set from a variable or configuration is not reported.',
      "The flag is reported on any call, whatever the library, because the names are LangChain's own.",
    ],
    example: {
      language: 'python',
      bad: 'agent = create_pandas_dataframe_agent(llm, df, allow_dangerous_code=True)',
      good: 'agent = create_pandas_dataframe_agent(llm, df)  # answer from a precomputed summary instead',
    },
  },
  triggers: Object.keys(FLAGS),
  check(context: RuleContext) {
    for (const [flag, capability] of Object.entries(FLAGS)) {
      for (const setting of literalFlagSettings(context.facts(), flag, true)) report(context, setting, flag, capability);
    }
  },
};

function report(context: RuleContext, { call, node, value }: FlagSetting, flag: string, capability: string): void {
  context.report({
    at: node,
    messageId: call ? 'callArgument' : 'optionDict',
    data: call ? { callee: call.calleeText, flag, capability } : { flag, capability },
    fix: { title: `Set ${flag}=False`, edits: [context.edit(value, 'False')], applicability: 'unsafe' },
  });
}
