import { isTrue, keywordArg, type PyCall, positionalArgs, stringValue } from '../parse/python';
import type { Node } from '../parse/treeSitter';
import { type FrameworkCall, frameworkCalls } from './pythonFrameworkCalls';
import type { Rule, RuleContext } from './rule';

const LANGCHAIN_ROOTS = ['langchain', 'langchain_experimental', 'langchain_community'];
const LLAMA_INDEX_ROOTS = ['llama_index'];
const CREWAI_ROOTS = ['crewai', 'crewai_tools'];

/** Tools that hand the model a Python interpreter or a shell, by what they run. */
const LANGCHAIN_TOOLS: Readonly<Record<string, string>> = {
  PythonREPLTool: 'Python',
  PythonREPL: 'Python',
  PythonAstREPLTool: 'Python',
  ShellTool: 'shell commands',
  BashProcess: 'shell commands',
};
const LLAMA_INDEX_TOOLS: Readonly<Record<string, string>> = {
  CodeInterpreterToolSpec: 'Python',
  PandasQueryEngine: 'Python (pandas expressions evaluated with eval)',
};
/** `load_tools` names that build a shell or Python tool. */
const LOADABLE_EXEC_TOOLS = new Set(['terminal', 'python_repl']);

export const aip501: Rule = {
  meta: {
    id: 'AIP501',
    name: 'agent-code-execution-tool',
    title: 'Agent given a code or shell execution tool',
    explanation:
      'A tool that runs Python or shell commands (LangChain `PythonREPLTool`, `PythonAstREPLTool`, `ShellTool`, `BashProcess`, `load_tools(["terminal"])`; LlamaIndex `CodeInterpreterToolSpec` and `PandasQueryEngine`; CrewAI agents with unsafe code execution) executes whatever the model decides to run, in the application\'s process or on its host. The model decides from text it reads: a prompt injection in a user message, a retrieved document or a tool result becomes code execution with the application\'s files, credentials and network access.',
    remediation:
      'Do not give agents an interpreter unless that is the product. If it is, run the code in an isolated sandbox (a container without credentials or network, E2B, Modal, Azure Container Apps dynamic sessions), require human approval before each execution, and treat everything the tool returns as untrusted.',
    owasp: ['LLM06:2025', 'LLM05:2025', 'LLM01:2025'],
    cwe: ['CWE-94', 'CWE-78'],
    atlas: ['AML.T0053', 'AML.T0050', 'AML.T0051.001'],
    defaultSeverity: 'error',
    securitySeverity: 8.8,
    confidence: 'high',
    fileKinds: ['python', 'notebook'],
    fixable: false,
    messages: {
      executionTool: '{callee}() gives the agent a tool that runs {runs} chosen by the model: a prompt injection becomes code execution.',
      loadedTool:
        'load_tools() with "{tool}" gives the agent a tool that runs commands chosen by the model: a prompt injection becomes code execution.',
      crewUnsafeExecution:
        '{callee}() with code_execution_mode="unsafe" runs the code the agent writes directly on this machine, outside Docker.',
      crewUnsafeInterpreter: '{callee}() with unsafe_mode=True runs the code the agent writes directly on this machine, outside Docker.',
    },
    references: [
      { title: 'LangChain security policy', url: 'https://python.langchain.com/docs/security/' },
      { title: 'CrewAI: Code Interpreter tool', url: 'https://docs.crewai.com/en/tools/ai-ml/codeinterpretertool' },
    ],
    since: '0.1.0',
    limits: [
      'Only the tools named here are recognised; a custom `Tool` wrapping `exec`, `subprocess` or `eval` is not (that is data flow, AIP4xx).',
      '`load_tools` is judged on a literal list of names; a list built elsewhere is not followed.',
      "A bare name that is neither imported nor defined in the file (a notebook cell using an earlier cell's import, a star import) is taken as the framework's class.",
    ],
    example: {
      language: 'python',
      bad: 'agent = initialize_agent([PythonREPLTool()], llm, agent=AgentType.ZERO_SHOT_REACT_DESCRIPTION)',
      good: 'agent = initialize_agent([search_tool], llm, agent=AgentType.ZERO_SHOT_REACT_DESCRIPTION)',
    },
  },
  triggers: [...Object.keys(LANGCHAIN_TOOLS), ...Object.keys(LLAMA_INDEX_TOOLS), 'load_tools', 'code_execution_mode', 'unsafe_mode'],
  check(context: RuleContext) {
    const module = context.facts().python;
    const tools = { ...LANGCHAIN_TOOLS, ...LLAMA_INDEX_TOOLS };
    const toolCalls = [
      ...frameworkCalls(module, LANGCHAIN_ROOTS, new Set(Object.keys(LANGCHAIN_TOOLS))),
      ...frameworkCalls(module, LLAMA_INDEX_ROOTS, new Set(Object.keys(LLAMA_INDEX_TOOLS))),
    ];
    for (const { call, name } of toolCalls) {
      context.report({ at: calleeNode(call), messageId: 'executionTool', data: { callee: call.calleeText, runs: tools[name] } });
    }
    for (const found of frameworkCalls(module, LANGCHAIN_ROOTS, new Set(['load_tools']))) checkLoadTools(context, found);
    for (const found of frameworkCalls(module, CREWAI_ROOTS, new Set(['Agent', 'CodeInterpreterTool']))) checkCrewAi(context, found);
  },
};

function calleeNode(call: PyCall): Node {
  return call.node.childForFieldName('function') ?? call.node;
}

/** `load_tools(["terminal", "llm-math"], llm=llm)`: the dangerous names in the literal list. */
function checkLoadTools(context: RuleContext, { call }: FrameworkCall): void {
  const list = (keywordArg(call, 'tool_names') ?? positionalArgs(call)[0])?.value;
  if (list?.type !== 'list') return;
  for (const item of list.namedChildren) {
    const tool = item ? stringValue(item) : undefined;
    if (item && tool && LOADABLE_EXEC_TOOLS.has(tool)) context.report({ at: item, messageId: 'loadedTool', data: { tool } });
  }
}

/**
 * CrewAI: `Agent(allow_code_execution=True, code_execution_mode="unsafe")` and
 * `CodeInterpreterTool(unsafe_mode=True)`. The default ("safe") mode runs the code in Docker.
 */
function checkCrewAi(context: RuleContext, { call, name }: FrameworkCall): void {
  if (name === 'CodeInterpreterTool') {
    const unsafe = keywordArg(call, 'unsafe_mode');
    if (unsafe && isTrue(unsafe.value)) {
      context.report({ at: unsafe.node, messageId: 'crewUnsafeInterpreter', data: { callee: call.calleeText } });
    }
    return;
  }
  const allowed = keywordArg(call, 'allow_code_execution');
  const mode = keywordArg(call, 'code_execution_mode');
  if (allowed && isTrue(allowed.value) && mode && stringValue(mode.value) === 'unsafe') {
    context.report({ at: mode.node, messageId: 'crewUnsafeExecution', data: { callee: call.calleeText } });
  }
}
