import {
  type Advisory,
  advisoriesFor,
  advisoryLabel,
  affects,
  isAdvisoryEcosystem,
  type ResolvedVersion,
  resolvedVersion,
  versionFixingAll,
} from '../advisories/advisories';
import { type AdvisoryEcosystem, compareVersions, lowestAdmitted } from '../advisories/versions';
import { PROPERTY_PREFIX } from '../inventory/components';
import { declarationAt } from '../inventory/merge';
import type { AiComponent, Occurrence } from '../inventory/types';
import type { KindReport, OccurrenceFix } from './rule';

/**
 * What AIP901 (AI packages) and AIP609 (MCP tooling) share: the package's resolved version, the
 * advisories that cover it, the version that fixes them all, and the manifest edit to get there.
 * Both read the merged AI-BOM only: the collectors already parsed every manifest and lockfile.
 */

export interface PackageVerdict {
  ecosystem: AdvisoryEcosystem;
  name: string;
  resolved: ResolvedVersion;
  matched: Advisory[];
  /** The lowest version above the resolved one that no advisory of the package affects. */
  fixVersion?: string;
}

/** Judges `name` at the version one declaration (or, without one, the component) resolves to, against the advisories `wanted` keeps. */
export function judgePackage(
  component: AiComponent,
  ecosystem: string | undefined,
  name: string,
  wanted: (advisory: Advisory) => boolean,
  occurrence?: Occurrence,
): PackageVerdict | undefined {
  if (!isAdvisoryEcosystem(ecosystem)) return undefined;
  const all = advisoriesFor(ecosystem, name).filter(wanted);
  if (all.length === 0) return undefined;
  const resolved = resolvedVersion(component, ecosystem, occurrence);
  if (!resolved) return undefined;
  const matched = all.filter((advisory) => affects(advisory, resolved.version));
  if (matched.length === 0) return undefined;
  // Errors first, then by id: the message names the most serious advisory first.
  matched.sort((a, b) => (a.severity === b.severity ? a.id.localeCompare(b.id) : a.severity === 'error' ? -1 : 1));
  return { ecosystem, name, resolved, matched, fixVersion: versionFixingAll(resolved.version, all) };
}

/** Where a package finding goes: the manifest lines that declare it, else its lockfile entries (a transitive package). */
export function declaringOccurrences(component: AiComponent): Occurrence[] {
  const manifests = component.occurrences.filter((occurrence) => occurrence.evidence === 'manifest');
  return manifests.length > 0 ? manifests : component.occurrences.filter((occurrence) => occurrence.evidence === 'lockfile');
}

/** `CVE-… (GHSA-…), CVE-… and 3 more` */
export function advisoryList(matched: readonly Advisory[]): string {
  const shown = matched.slice(0, 3).map(advisoryLabel);
  const more = matched.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}

/** How the version was found, in words for the message. */
export function versionOrigin(resolved: ResolvedVersion): string {
  switch (resolved.source) {
    case 'lockfile':
      return 'resolved from the lockfile';
    case 'pin':
      return 'pinned in the manifest';
    case 'range':
      return `the lowest version the manifest range ${resolved.range} admits`;
  }
}

/** Message data and severity of a verdict, for either rule's `vulnerable` / `vulnerableNoFix` messages. */
export function verdictReport(verdict: PackageVerdict, component: AiComponent, occurrence: Occurrence): KindReport {
  const data = {
    package: verdict.name,
    version: verdict.resolved.version,
    origin: versionOrigin(verdict.resolved),
    advisories: advisoryList(verdict.matched),
    count: verdict.matched.length === 1 ? '1 advisory' : `${verdict.matched.length} advisories`,
    summary: verdict.matched[0].summary.replace(/\.$/, ''),
    fixed: verdict.fixVersion ?? '',
    lockfileNote: hasLockfile(component) ? ' Regenerate the lockfile after changing the manifest.' : '',
  };
  const severity = verdict.matched.some((advisory) => advisory.severity === 'error') ? 'error' : 'warning';
  const fix =
    occurrence.evidence === 'manifest' && verdict.fixVersion ? manifestFix(verdict, component, occurrence, verdict.fixVersion) : undefined;
  return {
    messageId: verdict.fixVersion ? 'vulnerable' : 'vulnerableNoFix',
    data,
    severity,
    fingerprintText: `${component.ref}@${verdict.resolved.version}`,
    ...(fix ? { fix } : {}),
  };
}

function hasLockfile(component: AiComponent): boolean {
  return component.occurrences.some((occurrence) => occurrence.evidence === 'lockfile');
}

/**
 * The manifest edit to the fixed version: a pin is replaced by the fixed version; a range keeps
 * its operator and gets the fixed version as its lower bound, kept only when the new range
 * admits exactly that version first (an upper bound below it would make the edit wrong).
 */
function manifestFix(verdict: PackageVerdict, component: AiComponent, occurrence: Occurrence, fixed: string): OccurrenceFix | undefined {
  const declared = declarationAt(occurrence);
  const ranges = declared ? (declared.range ? [declared.range] : []) : rangesOf(component);
  const pin = declared ? (declared.source === 'manifest' ? declared.version : undefined) : component.version;
  const replacements: { find: string; replace: string }[] = [];
  for (const range of ranges) {
    const raised = raisedRange(verdict.ecosystem, range, fixed);
    if (raised) replacements.push({ find: range, replace: raised });
  }
  if (pin && ranges.length === 0) replacements.push({ find: pin, replace: fixed });
  if (replacements.length === 0) return undefined;
  const lockNote = hasLockfile(component) ? ', then regenerate the lockfile' : '';
  // Upgrading a dependency can change behaviour and needs a new lockfile: a person applies it.
  // A Maven dependency spreads over lines: its <version> follows the <artifactId> the AI-BOM points at.
  const lookAhead = verdict.ecosystem === 'maven' ? 3 : 0;
  return { title: `Upgrade ${verdict.name} to ${fixed}${lockNote}`, replacements, lookAhead, applicability: 'unsafe' };
}

function rangesOf(component: AiComponent): string[] {
  return component.properties.filter((entry) => entry.name === `${PROPERTY_PREFIX}version:range`).map((entry) => entry.value);
}

/** `^0.3.0` → `^0.3.80`, `>=4.30,<5` → `>=4.36.0,<5`: the range's lower bound replaced, checked by reading it again. */
export function raisedRange(ecosystem: AdvisoryEcosystem, range: string, fixed: string): string | undefined {
  const bound = lowestAdmitted(ecosystem, range);
  if (!bound) return undefined;
  const literal = /\d[\w.+-]*/.exec(range.slice(lowerBoundOffset(range)));
  if (!literal) return undefined;
  const at = range.indexOf(literal[0], lowerBoundOffset(range));
  const raised = `${range.slice(0, at)}${fixed}${range.slice(at + literal[0].length)}`;
  const check = lowestAdmitted(ecosystem, raised);
  return check && compareVersions(ecosystem, check, fixed) === 0 ? raised : undefined;
}

/** Where the lower bound's number starts: after `>=`/`~=`/`==` in a PEP 440 list, else at the first digit. */
function lowerBoundOffset(range: string): number {
  const operator = /(?:>=|~=|===?)\s*\d/.exec(range);
  return operator ? operator.index : 0;
}
