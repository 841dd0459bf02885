import advisoryData from '../data/advisories.json';
import { PROPERTY_PREFIX } from '../inventory/components';
import { declarationAt } from '../inventory/merge';
import type { AiComponent, Occurrence } from '../inventory/types';
import { allLifecycleEntries, LIFECYCLE_DATA_DATE } from './lifecycle';
import { ADVISORY_ECOSYSTEMS, type AdvisoryEcosystem, compareVersions, inOsvRange, lowestAdmitted, type RangeEvent } from './versions';

/**
 * The bundled advisory data (`data/advisories.json`, refreshed by `scripts/refresh-advisories.ts`)
 * and the questions rules ask of it: which advisories affect a package at a version, which version
 * of a component the workspace resolves to, and the first version that leaves every advisory behind.
 */

export interface Advisory {
  id: string;
  aliases: string[];
  ecosystem: AdvisoryEcosystem;
  package: string;
  ranges: { type: string; events: RangeEvent[] }[];
  firstFixed?: string;
  severity: 'error' | 'warning';
  summary: string;
  url: string;
  verifiedIn: string;
  mcpTooling?: boolean;
  note?: string;
}

interface AdvisoryFile {
  dataDate: string;
  advisories: Advisory[];
}

const data = advisoryData as AdvisoryFile;

/** The day the bundled data was last refreshed (`YYYY-MM-DD`). */
export const ADVISORY_DATA_DATE = data.dataDate;

export function allAdvisories(): readonly Advisory[] {
  return data.advisories;
}

/** A package name as each registry compares it: PEP 503 for PyPI, case-insensitive NuGet, exact npm and Maven. */
export function packageKey(ecosystem: AdvisoryEcosystem, name: string): string {
  if (ecosystem === 'pypi') return name.toLowerCase().replace(/[-_.]+/g, '-');
  if (ecosystem === 'nuget') return name.toLowerCase();
  return name;
}

const byPackage = new Map<string, Advisory[]>();
for (const advisory of data.advisories) {
  const key = `${advisory.ecosystem}:${packageKey(advisory.ecosystem, advisory.package)}`;
  byPackage.set(key, [...(byPackage.get(key) ?? []), advisory]);
}

export function isAdvisoryEcosystem(ecosystem: string | undefined): ecosystem is AdvisoryEcosystem {
  return (ADVISORY_ECOSYSTEMS as readonly string[]).includes(ecosystem ?? '');
}

export function advisoriesFor(ecosystem: AdvisoryEcosystem, name: string): readonly Advisory[] {
  return byPackage.get(`${ecosystem}:${packageKey(ecosystem, name)}`) ?? [];
}

export function affects(advisory: Advisory, version: string): boolean {
  return advisory.ranges.some((range) => range.type === 'ECOSYSTEM' && inOsvRange(advisory.ecosystem, version, range.events));
}

/** How the version a rule judges was found; the message says which. */
export type ResolvedVersion = { version: string; source: 'lockfile' | 'pin' } | { version: string; source: 'range'; range: string };

function propertyValues(component: AiComponent, name: string): string[] {
  return component.properties.filter((entry) => entry.name === `${PROPERTY_PREFIX}${name}`).map((entry) => entry.value);
}

/** The folder part of a workspace-relative path (`''` at the root): a lockfile belongs to the manifests beside it. */
export function directoryOf(path: string): string {
  return path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
}

/**
 * The version a declaration uses: the exact version of a lockfile next to the manifest (the
 * lockfile's own entry for a lockfile occurrence), else the manifest pin, else the lowest version
 * its range admits. Each manifest is judged on its own, so one project's old pin is not hidden by
 * another's upgrade. Without a recorded declaration, the component's merged version or ranges decide.
 */
