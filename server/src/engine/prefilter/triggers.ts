import type { Rule } from '../rules/rule';
import { LiteralScanner, type LiteralSpec } from './literalScanner';

/**
 * What one pass over a file found: which literals of the rules and of the AI-BOM collectors occur
 * in it. Computed once per file version (on the bytes, before decoding) and handed to every rule
 * selector and collector gate, so no consumer scans the text again to decide whether to run.
 */
export interface FileTriggers {
  /** A rule trigger, matched with its case. */
  has(literal: string): boolean;
  /** A collector literal, matched without case (pass it in lower case). */
  hasFolded(literal: string): boolean;
  /** A rule's gate literal (`Rule.gateLiterals`), matched with its case. */
  hasGate(literal: string): boolean;
  /** Nothing matched: no rule or literal-gated collector can use this file. */
  readonly empty: boolean;
  /** Some collector literal of the group matched (rule triggers aside). */
  hasGroup(group: string): boolean;
}

/** The suppression keyword: a file that mentions it needs its directives checked (AIP000). */
export const SUPPRESSION_KEYWORD = 'ai-posture-ignore';

/** Marks a trigger that must start a word: `wordTrigger('pipeline')` is found in `pipeline(`, not in `make_pipeline(`. */
export function wordTrigger(word: string): string {
  return `${WORD_START}${word}`;
}

const WORD_START = '\\b';

function triggerSpec(trigger: string): LiteralSpec {
  return trigger.startsWith(WORD_START)
    ? { text: trigger.slice(WORD_START.length), caseSensitive: true, wordStart: true }
    : { text: trigger, caseSensitive: true };
}

/** Whether a rule trigger occurs in a (small) text, the way the one pass would find it. */
export function triggerOccurs(trigger: string, text: string): boolean {
  if (!trigger.startsWith(WORD_START)) return text.includes(trigger);
  const word = trigger.slice(WORD_START.length);
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    if (at === 0 || !/[\w]/.test(text[at - 1])) return true;
  }
  return false;
}

/** One scanner over the triggers of a set of rules plus extra (case-insensitive) literals. */
export class TriggerIndex {
  private readonly scanner: LiteralScanner;
  private readonly alwaysRun: ReadonlySet<Rule>;
  /** Scanner ids by kind of literal: rule triggers (with case), collector literals (folded), gate literals. */
  private readonly triggerIds = new Map<string, number>();
  private readonly foldedIds = new Map<string, number>();
  private readonly gateIds = new Map<string, number>();
  /** For each scanner id, the rules it triggers and the collector groups that list it. */
  private readonly rulesOfId: Rule[][] = [];
  private readonly groupsOfId: string[][] = [];
  /** Ids of the gate literals (each kind of literal has its own scanner ids). */
  private readonly gateOnly: ReadonlySet<number>;
  private readonly known: ReadonlySet<Rule>;

  constructor(
    private readonly rules: readonly Rule[],
    folded: Readonly<Record<string, readonly string[]>> = {},
    gates: readonly string[] = [],
  ) {
    const specs: LiteralSpec[] = [];
    const idOf = (ids: Map<string, number>, key: string, spec: LiteralSpec) => {
      let id = ids.get(key);
      if (id === undefined) {
        id = specs.push(spec) - 1;
        ids.set(key, id);
        this.rulesOfId[id] = [];
        this.groupsOfId[id] = [];
      }
      return id;
    };
    for (const rule of rules)
      for (const trigger of rule.triggers) this.rulesOfId[idOf(this.triggerIds, trigger, triggerSpec(trigger))].push(rule);
    idOf(this.triggerIds, SUPPRESSION_KEYWORD, { text: SUPPRESSION_KEYWORD, caseSensitive: true });
    for (const literal of [...rules.flatMap((rule) => rule.gateLiterals ?? []), ...gates])
      idOf(this.gateIds, literal, { text: literal, caseSensitive: true });
    for (const [group, literals] of Object.entries(folded)) {
      for (const literal of literals) {
        const text = literal.toLowerCase();
        const groups = this.groupsOfId[idOf(this.foldedIds, text, { text, caseSensitive: false })];
        if (!groups.includes(group)) groups.push(group);
      }
    }
    this.scanner = new LiteralScanner(specs);
    this.gateOnly = new Set(this.gateIds.values());
    this.known = new Set(rules);
    this.alwaysRun = new Set(rules.filter((rule) => rule.triggers.length === 0));
  }

  /** True when the one pass looks for the literal as a rule trigger (matched with its case). */
  looksForTrigger(literal: string): boolean {
    return this.triggerIds.has(literal);
  }

  /** True when the one pass looks for the literal as a gate literal (`Rule.gateLiterals`, collector gates). */
  looksFor(literal: string): boolean {
    return this.gateIds.has(literal);
  }

  /** Every literal the one pass looks for (the benchmark hands the same list to ripgrep). */
  literals(): string[] {
    return this.scanner.literals.map((literal) => literal.text);
  }

  /** Scans UTF-8 bytes or a string once. */
  scan(input: string | Uint8Array): FileTriggers {
    const ids = typeof input === 'string' ? this.scanner.scanText(input) : this.scanner.scanBytes(input);
    const found = (table: Map<string, number>, literal: string) => {
      const id = table.get(literal);
      return id !== undefined && ids.has(id);
    };
    const gateOnly = this.gateOnly;
    return new ScannedTriggers(this, ids, {
      has: (literal) => found(this.triggerIds, literal),
      hasFolded: (literal) => found(this.foldedIds, literal),
      hasGate: (literal) => found(this.gateIds, literal),
      // Gate literals only refine rules that some trigger selected: alone they make no file worth reading.
      empty: [...ids].every((id) => gateOnly.has(id)),
      hasGroup: (group) => [...ids].some((id) => this.groupsOfId[id].includes(group)),
    });
  }

  /** The candidates whose triggers occur (or that have none), in the candidates' order. */
  select(input: string | FileTriggers, candidates: readonly Rule[] = this.rules): Rule[] {
    const triggers = typeof input === 'string' ? this.scan(input) : input;
    if (!(triggers instanceof ScannedTriggers) || triggers.index !== this) {
      return candidates.filter((rule) => this.alwaysRun.has(rule) || rule.triggers.some((trigger) => triggers.has(trigger)));
    }
    // From the few literals found to their rules, rather than from every rule's triggers to the file.
    const triggered = new Set<Rule>();
    for (const id of triggers.ids) for (const rule of this.rulesOfId[id]) triggered.add(rule);
    const occurs = (rule: Rule) => (this.known.has(rule) ? triggered.has(rule) : rule.triggers.some((trigger) => triggers.has(trigger)));
    return candidates.filter((rule) => this.alwaysRun.has(rule) || occurs(rule));
  }
}

/** One file's scan result; `select` reads its ids directly when it comes from the same index. */
class ScannedTriggers implements FileTriggers {
  readonly has: FileTriggers['has'];
  readonly hasFolded: FileTriggers['hasFolded'];
  readonly hasGate: FileTriggers['hasGate'];
  readonly hasGroup: FileTriggers['hasGroup'];
  readonly empty: boolean;

  constructor(
    readonly index: TriggerIndex,
    readonly ids: ReadonlySet<number>,
    lookups: FileTriggers,
  ) {
    this.has = lookups.has;
    this.hasFolded = lookups.hasFolded;
    this.hasGate = lookups.hasGate;
    this.hasGroup = lookups.hasGroup;
    this.empty = lookups.empty;
  }
}
