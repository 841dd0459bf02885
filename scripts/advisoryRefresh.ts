/**
 * The pure part of `refresh-advisories.ts`: folds OSV records (the JSON files of an OSV export,
 * https://osv.dev/docs/#section/Data-dumps) into the bundled advisory data. Only packages the data
 * already tracks are refreshed; an advisory already listed keeps its own summary and severity (our
 * words and our judgement) and takes the export's ids and ranges; a new advisory of a tracked
 * package is added with `reviewNeeded`, to be reworded and judged by a person before release.
 */
import type { Advisory } from '../server/src/engine/advisories/advisories';
import { type AdvisoryEcosystem, isValidVersion } from '../server/src/engine/advisories/versions';

export interface OsvRecord {
  id: string;
  aliases?: string[];
  summary?: string;
  details?: string;
  withdrawn?: string;
  affected?: {
    package?: { ecosystem?: string; name?: string };
    ranges?: { type: string; events: Record<string, string>[] }[];
  }[];
}

export type RefreshedAdvisory = Advisory & { reviewNeeded?: boolean };

const ECOSYSTEMS: Readonly<Record<string, AdvisoryEcosystem>> = { PyPI: 'pypi', npm: 'npm', Maven: 'maven', NuGet: 'nuget' };

function key(ecosystem: string, name: string): string {
  const normalized = ecosystem === 'pypi' ? name.toLowerCase().replace(/[-_.]+/g, '-') : ecosystem === 'nuget' ? name.toLowerCase() : name;
  return `${ecosystem}:${normalized}`;
}

function urlOf(id: string): string {
  return id.startsWith('GHSA-') ? `https://github.com/advisories/${id}` : `https://osv.dev/vulnerability/${id}`;
}

/** The same advisory under any of its ids (an OSV export lists a GHSA and its PYSEC twin separately). */
function sameAdvisory(entry: Advisory, record: OsvRecord): boolean {
  const ids = new Set([record.id, ...(record.aliases ?? [])]);
  return [entry.id, ...entry.aliases].some((id) => ids.has(id));
}

/** The ECOSYSTEM ranges of one affected package, dropped when a version is not valid for the ecosystem. */
function rangesOf(ecosystem: AdvisoryEcosystem, ranges: NonNullable<NonNullable<OsvRecord['affected']>[number]['ranges']>) {
  const kept = ranges
    .filter((range) => range.type === 'ECOSYSTEM')
    .map((range) => ({ type: 'ECOSYSTEM', events: range.events.map((event) => ({ ...event })) }));
  const valid = kept.every((range) =>
    range.events.every((event) => Object.values(event).every((version) => version === '0' || isValidVersion(ecosystem, version))),
  );
  return valid ? kept : [];
}

function firstFixedOf(ranges: { events: Record<string, string>[] }[]): string | undefined {
  return ranges.flatMap((range) => range.events.flatMap((event) => (event.fixed ? [event.fixed] : [])))[0];
}

export function refreshAdvisories(current: readonly Advisory[], records: Iterable<OsvRecord>): RefreshedAdvisory[] {
  const tracked = new Set(current.map((entry) => key(entry.ecosystem, entry.package)));
  const result: RefreshedAdvisory[] = current.map((entry) => ({ ...entry }));
  for (const record of records) {
    if (record.withdrawn) continue;
    for (const affected of record.affected ?? []) {
      const ecosystem = ECOSYSTEMS[affected.package?.ecosystem ?? ''];
      const name = affected.package?.name;
      if (!ecosystem || !name || !tracked.has(key(ecosystem, name))) continue;
      const ranges = rangesOf(ecosystem, affected.ranges ?? []);
      if (ranges.length === 0) continue;
      const existing = result.find(
        (entry) => entry.ecosystem === ecosystem && key(ecosystem, entry.package) === key(ecosystem, name) && sameAdvisory(entry, record),
      );
      const aliases = [...new Set([record.id, ...(record.aliases ?? [])])];
      if (existing) {
        existing.aliases = aliases.filter((id) => id !== existing.id).sort();
        existing.ranges = ranges;
        existing.firstFixed = firstFixedOf(ranges) ?? existing.firstFixed;
        continue;
      }
      result.push({
        id: record.id,
        aliases: aliases.filter((id) => id !== record.id).sort(),
        ecosystem,
        package: name,
        ranges,
        ...(firstFixedOf(ranges) ? { firstFixed: firstFixedOf(ranges) } : {}),
        severity: 'warning',
        summary: `REVIEW: ${record.summary ?? record.details?.split('\n')[0] ?? record.id}`,
        url: urlOf(record.id),
        verifiedIn: 'OSV export',
        reviewNeeded: true,
      });
    }
  }
  return result.sort((a, b) => key(a.ecosystem, a.package).localeCompare(key(b.ecosystem, b.package)) || a.id.localeCompare(b.id));
}
