import { FLOW_LIMITS, taintRule } from './taintRule';

export const aip402 = taintRule({
  sources: 'llm',
  sink: 'shell',
  triggers: ['os.system', 'popen', 'subprocess', 'pty.spawn', 'child_process', 'execa', 'shelljs', 'create_subprocess'],
  meta: {
    id: 'AIP402',
    name: 'llm-output-to-shell',
    title: 'LLM output run as a shell command',
    explanation:
      "Model output is attacker-influenced: a prompt injection in the user's message, a document or a tool result can make the model answer with any command. Passing it to `os.system`, `subprocess`, `child_process.exec`/`spawn` or a shell runs that command with the application's permissions, which is the shortest path from a prompt injection to remote code execution.",
    remediation:
      'Do not run model output as a command. Let the model choose among commands you define (a tool call with an enum of actions) and build the argument list yourself, as a list without `shell=True`; quote any free text with `shlex.quote`. If an agent really needs a shell, give it a disposable sandbox without credentials and ask a person to approve each command.',
    owasp: ['LLM05:2025', 'LLM06:2025'],
    cwe: ['CWE-78'],
    atlas: ['AML.T0050', 'AML.T0053'],
    defaultSeverity: 'error',
    securitySeverity: 9.0,
    confidence: 'medium',
    fileKinds: ['python', 'notebook', 'javascript', 'typescript', 'tsx'],
    fixable: false,
    messages: {
      flow: '{source} {where} reaches {sink}: model output can be steered by prompt injection, so this runs a command an attacker chose. Let the model pick from commands you define and build the arguments yourself.',
    },
    references: [
      { title: 'OWASP LLM05:2025 Improper Output Handling', url: 'https://genai.owasp.org/llmrisk/llm052025-improper-output-handling/' },
      {
        title: 'Python: subprocess security considerations',
        url: 'https://docs.python.org/3/library/subprocess.html#security-considerations',
      },
    ],
    limits: [...FLOW_LIMITS, 'Shell wrappers from other libraries (fabric, invoke, sh, plumbum) are not sinks yet.'],
    since: '0.2.0',
    example: {
      language: 'python',
      bad: 'command = llm.invoke(question).content\nsubprocess.run(command, shell=True)',
      good: 'action = llm.with_structured_output(Action).invoke(question)\nsubprocess.run(["git", "log", "-n", str(int(action.count))])',
    },
  },
});
