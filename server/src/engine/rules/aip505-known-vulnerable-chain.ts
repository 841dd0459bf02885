import { keywordArg, positionalArgs, stringValue } from '../parse/python';
import type { Node } from '../parse/treeSitter';
import { frameworkCalls } from './pythonFrameworkCalls';
import type { Rule, RuleContext } from './rule';

const LANGCHAIN_ROOTS = ['langchain', 'langchain_experimental', 'langchain_community', 'langchain_core'];
/** Extensions of the prompt and chain files a repository ships next to its code. */
const PROMPT_FILE = /\.(?:ya?ml|json|txt)$/i;

/** Chains with a history of code execution or injection, and what went wrong. */
const VULNERABLE_CHAINS: Readonly<Record<string, string>> = {
  LLMMathChain: 'evaluates model-written math expressions (exec in early releases, numexpr later: CVE-2023-39631)',
  PALChain: 'executes the Python program the model writes (CVE-2023-44467 and earlier bypasses)',
  LLMSymbolicMathChain: 'passes model output to sympy.sympify, which evaluates it (CVE-2024-46946)',
  VectorSQLDatabaseChain: 'evaluates model output while parsing query results (CVE-2024-21513)',
  SQLDatabaseChain: 'runs the SQL the model writes against the database (SQL injection, CVE-2023-36189)',
};
/** Loaders that build prompts and chains from a file, which may carry code or a hub path. */
const FILE_LOADERS = new Set(['load_prompt', 'load_chain']);

export const aip505: Rule = {
  meta: {
    id: 'AIP505',
    name: 'known-vulnerable-chain',
    title: 'LangChain chain with a history of code execution',
    explanation:
      'Some LangChain chains turn model output into code or queries: `LLMMathChain` and `LLMSymbolicMathChain` evaluate the expression the model writes, `PALChain` runs the program it writes, `VectorSQLDatabaseChain` and `SQLDatabaseChain` run its SQL. Each has had remote-code-execution or injection advisories, and each stays exposed to prompt injection by design. `load_prompt`/`load_chain` build objects from a file whose path is not fixed in the code (CVE-2023-34541, CVE-2024-28088): whoever chooses the path chooses what gets loaded.',
    remediation:
      'Replace the chain with one that does not execute model output (a calculator tool with a strict grammar, a read-only SQL tool behind a database user with minimal rights), upgrade `langchain`/`langchain-experimental` past the advisories, and load prompts and chains only from fixed paths in your repository.',
    owasp: ['LLM05:2025', 'LLM03:2025', 'LLM06:2025'],
    cwe: ['CWE-94', 'CWE-89', 'CWE-1395'],
    atlas: ['AML.T0050', 'AML.T0053', 'AML.T0051'],
    defaultSeverity: 'warning',
    securitySeverity: 7.5,
    confidence: 'medium',
    fileKinds: ['python', 'notebook'],
    fixable: false,
    messages: {
      vulnerableChain: '{callee}() {risk}: a prompt injection can reach it.',
      loaderPath: '{callee}() loads a prompt or chain from a path that is not fixed in the code: whoever controls it controls what runs.',
    },
    references: [
      { title: 'LangChain security policy', url: 'https://python.langchain.com/docs/security/' },
      { title: 'PyPA advisory database: langchain', url: 'https://github.com/pypa/advisory-database/tree/main/vulns/langchain' },
    ],
    since: '0.1.0',
    limits: [
      'The installed version is not checked: a chain is reported even where the advisories are fixed, because each still executes or queries with model output.',
      'A `load_prompt`/`load_chain` path is considered fixed when it is a literal, a module constant, or is built from `__file__` or a string ending in `.yaml`/`.json`/`.txt`.',
    ],
    example: {
      language: 'python',
      bad: 'chain = LLMMathChain.from_llm(llm)',
      good: 'tools = [numexpr_free_calculator]  # a tool that parses arithmetic with a strict grammar',
    },
  },
  triggers: [...Object.keys(VULNERABLE_CHAINS), ...FILE_LOADERS],
  check(context: RuleContext) {
    const module = context.facts().python;
    for (const { call, name } of frameworkCalls(module, LANGCHAIN_ROOTS, new Set(Object.keys(VULNERABLE_CHAINS)))) {
      context.report({
        at: call.node.childForFieldName('function') ?? call.node,
        messageId: 'vulnerableChain',
        data: { callee: call.calleeText, risk: VULNERABLE_CHAINS[name] },
      });
    }
    for (const { call } of frameworkCalls(module, LANGCHAIN_ROOTS, FILE_LOADERS)) {
      const path = (keywordArg(call, 'path') ?? keywordArg(call, 'file') ?? positionalArgs(call)[0])?.value;
      // A literal (or a module constant) is a file of the repository; anything else is chosen at run time.
      if (!path || module.stringConstant(path) !== undefined || isRepositoryPath(path)) continue;
      context.report({ at: path, messageId: 'loaderPath', data: { callee: call.calleeText } });
    }
  },
};

/** A path built next to the code (`Path(__file__).parent / "x.yaml"`, `f"prompts/{name}.yaml"`): chosen by the repository. */
function isRepositoryPath(path: Node): boolean {
  if (path.text.includes('__file__')) return true;
  if (path.type === 'string') return PROMPT_FILE.test(path.text.replace(/["']+$/, ''));
  return path.descendantsOfType('string').some((node) => node !== null && PROMPT_FILE.test(stringValue(node) ?? ''));
}
