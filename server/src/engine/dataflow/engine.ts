import type { CodeFacts } from '../facts';
import type { Node } from '../parse/treeSitter';
import { type SinkKind, type SinkSite, type SourceKind, strongest, type Taint, type TaintFlow, type TaintSource } from './types';

/**
 * What a language tells the taint engine: its sinks, how expressions carry values, and how its
 * functions, calls and parameters are shaped. The walk itself (variables to their reaching binding,
 * the hop limit, cycles) is the facts layer's flow engine (`facts.flow.origin`).
 */
export interface TaintLanguage {
  /** Places in the file where a value reaches a sink of this kind. */
  sinkSites(kind: SinkKind): SinkSite[];
  /**
   * One step of the backward walk: a source, a sanitiser (`clean`), a parameter, or a structural
   * step into the children that carry the value (`next`). Undefined lets the flow engine follow
   * the expression (a variable to its binding).
   */
  classify(node: Node, next: (node: Node) => Taint | undefined, analysis: { sources: SourceKind; sink: SinkKind }): Taint | undefined;
  /** Literals that must occur in a function's text for it to read a source of this kind. */
  sourceTriggers(kind: SourceKind): readonly string[];
  /** The function around a node, undefined at module level. */
  enclosingFunction(node: Node): Node | undefined;
  /** The text that decides whether a function may read a source (with its decorators). */
  scopeText(fn: Node | undefined): string;
  /** Every function definition in the file. */
  functions(): Node[];
  functionName(fn: Node): string | undefined;
  /** The same-file function a call node calls, if the node is such a call. */
  calledFunction(node: Node): Node | undefined;
  /** Call nodes in the file that call `fn`. */
  callsOf(fn: Node): Node[];
  /** The argument a call passes for a parameter (by position or by keyword). */
  argumentFor(call: Node, fn: Node, index: number, name: string): Node | undefined;
  /** The expressions a function returns (an arrow function's body expression included). */
  returnValues(fn: Node): Node[];
}

/**
 * One construct, one finding: when a sink's value holds another sink of the same kind
 * (`conn.execute(text(sql))`), only the inner one is reported.
 */
function innermost(flows: TaintFlow[]): TaintFlow[] {
  const inside = (inner: Node, outer: Node) =>
    inner.id !== outer.id && outer.startIndex <= inner.startIndex && inner.endIndex <= outer.endIndex;
  return flows.filter((flow) => !flows.some((other) => inside(other.site.value, flow.site.value)));
}

/** How many expressions one sink's walk may visit: a bound that keeps huge expressions cheap. */
const MAX_STEPS = 4000;

/**
 * Intraprocedural taint tracking with same-file function summaries: from each sink back to a source
 * through the facts' flow engine, through calls of functions defined in the same file (a parameter
 * that reaches the return value), and from a sink fed by a parameter out to the function's callers.
 * Only functions whose text holds a source trigger (or calls one that does) are analysed.
 */
export class TaintEngine {
  private readonly summaries = new Map<number, Taint | undefined | 'pending'>();
  private sourceFunctionNames: string[] | undefined;

  constructor(
    private readonly facts: CodeFacts,
    private readonly language: TaintLanguage,
    private readonly sources: SourceKind,
    private readonly sink: SinkKind,
  ) {}

  flows(): TaintFlow[] {
    const flows: TaintFlow[] = [];
    const seen = new Set<number>();
    for (const site of this.language.sinkSites(this.sink)) {
      if (seen.has(site.value.id) || !this.worthAnalysing(site.value)) continue;
      seen.add(site.value.id);
      const taint = this.taintOf(site.value);
      const source = taint?.kind === 'source' ? taint.source : taint?.kind === 'param' ? this.fromCallers(site.value, taint) : undefined;
      if (source) flows.push({ site, source });
    }
    return innermost(flows);
  }

  /** What `node` carries, walking back through the file. */
  taintOf(node: Node): Taint | undefined {
    let budget = MAX_STEPS;
    const analysis = { sources: this.sources, sink: this.sink };
    return this.facts.flow.origin<Taint>(node, (current, next) => {
      budget -= 1;
      if (budget < 0) return { kind: 'clean' };
      const fn = this.language.calledFunction(current);
      if (fn) return this.throughCall(current, fn, next);
      return this.language.classify(current, next, analysis);
    });
  }

  /** A call of a same-file function: its summary, with parameters replaced by the call's arguments. */
  private throughCall(call: Node, fn: Node, next: (node: Node) => Taint | undefined): Taint | undefined {
    const summary = this.summary(fn);
    if (summary?.kind !== 'param') return summary ?? { kind: 'clean' };
    const argument = this.language.argumentFor(call, fn, summary.index, summary.name);
    return argument ? next(argument) : { kind: 'clean' };
  }

  private summary(fn: Node): Taint | undefined {
    const known = this.summaries.get(fn.id);
    if (known === 'pending') return undefined; // recursion: the other paths decide
    if (this.summaries.has(fn.id)) return known;
    this.summaries.set(fn.id, 'pending');
    const result = strongest(this.language.returnValues(fn).map((value) => this.taintOf(value)));
    this.summaries.set(fn.id, result);
    return result;
  }

  /** A sink fed by a parameter: the first caller in the file that passes a source for it. */
  private fromCallers(value: Node, param: { index: number; name: string }): TaintSource | undefined {
    const fn = this.language.enclosingFunction(value);
    if (!fn) return undefined;
    for (const call of this.language.callsOf(fn)) {
      const argument = this.language.argumentFor(call, fn, param.index, param.name);
      if (!argument || !this.worthAnalysing(argument)) continue;
      const taint = this.taintOf(argument);
      if (taint?.kind === 'source') return taint.source;
    }
    return undefined;
  }

  /**
   * The speed gate: a sink is followed only when its function (or the module, for top-level code)
   * reads a source itself, calls a same-file function that does, or is called from one.
   */
  private worthAnalysing(node: Node): boolean {
    const fn = this.language.enclosingFunction(node);
    const text = this.language.scopeText(fn);
    if (this.hasSourceTrigger(text)) return true;
    const names = this.sourceFunctions();
    if (names.some((name) => text.includes(`${name}(`))) return true;
    const own = fn ? this.language.functionName(fn) : undefined;
    return (
      own !== undefined &&
      this.language
        .callsOf(fn as Node)
        .some((call) => this.hasSourceTrigger(this.language.scopeText(this.language.enclosingFunction(call))))
    );
  }

  private hasSourceTrigger(text: string): boolean {
    return this.language.sourceTriggers(this.sources).some((trigger) => text.includes(trigger));
  }

  private sourceFunctions(): string[] {
    this.sourceFunctionNames ??= this.language
      .functions()
      .filter((fn) => this.hasSourceTrigger(this.language.scopeText(fn)))
      .flatMap((fn) => this.language.functionName(fn) ?? []);
    return this.sourceFunctionNames;
  }
}
