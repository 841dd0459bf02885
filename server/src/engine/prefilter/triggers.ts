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
  private readonly keys: string[];
  private readonly gateKeys: ReadonlySet<string>;
  private readonly alwaysRun: ReadonlySet<Rule>;

  /** For each folded literal, the groups that list it. */
  private readonly groupsOf = new Map<string, string[]>();

  constructor(
    private readonly rules: readonly Rule[],
    folded: Readonly<Record<string, readonly string[]>> = {},
  ) {
    const specs = new Map<string, LiteralSpec>();
    for (const rule of rules) for (const trigger of rule.triggers) specs.set(`=${trigger}`, triggerSpec(trigger));
    specs.set(`=${SUPPRESSION_KEYWORD}`, { text: SUPPRESSION_KEYWORD, caseSensitive: true });
    for (const literal of rules.flatMap((rule) => rule.gateLiterals ?? []))
      specs.set(`?${literal}`, { text: literal, caseSensitive: true });
    for (const [group, literals] of Object.entries(folded)) {
      for (const literal of literals) {
        const key = `~${literal.toLowerCase()}`;
        specs.set(key, { text: literal.toLowerCase(), caseSensitive: false });
        this.groupsOf.set(key, [...(this.groupsOf.get(key) ?? []), group]);
      }
    }
    this.keys = [...specs.keys()];
    this.gateKeys = new Set(this.keys.filter((key) => key.startsWith('?')));
    this.scanner = new LiteralScanner([...specs.values()]);
    this.alwaysRun = new Set(rules.filter((rule) => rule.triggers.length === 0));
  }

  /** True when the one pass looks for the literal as a rule's gate literal (`Rule.gateLiterals`). */
  looksFor(literal: string): boolean {
    return this.gateKeys.has(`?${literal}`);
  }

  /** Every literal the one pass looks for (the benchmark hands the same list to ripgrep). */
  literals(): string[] {
    return this.scanner.literals.map((literal) => literal.text);
  }

  /** Scans UTF-8 bytes or a string once. */
  scan(input: string | Uint8Array): FileTriggers {
    const ids = typeof input === 'string' ? this.scanner.scanText(input) : this.scanner.scanBytes(input);
    const found = new Set([...ids].map((id) => this.keys[id]));
    return {
      has: (literal) => found.has(`=${literal}`),
      hasFolded: (literal) => found.has(`~${literal}`),
      hasGate: (literal) => found.has(`?${literal}`),
      // Gate literals only refine rules that some trigger selected: alone they make no file worth reading.
      empty: [...found].every((key) => key.startsWith('?')),
      hasGroup: (group) => [...found].some((key) => this.groupsOf.get(key)?.includes(group)),
    };
  }

  /** The candidates whose triggers occur (or that have none), in the candidates' order. */
  select(input: string | FileTriggers, candidates: readonly Rule[] = this.rules): Rule[] {
    const triggers = typeof input === 'string' ? this.scan(input) : input;
    return candidates.filter((rule) => this.alwaysRun.has(rule) || rule.triggers.some((trigger) => triggers.has(trigger)));
  }
}