export function resolvedVersion(
  component: AiComponent,
  ecosystem: AdvisoryEcosystem,
  occurrence?: Occurrence,
): ResolvedVersion | undefined {
  const declared = occurrence ? declarationAt(occurrence) : undefined;
  if (!occurrence || !declared) return mergedVersion(component, ecosystem);
  if (occurrence.evidence === 'lockfile') return declared.version ? { version: declared.version, source: 'lockfile' } : undefined;
  const lock = component.occurrences.find(
    (other) => other.evidence === 'lockfile' && directoryOf(other.path) === directoryOf(occurrence.path) && declarationAt(other)?.version,
  );
  const locked = lock ? declarationAt(lock)?.version : undefined;
  if (locked) return { version: locked, source: 'lockfile' };
  if (declared.version) return { version: declared.version, source: declared.source === 'lockfile' ? 'lockfile' : 'pin' };
  const lowest = declared.range ? lowestAdmitted(ecosystem, declared.range) : undefined;
  return lowest && declared.range ? { version: lowest, source: 'range', range: declared.range } : undefined;
}

/** The merged BOM's view: the lockfile version it preferred, its pin, else the lowest of its ranges. */
function mergedVersion(component: AiComponent, ecosystem: AdvisoryEcosystem): ResolvedVersion | undefined {
  if (component.version) {
    const locked = component.occurrences.some((occurrence) => occurrence.evidence === 'lockfile');
    return { version: component.version, source: locked ? 'lockfile' : 'pin' };
  }
  let lowest: ResolvedVersion | undefined;
  for (const range of propertyValues(component, 'version:range')) {
    const version = lowestAdmitted(ecosystem, range);
    if (version && (!lowest || (compareVersions(ecosystem, version, lowest.version) ?? 0) < 0))
      lowest = { version, source: 'range', range };
  }
  return lowest;
}

/**
 * The first version after `version` that fixes an advisory: the lowest `fixed` event above it (a
 * range can have one per release line), else the advisory's first fixed version when it is higher.
 */
export function fixedAfter(advisory: Advisory, version: string): string | undefined {
  const ecosystem = advisory.ecosystem;
  const above = (candidate: string) => (compareVersions(ecosystem, candidate, version) ?? 0) > 0;
  const fixes = advisory.ranges.flatMap((range) => range.events.flatMap((event) => (event.fixed ? [event.fixed] : []))).filter(above);
  if (fixes.length > 0) return lowest(ecosystem, fixes);
  return advisory.firstFixed && above(advisory.firstFixed) ? advisory.firstFixed : undefined;
}

/**
 * The lowest version above `version` that none of the package's advisories affects: the highest
 * fix of the matched ones, raised again while another advisory covers it. Undefined when one of
 * them has no known fix.
 */
export function versionFixingAll(version: string, all: readonly Advisory[]): string | undefined {
  let candidate = version;
  for (let round = 0; round <= all.length; round++) {
    const still = all.filter((advisory) => affects(advisory, candidate));
    if (still.length === 0) return candidate === version ? undefined : candidate;
    const fixes = still.map((advisory) => fixedAfter(advisory, candidate));
    if (fixes.some((fix) => fix === undefined)) return undefined;
    candidate = highest(still[0].ecosystem, fixes as string[]) as string;
  }
  return undefined;
}

function lowest(ecosystem: AdvisoryEcosystem, versions: string[]): string | undefined {
  return [...versions].sort((a, b) => compareVersions(ecosystem, a, b) ?? 0)[0];
}

function highest(ecosystem: AdvisoryEcosystem, versions: string[]): string | undefined {
  return [...versions].sort((a, b) => compareVersions(ecosystem, a, b) ?? 0).at(-1);
}

/** `CVE-2023-36095 (GHSA-gwqq-6vq7-5j86)`: the CVE first when there is one, the primary id with it. */
export function advisoryLabel(advisory: Advisory): string {
  const cve = [advisory.id, ...advisory.aliases].find((id) => id.startsWith('CVE-'));
  const ghsa = [advisory.id, ...advisory.aliases].find((id) => id.startsWith('GHSA-'));
  const other = ghsa ?? (advisory.id !== cve ? advisory.id : undefined);
  return cve && other ? `${cve} (${other})` : (cve ?? advisory.id);
}

/** What `ai-posture rules` and the docs say about the offline data shipped with the rules. */
export function bundledDataSummary(): { advisories: { date: string; entries: number }; modelLifecycle: { date: string; entries: number } } {
  return {
    advisories: { date: ADVISORY_DATA_DATE, entries: data.advisories.length },
    modelLifecycle: { date: LIFECYCLE_DATA_DATE, entries: allLifecycleEntries().length },
  };
}
