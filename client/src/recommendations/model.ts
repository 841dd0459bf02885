/**
 * What the Recommendations view computes from the server's answer: the posture score, sorting and
 * filtering, the reference links of a rule, and the view state kept across reloads. Pure and free of
 * `vscode` and of Node: the webview bundle and the extension both import it, and mocha tests it.
 */
import type { Recommendation, RecommendationPlace, RecommendationsResult } from '../../../server/src/shared/protocol';

export type Severity = Recommendation['severity'];
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

/** How much a rule weighs in the posture score; hints are advice, not risk, and weigh nothing. */
export const SEVERITY_WEIGHT: Record<Severity, number> = { error: 3, warning: 2, information: 1, hint: 0 };

/** The engine's own "unused suppression" diagnostic: hygiene, listed but not part of the score. */
export const UNUSED_SUPPRESSION_RULE = 'AIP000';

export interface PostureScore {
  /** 0–100, rounded; 100 when nothing applies. */
  percent: number;
  /** Rules that apply and have no open finding. */
  healthy: number;
  /** Rules that apply: healthy ones plus those with open findings. */
  total: number;
  healthyWeight: number;
  totalWeight: number;
}

/** The weighted share of applicable rules with no open finding, like Defender for Cloud's secure score. */
export function postureScore(result: Pick<RecommendationsResult, 'recommendations' | 'healthyRules'>): PostureScore {
  const open = result.recommendations.filter((recommendation) => recommendation.ruleId !== UNUSED_SUPPRESSION_RULE);
  const healthyWeight = result.healthyRules.reduce((sum, rule) => sum + SEVERITY_WEIGHT[rule.severity], 0);
  const openWeight = open.reduce((sum, recommendation) => sum + SEVERITY_WEIGHT[recommendation.severity], 0);
  const totalWeight = healthyWeight + openWeight;
  const percent = totalWeight === 0 ? 100 : Math.round((100 * healthyWeight) / totalWeight);
  return { percent, healthy: result.healthyRules.length, total: result.healthyRules.length + open.length, healthyWeight, totalWeight };
}

export function scoreExplanation(score: PostureScore): string {
  const rules = score.total === 1 ? 'rule' : 'rules';
  return (
    `${score.healthy} of ${score.total} applicable ${rules} have no open finding, ` +
    'weighted by severity (error 3, warning 2, information 1).'
  );
}

export type SortKey = 'severity' | 'count' | 'ruleId';
export const SORT_KEYS: readonly SortKey[] = ['severity', 'count', 'ruleId'];
export const SORT_LABELS: Record<SortKey, string> = { severity: 'Severity', count: 'Affected places', ruleId: 'Rule id' };

export interface Filters {
  severity: Severity | 'all';
  /** A rule family such as `AIP1xx`, or all. */
  family: string;
  /** Matched, case-insensitively, against the rule id, name, title and the places' paths and messages. */
  text: string;
}

export const NO_FILTERS: Filters = { severity: 'all', family: 'all', text: '' };

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

export function compareRecommendations(sort: SortKey): (a: Recommendation, b: Recommendation) => number {
  const bySeverity = (a: Recommendation, b: Recommendation) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity];
  const byCount = (a: Recommendation, b: Recommendation) => b.places.length - a.places.length;
  const byId = (a: Recommendation, b: Recommendation) => a.ruleId.localeCompare(b.ruleId);
  if (sort === 'count') return (a, b) => byCount(a, b) || bySeverity(a, b) || byId(a, b);
  if (sort === 'ruleId') return byId;
  return (a, b) => bySeverity(a, b) || byCount(a, b) || byId(a, b);
}

export function matchesFilters(recommendation: Recommendation, filters: Filters): boolean {
  if (filters.severity !== 'all' && recommendation.severity !== filters.severity) return false;
  if (filters.family !== 'all' && familyOf(recommendation.ruleId) !== filters.family) return false;
  const needle = filters.text.trim().toLowerCase();
  if (!needle) return true;
  const haystack = [
    recommendation.ruleId,
    recommendation.name,
    recommendation.title,
    ...recommendation.places.flatMap((place) => [place.path, place.message]),
  ];
  return haystack.some((text) => text.toLowerCase().includes(needle));
}

export function visibleRecommendations(list: readonly Recommendation[], sort: SortKey, filters: Filters): Recommendation[] {
  return list.filter((recommendation) => matchesFilters(recommendation, filters)).sort(compareRecommendations(sort));
}

/** Rules whose findings break the workspace policy (`.ai-posture.json` `policy`): the view lists them as their own group. */
export const POLICY_RULES: readonly string[] = ['AIP904'];

/** The visible recommendations split into policy violations and the rest, each keeping its order. */
export function groupByPolicy(list: readonly Recommendation[]): { policy: Recommendation[]; other: Recommendation[] } {
  return {
    policy: list.filter((recommendation) => POLICY_RULES.includes(recommendation.ruleId)),
    other: list.filter((recommendation) => !POLICY_RULES.includes(recommendation.ruleId)),
  };
}

