import { FLOW_LIMITS, taintRule } from './taintRule';

export const aip401 = taintRule({
  sources: 'llm',
  sink: 'code',
  triggers: ['eval', 'exec', 'compile', 'Function(', 'runInNewContext', 'runInThisContext', 'runInContext', 'compileFunction', 'Script('],
  meta: {
    id: 'AIP401',
    name: 'llm-output-to-code-exec',
    title: 'LLM output executed as code',
    explanation:
      "A model's answer is shaped by everything in its context: the user's message, retrieved documents, web pages and tool results. A prompt injection anywhere in that context can make the model answer with code of the attacker's choosing, so passing the answer to `eval`, `exec`, `compile`, `new Function` or `vm.run*` runs attacker code with the application's permissions (files, credentials, network).",
    remediation:
      'Do not execute model output. Ask for structured output (a JSON schema or a tool call) and map it to a fixed set of actions you implement. If generated code must run, run it in a sandbox without credentials or network (a container, E2B, a WebAssembly runtime), with a time limit, and show it to a person first.',
    owasp: ['LLM05:2025', 'LLM01:2025'],
    cwe: ['CWE-94', 'CWE-95'],
    atlas: ['AML.T0050', 'AML.T0051'],
    defaultSeverity: 'error',
    securitySeverity: 9.0,
    confidence: 'medium',
    fileKinds: ['python', 'notebook', 'javascript', 'typescript', 'tsx'],
    fixable: false,
    messages: {
      flow: '{source} {where} reaches {sink}: model output can be steered by prompt injection, so this runs code an attacker chose. Map structured output to actions you implement, or run it in a sandbox.',
    },
    references: [
      { title: 'OWASP LLM05:2025 Improper Output Handling', url: 'https://genai.owasp.org/llmrisk/llm052025-improper-output-handling/' },
    ],
    limits: [
      ...FLOW_LIMITS,
      'Code-execution helpers of agent frameworks (`PythonREPL`, `exec` in a tool) are other rules; here only direct `eval`/`exec`/`compile`/`new Function`/`vm` calls count.',
    ],
    evaluation:
      "Reviewed on 24 agent and LLM application repositories (no finding of this rule: vanna's and pandas-ai's `exec` of generated code sits in other modules) and public LangChain and Gemini data-analysis files: 2 findings, 2 correct (precision 1.00), one through a same-file `clean_code()` helper, one despite a restricted `__builtins__`.",
    since: '0.2.0',
    example: {
      language: 'python',
      bad: 'reply = client.chat.completions.create(model=MODEL, messages=messages)\ncode = reply.choices[0].message.content\nexec(code)',
      good: 'reply = client.chat.completions.create(model=MODEL, messages=messages, tools=TOOLS)\ncall = reply.choices[0].message.tool_calls[0]\nACTIONS[call.function.name](**json.loads(call.function.arguments))',
    },
  },
});
