import {
  findTaintFlows,
  LLM_CALLEE_SUFFIXES,
  LLM_METHODS,
  LLM_PACKAGE_LITERALS,
  type SinkKind,
  SOURCE_TRIGGERS,
  type SourceKind,
} from '../dataflow';
import { pythonImports } from '../parse/pythonImports';
import type { RuleMeta } from '../types';
import type { Rule, RuleContext } from './rule';

/**
 * A data-flow rule: a source kind, a sink kind and the sink literals that let a file through. The
 * rule runs only on files holding a sink literal (its triggers), an LLM SDK's name and a source literal (`mayMatch`),
 * and reports on the sink with the source named in the message and attached as related information.
 * Every message of such a rule uses `{source}`, `{where}` and `{sink}`.
 */
export function taintRule(definition: { meta: RuleMeta; sources: SourceKind; sink: SinkKind; triggers: readonly string[] }): Rule {
  const { meta, sources, sink, triggers } = definition;
  return {
    meta,
    triggers,
    // Both kinds of flow need an LLM SDK in the file (model output, or a prompt built for a model) and a source literal.
    mayMatch: (source) =>
      source.mentions(LLM_PACKAGE_LITERALS) &&
      source.mentions(SOURCE_TRIGGERS[sources]) &&
      (source.kind !== 'python' || pythonMayUseLlm(source.codeView())),
    gateLiterals: [...LLM_PACKAGE_LITERALS, ...SOURCE_TRIGGERS[sources]],
    check(context: RuleContext) {
      for (const flow of findTaintFlows(context.facts(), sources, sink)) {
        const line = flow.source.node.startPosition.row;
        // Notebook cells are analysed on their own, so a cell-relative line number would mislead.
        const where = context.path.endsWith('.ipynb') ? 'in this cell' : `at line ${line + 1}`;
        context.report({
          at: flow.site.value,
          messageId: 'flow',
          data: { source: flow.source.description, where, sink: flow.site.sink },
          related: [{ at: flow.source.node, message: `${flow.source.description}: the untrusted value comes from here` }],
        });
      }
    },
  };
}

/** What every data-flow rule does not follow (each rule adds its own). */
export const FLOW_LIMITS = [
  'Functions and methods defined in other files, and library calls other than the known string, JSON, regex and path helpers: their results are treated as clean.',
  'Values stored in object attributes, class fields, globals changed inside functions, or collections filled by `append`/`push` after a read (except through the collection variable itself).',
  'Branch-sensitive paths: a variable is followed to the latest assignment before the use, so a tainted value assigned only in an earlier branch may be missed.',
  'At most a few variable hops per path (the shared flow engine limit), and one level of callers for a function whose parameter reaches the sink.',
  'C#, Java and Go code: not analysed yet.',
];

/**
 * Python code that may call a model: it imports a module named like an LLM SDK or framework, or
 * calls an SDK surface. The one pass also counts `openai` inside a model id
 * (`"openai/clip-vit-large-patch14"` in a diffusion library), which is no SDK.
 */
function pythonMayUseLlm(code: string): boolean {
  const modules = pythonImports(code).map((entry) => entry.module.toLowerCase());
  if (modules.some((module) => LLM_MODULE_WORDS.some((word) => module.includes(word)))) return true;
  return LLM_CALLEE_SUFFIXES.some((suffix) => code.includes(suffix)) || [...LLM_METHODS].some((method) => code.includes(method));
}

/** The package names of `LLM_PACKAGE_LITERALS` (not the import phrasings or SDK surfaces), lower-case. */
const LLM_MODULE_WORDS = LLM_PACKAGE_LITERALS.filter((literal) => /^[\w@-]+$/.test(literal)).map((literal) => literal.toLowerCase());
