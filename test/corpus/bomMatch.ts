/**
 * Compares the AI-BOM the CLI writes (CycloneDX) with a careful reader's list of a repository's AI
 * components (`test/corpus/bom/*.json`, format in test/corpus/README.md): recall per kind, the
 * misses, the entries judged not AI, and the entries nobody has judged yet.
 */

export const KINDS = ['sdk', 'model', 'modelFile', 'service', 'plugin', 'prompt', 'dataset'] as const;
export type Kind = (typeof KINDS)[number];

export interface ExpectedComponent {
  kind: Kind;
  name: string;
  ecosystem?: string;
  aliases?: string[];
  where?: string;
  why?: string;
  /** The reader missed it at first and the tool's output showed it. */
  foundBy?: 'tool';
}

export interface ReaderList {
  repository: string;
  commit: string;
  shape: string;
  heldOut?: boolean;
  /** Folders (relative) the list covers; entries found only outside them are ignored. */
  scope?: string[];
  components: ExpectedComponent[];
  outOfScope?: ExpectedComponent[];
  notAi?: ExpectedComponent[];
}

/** One AI-BOM entry as the runner sees it: a CycloneDX component or service, flattened. */
export interface ToolEntry {
  kind: Kind;
  ref: string;
  name: string;
  /** Names the entry can be matched by: its name, its identity, its package, provider and hosts. */
  keys: string[];
  ecosystem?: string;
  /** Workspace-relative paths of its occurrences. */
  paths: string[];
  firstOccurrence?: string;
}

export interface KindScore {
  expected: number;
  found: number;
  /** The same over the reader's own list: components first seen in the tool's output left out. */
  readerExpected: number;
  readerFound: number;
}

export interface RepositoryScore {
  repository: string;
  heldOut: boolean;
  perKind: Record<Kind, KindScore>;
  misses: ExpectedComponent[];
  notAi: ToolEntry[];
  unjudged: ToolEntry[];
  /** Reader components found only after looking at the tool's output. */
  foundByTool: number;
}

interface CycloneDxProperty {
  name: string;
  value: string;
}

interface CycloneDxEntry {
  'bom-ref': string;
  name: string;
  group?: string;
  purl?: string;
  endpoints?: string[];
  properties?: CycloneDxProperty[];
  evidence?: { occurrences?: { location: string; line?: number }[] };
}

export interface CycloneDxDocument {
  components?: CycloneDxEntry[];
  services?: CycloneDxEntry[];
}

/** Lower case; PyPI names also by PEP 503 (runs of `-`, `_`, `.` are one `-`). */
export function normalizedName(kind: Kind, name: string): string {
  const lower = name.trim().toLowerCase();
  return kind === 'sdk' ? lower.replace(/[-_.]+/g, '-') : lower;
}

/** Every AI-BOM entry of a CycloneDX document, with the names it can be matched by. */
export function toolEntries(document: CycloneDxDocument): ToolEntry[] {
  const entries = [...(document.components ?? []), ...(document.services ?? [])];
  return entries.flatMap((entry) => {
    const properties = entry.properties ?? [];
    const kind = properties.find((property) => property.name === 'ai-posture:kind')?.value as Kind | undefined;
    if (!kind || !KINDS.includes(kind)) return [];
    const provider = properties.find((property) => property.name === 'ai-posture:provider')?.value;
    const occurrences = [
      ...(entry.evidence?.occurrences ?? []).map((occurrence) => `${occurrence.location}${occurrence.line ? `:${occurrence.line}` : ''}`),
      ...properties.filter((property) => property.name === 'ai-posture:occurrence').map((property) => property.value),
    ];
    const names = [entry.name, entry.group ? `${entry.group}:${entry.name}` : '', provider ?? '', ...identityNames(entry)];
    const keys = [...new Set(names.filter((name) => name !== '').map((name) => normalizedName(kind, name)))];
    return [
      {
        kind,
        ref: entry['bom-ref'],
        name: entry.name,
        keys,
        ecosystem: ecosystemOf(entry),
        paths: occurrences.map((occurrence) => occurrence.replace(/:\d+$/, '')),
        firstOccurrence: occurrences[0],
      },
    ];
  });
}