/** `AIP102` → `AIP1xx`. */
export function familyOf(ruleId: string): string {
  const match = /^AIP(\d)\d\d$/.exec(ruleId);
  return match ? `AIP${match[1]}xx` : ruleId;
}

/** The nine rule families, AIP1xx to AIP9xx, for the family filter. */
export const FAMILIES: readonly string[] = ['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((digit) => `AIP${digit}xx`);

export function placeLabel(place: RecommendationPlace): string {
  return `${place.path}:${place.range.start.line + 1}:${place.range.start.character + 1}`;
}

export function pluralize(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

/** The OWASP Top 10 for LLM Applications 2025, by id. */
const OWASP_LLM_2025: Record<string, string> = {
  'LLM01:2025': 'Prompt Injection',
  'LLM02:2025': 'Sensitive Information Disclosure',
  'LLM03:2025': 'Supply Chain',
  'LLM04:2025': 'Data and Model Poisoning',
  'LLM05:2025': 'Improper Output Handling',
  'LLM06:2025': 'Excessive Agency',
  'LLM07:2025': 'System Prompt Leakage',
  'LLM08:2025': 'Vector and Embedding Weaknesses',
  'LLM09:2025': 'Misinformation',
  'LLM10:2025': 'Unbounded Consumption',
};

export const OWASP_LLM_TOP_10_URL = 'https://genai.owasp.org/llm-top-10/';

/** The only hosts the view links to; the extension opens nothing else. */
export const LINK_HOSTS: readonly string[] = ['genai.owasp.org', 'cwe.mitre.org', 'atlas.mitre.org', 'github.com'];

export interface RuleLink {
  kind: 'owasp' | 'cwe' | 'atlas' | 'docs';
  label: string;
  url: string;
}

export function ruleLinks(recommendation: Pick<Recommendation, 'owasp' | 'cwe' | 'atlas' | 'docsUrl' | 'ruleId'>): RuleLink[] {
  const links: RuleLink[] = [];
  for (const id of recommendation.owasp) {
    const name = OWASP_LLM_2025[id];
    links.push({ kind: 'owasp', label: name ? `OWASP ${id} ${name}` : `OWASP ${id}`, url: OWASP_LLM_TOP_10_URL });
  }
  for (const id of recommendation.cwe) {
    const number = /^CWE-(\d+)$/.exec(id)?.[1];
    if (number) links.push({ kind: 'cwe', label: id, url: `https://cwe.mitre.org/data/definitions/${number}.html` });
  }
  for (const id of recommendation.atlas) {
    if (/^AML\.T\d{4}(\.\d{3})?$/.test(id))
      links.push({ kind: 'atlas', label: `MITRE ATLAS ${id}`, url: `https://atlas.mitre.org/techniques/${id}` });
  }
  if (isAllowedLink(recommendation.docsUrl))
    links.push({ kind: 'docs', label: `${recommendation.ruleId} documentation`, url: recommendation.docsUrl });
  return links;
}

export function isAllowedLink(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === 'https:' && !parsed.username && !parsed.password && !parsed.port && LINK_HOSTS.includes(parsed.hostname);
}

/** What the webview keeps across reloads (`vscode.getState`/`setState`). */
export interface ViewState {
  sort: SortKey;
  filters: Filters;
  /** Rule ids of the expanded cards, and `healthy` when the healthy rules are shown. */
  expanded: string[];
  /** The last answer, shown at once after a reload while a fresh one is requested. */
  result?: RecommendationsResult;
}

export const INITIAL_STATE: ViewState = { sort: 'severity', filters: NO_FILTERS, expanded: [] };

/** State read back from storage is checked field by field; anything odd falls back to the default. */
export function restoreState(value: unknown): ViewState {
  if (!isRecord(value)) return { ...INITIAL_STATE };
  const sort = SORT_KEYS.includes(value.sort as SortKey) ? (value.sort as SortKey) : INITIAL_STATE.sort;
  const filters = isRecord(value.filters) ? value.filters : {};
  const severity =
    filters.severity === 'all' || SEVERITIES.includes(filters.severity as Severity) ? (filters.severity as Filters['severity']) : 'all';
  const family =
    typeof filters.family === 'string' && (filters.family === 'all' || FAMILIES.includes(filters.family)) ? filters.family : 'all';
  const text = typeof filters.text === 'string' ? filters.text.slice(0, 200) : '';
  const expanded = Array.isArray(value.expanded)
    ? value.expanded.filter((id): id is string => typeof id === 'string' && /^(AIP\d{3}|healthy)$/.test(id))
    : [];
  const result = isResult(value.result) ? value.result : undefined;
  return { sort, filters: { severity, family, text }, expanded, ...(result ? { result } : {}) };
}

function isResult(value: unknown): value is RecommendationsResult {
  return (
    isRecord(value) && Array.isArray(value.recommendations) && Array.isArray(value.healthyRules) && typeof value.complete === 'boolean'
  );
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
