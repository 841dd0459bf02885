/**
 * What the AI-BOM tree shows, decided without VS Code: the groups and their order, the filter, the
 * labels, descriptions and tooltips of components and occurrences, and the view's state. Pure, so
 * mocha tests it; `bomTree.ts` turns it into tree items.
 */
import type { BomComponent, BomResult, ComponentKind, Occurrence, SeverityCounts } from '../../../server/src/shared/protocol';

export type GroupBy = 'kind' | 'folder';

/** Empty groups are hidden; the welcome view covers a workspace without any AI. */
export const KIND_GROUPS: readonly { kind: ComponentKind; label: string; icon: string }[] = [
  { kind: 'service', label: 'Services', icon: 'cloud' },
  { kind: 'sdk', label: 'SDKs', icon: 'package' },
  { kind: 'model', label: 'Models', icon: 'sparkle' },
  { kind: 'plugin', label: 'Plugins & MCP servers', icon: 'plug' },
  { kind: 'prompt', label: 'Prompts & instructions', icon: 'comment-discussion' },
  { kind: 'modelFile', label: 'Model files', icon: 'file-binary' },
  { kind: 'dataset', label: 'Datasets', icon: 'database' },
];

export interface KindGroup {
  kind: ComponentKind;
  label: string;
  icon: string;
  components: BomComponent[];
}

export interface FolderGroup {
  folderUri: string;
  name: string;
  groups: KindGroup[];
  count: number;
}

/**
 * What the view shows besides the tree: `loading` until the server answers, `stopped` without a
 * server, `notScanned` / `empty` for the welcome views, `components` otherwise.
 */
export type ViewState = 'loading' | 'stopped' | 'notScanned' | 'empty' | 'components';

export function viewState(result: BomResult | undefined): ViewState {
  if (!result) return 'loading';
  if (result.components.length > 0) return 'components';
  if (!result.complete) return 'loading';
  return result.scanned ? 'empty' : 'notScanned';
}

/** Case-insensitive substring of the name or the provider (its id or display name). */
export function matchesFilter(component: BomComponent, filter: string): boolean {
  const needle = filter.trim().toLowerCase();
  if (!needle) return true;
  return [component.name, component.provider, component.providerName].some((text) => text?.toLowerCase().includes(needle));
}

export function kindGroups(components: readonly BomComponent[]): KindGroup[] {
  return KIND_GROUPS.map((group) => ({ ...group, components: components.filter((component) => component.kind === group.kind) })).filter(
    (group) => group.components.length > 0,
  );
}

/** One group per workspace folder that has components, in the order the folders are given. */
export function folderGroups(components: readonly BomComponent[], folders: readonly { uri: string; name: string }[]): FolderGroup[] {
  const named = new Map(folders.map((folder) => [folder.uri, folder.name]));
  const order = [...new Set([...folders.map((folder) => folder.uri), ...components.map((component) => component.folderUri)])];
  return order
    .map((folderUri) => {
      const inFolder = components.filter((component) => component.folderUri === folderUri);
      return { folderUri, name: named.get(folderUri) ?? lastSegment(folderUri), groups: kindGroups(inFolder), count: inFolder.length };
    })
    .filter((group) => group.count > 0);
}

const ECOSYSTEMS: Record<string, string> = {
  pypi: 'PyPI',
  npm: 'npm',
  nuget: 'NuGet',
  maven: 'Maven',
  golang: 'Go',
  cargo: 'Cargo',
};

