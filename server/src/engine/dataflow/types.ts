import type { Node } from '../parse/treeSitter';

/**
 * The vocabulary of the data-flow (taint) engine: where untrusted values come from, where they must
 * not go, and what one analysis reports.
 */

/** Untrusted data a rule follows: what a user sends (HTTP, CLI) or what a model answers. */
export type SourceKind = 'user' | 'llm';

/** Where a rule's untrusted value must not arrive unsanitised. */
export type SinkKind = 'system-prompt' | 'code' | 'shell' | 'sql' | 'html' | 'request';

/** Where a tainted value was found to come from. */
export interface TaintSource {
  /** The expression that reads the untrusted value (`request.json`, `client.chat.completions.create(...)`). */
  node: Node;
  /** What it is, in words: `request data (request.json)`, `LLM output (client.messages.create())`. */
  description: string;
}

/**
 * What an expression carries:
 * - `source`: an untrusted value;
 * - `param`: the value of the enclosing function's parameter (a summary, resolved at its call sites);
 * - `clean`: a sanitiser or a constant decided it is safe, which stops the walk along this path.
 */
export type Taint = { kind: 'source'; source: TaintSource } | { kind: 'param'; index: number; name: string } | { kind: 'clean' };

/** One place where a value is consumed by a sink. */
export interface SinkSite {
  /** The expression whose value reaches the sink (an argument, an assigned value, a dict value). */
  value: Node;
  /** What consumes it, in words: `exec()`, `the system prompt`, `innerHTML`. */
  sink: string;
}

/** A path from a source to a sink. */
export interface TaintFlow {
  site: SinkSite;
  source: TaintSource;
}

/** Stronger evidence wins when two paths meet (`a + b`): a source over a parameter over clean. */
export function strongest(results: (Taint | undefined)[]): Taint | undefined {
  let best: Taint | undefined;
  for (const result of results) {
    if (!result) continue;
    if (result.kind === 'source') return result;
    if (!best || (best.kind === 'clean' && result.kind === 'param')) best = result;
  }
  return best;
}
