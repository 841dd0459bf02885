import ignore from 'ignore';
import type { IgnoreEntry } from '../config/config';
import type { Finding } from '../types';
import type { Directive } from './comments';

export const UNUSED_SUPPRESSION_RULE = 'AIP000';

/** Today's date as `YYYY-MM-DD` (UTC), the form `until` uses. */
export function isoToday(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

function expired(until: string | undefined, today: string): boolean {
  return until !== undefined && until < today;
}

/**
 * Marks findings suppressed by comment directives or config `ignore` entries, in place.
 * Returns the directives' rule ids that matched nothing (`line:rule` keys) for the unused report.
 */
export function applySuppressions(
  findings: Finding[],
  directives: Directive[],
  configIgnores: IgnoreEntry[],
  today: string,
): { directive: Directive; ruleId: string }[] {
  const used = new Set<string>();
  for (const finding of findings) {
    const directive = directives.find(
      (candidate) =>
        candidate.rules.includes(finding.ruleId) && (candidate.scope === 'file' || candidate.targetLine === finding.range.start.line),
    );
    if (directive) {
      used.add(key(directive, finding.ruleId));
      mark(finding, 'inSource', directive.reason, directive.until, today);
      continue;
    }
    const entry = configIgnores.find((candidate) => matchesEntry(candidate, finding));
    if (entry) mark(finding, 'external', entry.reason, entry.until, today);
  }
  return directives.flatMap((directive) =>
    directive.rules.filter((ruleId) => !used.has(key(directive, ruleId))).map((ruleId) => ({ directive, ruleId })),
  );
}

function key(directive: Directive, ruleId: string): string {
  return `${directive.range.start.line}:${directive.range.start.character}:${ruleId}`;
}

function mark(finding: Finding, kind: 'inSource' | 'external', reason: string, until: string | undefined, today: string): void {
  if (expired(until, today)) {
    finding.expiredSuppression = until;
    finding.message += ` (its suppression expired on ${until})`;
    return;
  }
  finding.suppression = { kind, justification: reason, ...(until ? { until } : {}) };
}

const matcherCache = new WeakMap<IgnoreEntry, ReturnType<typeof ignore>>();

function matchesEntry(entry: IgnoreEntry, finding: Finding): boolean {
  if (entry.rule !== '*' && entry.rule !== finding.ruleId) return false;
  if (!entry.paths || entry.paths.length === 0) return true;
  let matcher = matcherCache.get(entry);
  if (!matcher) {
    matcher = ignore().add(entry.paths);
    matcherCache.set(entry, matcher);
  }
  return isRelative(finding.path) && matcher.ignores(finding.path);
}

function isRelative(path: string): boolean {
  return path !== '' && !path.startsWith('/') && !/^[A-Za-z]:/.test(path) && !path.startsWith('..');
}
