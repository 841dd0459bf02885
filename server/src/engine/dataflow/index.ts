import type { CodeFacts } from '../facts';
import { TaintEngine } from './engine';
import { JavaScriptTaint } from './javascript';
import { PythonTaint } from './python';
import type { SinkKind, SourceKind, TaintFlow } from './types';

export { LLM_CALLEE_SUFFIXES, LLM_METHODS, LLM_PACKAGE_LITERALS, SOURCE_TRIGGERS } from './specs';
export type { SinkKind, SinkSite, SourceKind, Taint, TaintFlow, TaintSource } from './types';

/**
 * Every path in one file from a source of `sources` to a sink of `sink` (Python and
 * JavaScript/TypeScript; other languages have none yet). Facts and nodes are valid only while the
 * tree is: call inside a rule's `check`.
 */
export function findTaintFlows(facts: CodeFacts, sources: SourceKind, sink: SinkKind): TaintFlow[] {
  const language =
    facts.language === 'python' ? new PythonTaint(facts) : facts.language === 'javascript' ? new JavaScriptTaint(facts) : undefined;
  return language ? new TaintEngine(facts, language, sources, sink).flows() : [];
}