/** The identity after the kind (`npm/@scope/pkg`) and each shorter tail, the package of a purl, the endpoint hosts. */
function identityNames(entry: CycloneDxEntry): string[] {
  const identity = entry['bom-ref'].slice(entry['bom-ref'].indexOf(':') + 1);
  const segments = identity.split('/');
  const tails = segments.map((_, index) => segments.slice(index).join('/'));
  const purlPackage = entry.purl
    ? decodeURIComponent(
        entry.purl
          .replace(/^pkg:[^/]+\//, '')
          .replace(/[@?#].*$/, '')
          .replace(/^%40/, '@'),
      )
    : '';
  const hosts = (entry.endpoints ?? []).map((endpoint) => hostOf(endpoint));
  return [...tails, purlPackage, ...hosts];
}

function hostOf(endpoint: string): string {
  try {
    return new URL(endpoint).hostname;
  } catch {
    return endpoint;
  }
}

function ecosystemOf(entry: CycloneDxEntry): string | undefined {
  return entry.purl?.match(/^pkg:([^/]+)\//)?.[1];
}

/** Whether a reader's component and an AI-BOM entry are the same thing. */
export function matches(expected: ExpectedComponent, entry: ToolEntry): boolean {
  if (expected.kind !== entry.kind) return false;
  if (expected.ecosystem && entry.ecosystem && expected.ecosystem !== entry.ecosystem) return false;
  const names = [expected.name, ...(expected.aliases ?? [])].map((name) => normalizedName(expected.kind, name));
  if (names.some((name) => entry.keys.includes(name))) return true;
  // A prompt file the reader lists whole (an eval config, a prompts module) is found when the
  // AI-BOM lists prompts inside it (`prompts.py#answer_query`, `promptfooconfig.yaml#prompts[0]`).
  return expected.kind === 'prompt' && names.some((name) => !name.includes('#') && entry.keys.some((key) => key.startsWith(`${name}#`)));
}

/** True when an entry is found (also) inside the list's scope, or the list has no scope. */
export function inScope(entry: ToolEntry, scope: readonly string[] | undefined): boolean {
  if (!scope || scope.length === 0 || entry.paths.length === 0) return true;
  const folders = scope.map((folder) => (folder === '.' ? '' : folder.replace(/^\.\//, '').replace(/\/+$/, '')));
  // `"scope": ["."]` is the whole repository.
  if (folders.includes('')) return true;
  return entry.paths.some((path) => folders.some((folder) => path === folder || path.startsWith(`${folder}/`)));
}

/** Scores one repository's AI-BOM against its reader list. */
export function scoreRepository(list: ReaderList, document: CycloneDxDocument): RepositoryScore {
  const entries = toolEntries(document).filter((entry) => inScope(entry, list.scope));
  const perKind = emptyScores();
  const misses: ExpectedComponent[] = [];
  for (const expected of list.components) {
    const score = perKind[expected.kind];
    const found = entries.some((entry) => matches(expected, entry));
    score.expected++;
    if (found) score.found++;
    else misses.push(expected);
    if (expected.foundBy === 'tool') continue;
    score.readerExpected++;
    if (found) score.readerFound++;
  }
  const judgedBy = (group: readonly ExpectedComponent[] | undefined, entry: ToolEntry) =>
    (group ?? []).some((item) => matches(item, entry));
  const notAi = entries.filter((entry) => judgedBy(list.notAi, entry) && !judgedBy(list.components, entry));
  const unjudged = entries.filter((entry) => ![list.components, list.outOfScope, list.notAi].some((group) => judgedBy(group, entry)));
  const foundByTool = list.components.filter((component) => component.foundBy === 'tool').length;
  return { repository: list.repository, heldOut: list.heldOut === true, perKind, misses, notAi, unjudged, foundByTool };
}

/** Sums the scores of several repositories per kind. */
export function totalPerKind(scores: readonly RepositoryScore[]): Record<Kind, KindScore> {
  const total = emptyScores();
  for (const score of scores) {
    for (const kind of KINDS) {
      for (const field of ['expected', 'found', 'readerExpected', 'readerFound'] as const) total[kind][field] += score.perKind[kind][field];
    }
  }
  return total;
}

function emptyScores(): Record<Kind, KindScore> {
  return Object.fromEntries(KINDS.map((kind) => [kind, { expected: 0, found: 0, readerExpected: 0, readerFound: 0 }])) as Record<
    Kind,
    KindScore
  >;
}
