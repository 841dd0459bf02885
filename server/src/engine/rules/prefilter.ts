import type { Rule } from './rule';

/**
 * Decides in one pass over a file's text which rules can possibly match.
 * All triggers of all rules are compiled into a single alternation, longest first; after each
 * hit the scan resumes one character later, so overlapping triggers are all seen. A trigger that
 * is contained in a longer one that matched at the same place is credited through `implied`.
 */
export class TriggerIndex {
  private readonly pattern: RegExp | undefined;
  private readonly rulesByTrigger = new Map<string, Rule[]>();
  private readonly implied = new Map<string, string[]>();
  private readonly alwaysRun: Rule[] = [];

  constructor(rules: readonly Rule[]) {
    for (const rule of rules) {
      if (rule.triggers.length === 0) this.alwaysRun.push(rule);
      for (const trigger of rule.triggers) {
        const list = this.rulesByTrigger.get(trigger) ?? [];
        list.push(rule);
        this.rulesByTrigger.set(trigger, list);
      }
    }
    const triggers = [...this.rulesByTrigger.keys()].sort((a, b) => b.length - a.length);
    for (const trigger of triggers) {
      this.implied.set(
        trigger,
        triggers.filter((other) => other !== trigger && trigger.includes(other)),
      );
    }
    if (triggers.length > 0) this.pattern = new RegExp(triggers.map(escapeRegExp).join('|'), 'g');
  }

  /** The rules whose triggers occur in `text`, in registry order. */
  select(text: string, candidates: readonly Rule[]): Rule[] {
    const hit = new Set<Rule>(this.alwaysRun);
    if (this.pattern) {
      const seen = new Set<string>();
      const pattern = new RegExp(this.pattern.source, 'g');
      for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
        const trigger = match[0];
        if (!seen.has(trigger)) {
          seen.add(trigger);
          for (const implied of this.implied.get(trigger) ?? []) seen.add(implied);
        }
        pattern.lastIndex = match.index + 1;
      }
      for (const trigger of seen) for (const rule of this.rulesByTrigger.get(trigger) ?? []) hit.add(rule);
    }
    return candidates.filter((rule) => hit.has(rule));
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