/** The grey text after the name: version and ecosystem, provider, endpoint, format… whatever tells it apart. */
export function componentDescription(component: BomComponent): string {
  const parts: (string | undefined)[] = [];
  switch (component.kind) {
    case 'sdk':
      parts.push(component.version, component.ecosystem ? (ECOSYSTEMS[component.ecosystem] ?? component.ecosystem) : undefined);
      break;
    case 'service':
      parts.push(component.endpoints?.[0]?.replace(/^[a-z]+:\/\//, '') ?? component.trustZone);
      break;
    case 'plugin':
      parts.push(component.version ?? (property(component, 'mcp:pinned') === 'false' ? 'unpinned' : undefined), component.transport);
      break;
    case 'prompt':
      parts.push(property(component, 'prompt:type'));
      break;
    case 'modelFile':
      parts.push(component.format, component.size === undefined ? undefined : formatBytes(component.size), modelFileVerdict(component));
      break;
    default:
      parts.push(component.version, component.providerName ?? component.provider);
  }
  return parts.filter((part): part is string => Boolean(part)).join(' · ');
}

export function kindLabel(kind: ComponentKind): string {
  const labels: Record<ComponentKind, string> = {
    sdk: 'SDK',
    model: 'Model',
    modelFile: 'Model file',
    service: 'Service',
    plugin: 'Plugin or MCP server',
    prompt: 'Prompt or instructions',
    dataset: 'Dataset',
  };
  return labels[kind];
}

export function kindIcon(kind: ComponentKind): string {
  return KIND_GROUPS.find((group) => group.kind === kind)?.icon ?? 'circle-outline';
}

/** `path:line`, or the path alone for a whole file. */
export function occurrenceLabel(occurrence: Occurrence): string {
  return occurrence.line === undefined ? occurrence.path : `${occurrence.path}:${occurrence.line}`;
}

/** What was found there: the evidence kind and the symbol (`import · openai.OpenAI`). */
export function occurrenceDescription(occurrence: Occurrence): string {
  return occurrence.symbol ? `${occurrence.evidence} · ${occurrence.symbol}` : occurrence.evidence;
}

const EVIDENCE_ICONS: Record<Occurrence['evidence'], string> = {
  manifest: 'list-unordered',
  lockfile: 'lock',
  import: 'symbol-namespace',
  call: 'symbol-method',
  config: 'settings-gear',
  constant: 'symbol-constant',
  endpoint: 'link',
  file: 'file',
};

export function occurrenceIcon(occurrence: Occurrence): string {
  return EVIDENCE_ICONS[occurrence.evidence] ?? 'location';
}

export function totalFindings(counts: SeverityCounts): number {
  return counts.error + counts.warning + counts.information + counts.hint;
}

/** `2 errors, 1 warning`; empty when there is nothing. */
export function findingSummary(counts: SeverityCounts): string {
  const words = { error: ['error', 'errors'], warning: ['warning', 'warnings'], information: ['info', 'info'], hint: ['hint', 'hints'] };
  return (['error', 'warning', 'information', 'hint'] as const)
    .filter((severity) => counts[severity] > 0)
    .map((severity) => `${counts[severity]} ${words[severity][counts[severity] === 1 ? 0 : 1]}`)
    .join(', ');
}

/** The worst severity that has a finding, for the decoration colour. */
export function worstSeverity(counts: SeverityCounts): keyof SeverityCounts | undefined {
  return (['error', 'warning', 'information', 'hint'] as const).find((severity) => counts[severity] > 0);
}

/** A decoration badge holds two characters at most. */
export function findingBadge(counts: SeverityCounts): string | undefined {
  const total = totalFindings(counts);
  if (total === 0) return undefined;
  return total > 9 ? '9+' : String(total);
}

/** The lines of a component's tooltip (Markdown is escaped by the caller). */
export function componentFacts(component: BomComponent): [string, string][] {
  const facts: [string, string][] = [['Kind', kindLabel(component.kind)]];
  if (component.version) facts.push(['Version', component.version]);
  if (component.providerName ?? component.provider) facts.push(['Provider', component.providerName ?? component.provider ?? '']);
  if (component.purl) facts.push(['purl', component.purl]);
  if (component.transport) facts.push(['Transport', component.transport]);
  const pinned = property(component, 'mcp:pinned');
  if (pinned) facts.push(['Pinned', pinned === 'true' ? 'yes' : 'no: every start installs the newest release']);
  if (component.endpoints && component.endpoints.length > 0) facts.push(['Endpoints', component.endpoints.join(', ')]);
  const dependency = property(component, 'dependency');
  if (dependency) facts.push(['Dependency', dependency]);
  const verdict = property(component, 'modelFile:verdict');
  if (verdict) facts.push(['Scan', [verdict, property(component, 'modelFile:evidence')].filter(Boolean).join(': ')]);
  if (component.sha256) facts.push(['SHA-256', component.sha256]);
  facts.push(['Found in', `${component.occurrences.length} ${component.occurrences.length === 1 ? 'place' : 'places'}`]);
  facts.push(['Findings', findingSummary(component.findingCounts) || 'none']);
  return facts;
}

/** A short, stable identity for tree items and decorations. */
export function componentKey(component: Pick<BomComponent, 'folderUri' | 'ref'>): string {
  return `${component.folderUri}\u0000${component.ref}`;
}

export function formatBytes(size: number): string {
  if (size < 1024) return `${size} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = size / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/**
 * The model scanner's verdict when it is worth a glance in the tree: a clean file shows none, and
 * the "pickle" verdict (a pickle-based format, nothing dangerous imported) would only repeat the format.
 */
function modelFileVerdict(component: BomComponent): string | undefined {
  const verdict = property(component, 'modelFile:verdict');
  return verdict === 'no issue found' || verdict === component.format ? undefined : verdict;
}

function property(component: BomComponent, name: string): string | undefined {
  return component.properties.find((entry) => entry.name === `ai-posture:${name}`)?.value;
}

function lastSegment(uri: string): string {
  const trimmed = uri.replace(/\/+$/, '');
  return decodeURIComponent(trimmed.slice(trimmed.lastIndexOf('/') + 1));
}
