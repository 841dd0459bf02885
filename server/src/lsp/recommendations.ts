/**
 * `aiPosture/recommendations`: the server's current findings grouped by rule, shaped like Defender
 * for Cloud recommendations, and the rules that apply to the workspace but have nothing open (the
 * healthy controls of the posture score). Built from what the server already holds (open documents
 * and the workspace scan); the only extra work is listing which file kinds each folder has.
 */
import { type CancellationToken, LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import {
  allRules,
  type CancellationSignal,
  discoverFiles,
  type FileKind,
  type Finding,
  type ResolvedConfig,
  type RuleMeta,
  ruleDocsUrl,
  ruleMeta,
  type ScanStats,
  SEVERITY_RANK,
  type Severity,
} from '../engine/index';
import type { Recommendation, RecommendationPlace, RecommendationsResult } from '../shared/protocol';
import { folderScope } from './configs';
import type { ServerContext } from './context';
import type { Folder } from './folders';
import type { CurrentEntry } from './results';
import { targetOf } from './targets';

export interface RecommendationsParams {
  /** Limit to one workspace folder; all folders when absent. */
  folderUri?: string;
}

/** Every file kind some rule reads: once a folder has shown all of them, its listing can stop. */
const RULE_KINDS = new Set<FileKind>(allRules.flatMap((rule) => rule.meta.fileKinds));

export async function recommendations(
  ctx: ServerContext,
  params: RecommendationsParams | undefined,
  token: CancellationToken,
): Promise<RecommendationsResult | ResponseError> {
  const folderUri = typeof params?.folderUri === 'string' ? params.folderUri : undefined;
  const folders = ctx.folders.roots().filter((folder) => !folderUri || folder.uri === folderUri);
  const entries = ctx.results.current().filter((entry) => !folderUri || entry.folderUri === folderUri);
  const grouped = groupByRule(entries);
  const applicable = new Map<string, Severity>();
  let complete = true;
  for (const folder of folders) {
    const { config, settings } = await ctx.configs.resolve(folderScope(folder));
    if (!settings.enable) continue;
    if (settings.scanOnStartup && !ctx.scanner.hasScanned(folder)) complete = false;
    addApplicable(applicable, config, await folderKinds(ctx, folder, token));
    if (token.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
  }
  // Open buffers count too: an unsaved or untitled file, or one outside every folder.
  for (const document of ctx.documents.all()) {
    const target = targetOf(document, ctx.folders);
    if (!target || (folderUri && target.folder?.uri !== folderUri)) continue;
    const { config, settings } = await ctx.configs.resolve(target.scope);
    if (settings.enable) addApplicable(applicable, config, new Set([target.kind]));
  }
  const healthyRules = [...applicable]
    .filter(([ruleId]) => !grouped.has(ruleId))
    .map(([ruleId, severity]) => ({ ruleId, title: ruleMeta(ruleId)?.title ?? ruleId, severity }))
    .sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.ruleId.localeCompare(b.ruleId));
  const list = [...grouped.values()].sort(
    (a, b) =>
      SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || b.places.length - a.places.length || a.ruleId.localeCompare(b.ruleId),
  );
  return { recommendations: list, healthyRules, complete };
}

/** One recommendation per rule with unsuppressed findings; its severity is the highest of its places. */
function groupByRule(entries: CurrentEntry[]): Map<string, Recommendation> {
  const byRule = new Map<string, Recommendation>();
  for (const entry of entries) {
    for (const finding of entry.result.findings) {
      if (finding.suppression) continue;
      let recommendation = byRule.get(finding.ruleId);
      if (!recommendation) {
        recommendation = emptyRecommendation(finding.ruleId, ruleMeta(finding.ruleId), finding.severity);
        byRule.set(finding.ruleId, recommendation);
      }
      if (SEVERITY_RANK[finding.severity] > SEVERITY_RANK[recommendation.severity]) recommendation.severity = finding.severity;
      const place = toPlace(entry.uri, finding);
      recommendation.places.push(place);
      if (place.fixable) recommendation.fixable = true;
    }
  }
  for (const recommendation of byRule.values()) recommendation.places.sort(comparePlaces);
  return byRule;
}

function emptyRecommendation(ruleId: string, meta: RuleMeta | undefined, severity: Severity): Recommendation {
  return {
    ruleId,
    name: meta?.name ?? ruleId.toLowerCase(),
    title: meta?.title ?? ruleId,
    severity,
    family: family(ruleId),
    explanation: meta?.explanation ?? '',
    remediation: meta?.remediation ?? '',
    owasp: [...(meta?.owasp ?? [])],
    cwe: [...(meta?.cwe ?? [])],
    atlas: [...(meta?.atlas ?? [])],
    docsUrl: ruleDocsUrl(ruleId),
    fixable: false,
    places: [],
  };
}

/** `AIP102` → `AIP1xx`. */
function family(ruleId: string): string {
  const match = /^AIP(\d)\d\d$/.exec(ruleId);
  return match ? `AIP${match[1]}xx` : ruleId;
}

function toPlace(uri: string, finding: Finding): RecommendationPlace {
  return {
    uri,
    path: finding.path,
    range: finding.range,
    message: finding.message,
    // What the panel's Fix all (`aiPosture/fixAll`) would apply here: safe fixes only.
    fixable: finding.fix?.applicability === 'safe',
    ...(finding.testCode ? { testCode: true } : {}),
  };
}

/** Product code first, test code after it. */
function comparePlaces(a: RecommendationPlace, b: RecommendationPlace): number {
  return (
    Number(a.testCode ?? false) - Number(b.testCode ?? false) ||
    a.path.localeCompare(b.path) ||
    a.uri.localeCompare(b.uri) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character
  );
}

/** The rules a configuration runs on some of `kinds`, at their configured (or default) severity. */
function addApplicable(applicable: Map<string, Severity>, config: ResolvedConfig, kinds: ReadonlySet<FileKind>): void {
  for (const rule of allRules) {
    const setting = config.rules[rule.meta.id];
    if (setting === 'off' || !rule.meta.fileKinds.some((kind) => kinds.has(kind))) continue;
    const severity = setting ?? rule.meta.defaultSeverity;
    const known = applicable.get(rule.meta.id);
    if (!known || SEVERITY_RANK[severity] > SEVERITY_RANK[known]) applicable.set(rule.meta.id, severity);
  }
}

interface KnownKinds {
  /** The scan the listing belongs to (a new scan, a new listing), and the configuration's generation. */
  stats: ScanStats | undefined;
  generation: number;
  kinds: Promise<Set<FileKind>>;
}

const kindsByContext = new WeakMap<ServerContext, Map<string, KnownKinds>>();

/**
 * The kinds of the files a scan of the folder analyses (same discovery: `.gitignore`, excludes).
 * Listed again only after a new scan or a configuration change, and only until every kind a rule
 * reads has been seen.
 */
function folderKinds(ctx: ServerContext, folder: Folder, token: CancellationToken): Promise<Set<FileKind>> {
  let byFolder = kindsByContext.get(ctx);
  if (!byFolder) {
    byFolder = new Map();
    kindsByContext.set(ctx, byFolder);
  }
  const stats = ctx.scanner.lastStats(folder);
  const generation = ctx.configs.generation;
  const known = byFolder.get(folder.uri);
  if (known && known.stats === stats && known.generation === generation) return known.kinds;
  const kinds = listKinds(ctx, folder, token);
  const entry = { stats, generation, kinds };
  byFolder.set(folder.uri, entry);
  // A cancelled or failed listing is not kept.
  kinds.then(
    () => {
      if (token.isCancellationRequested && byFolder.get(folder.uri) === entry) byFolder.delete(folder.uri);
    },
    () => byFolder.delete(folder.uri),
  );
  return kinds;
}

async function listKinds(ctx: ServerContext, folder: Folder, signal: CancellationSignal): Promise<Set<FileKind>> {
  const { config } = await ctx.configs.resolve(folderScope(folder));
  const kinds = new Set<FileKind>();
  for await (const file of discoverFiles(folder.root, { exclude: config.exclude, signal })) {
    if (file.kind === 'model' || file.gitIgnored) continue;
    kinds.add(file.kind);
    if (kinds.size >= RULE_KINDS.size && [...RULE_KINDS].every((kind) => kinds.has(kind))) break;
  }
  return kinds;
}
