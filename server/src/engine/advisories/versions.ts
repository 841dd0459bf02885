import * as pep440 from '@renovatebot/pep440';
import { parse as parsePep440Specifier } from '@renovatebot/pep440/lib/specifier';
import semver from 'semver';

/**
 * Version ordering and range reading per package ecosystem, for matching advisories: npm by
 * SemVer (`semver`), PyPI by PEP 440 (`@renovatebot/pep440`), Maven by the ordering of Maven's
 * `ComparableVersion`, NuGet by NuGet's SemVer 2 with a fourth number. Each function answers
 * `undefined` when a version cannot be read, so a caller never guesses.
 */

export type AdvisoryEcosystem = 'npm' | 'pypi' | 'maven' | 'nuget';

export const ADVISORY_ECOSYSTEMS: readonly AdvisoryEcosystem[] = ['npm', 'pypi', 'maven', 'nuget'];

/** Negative, zero or positive like `Array.prototype.sort`; undefined when either side is not a version. */
export function compareVersions(ecosystem: AdvisoryEcosystem, a: string, b: string): number | undefined {
  switch (ecosystem) {
    case 'npm': {
      const left = semver.valid(a, { loose: true });
      const right = semver.valid(b, { loose: true });
      return left && right ? semver.compare(left, right, { loose: true }) : undefined;
    }
    case 'pypi':
      return pep440.valid(a) && pep440.valid(b) ? Math.sign(pep440.compare(a, b)) : undefined;
    case 'maven':
      return isMavenVersion(a) && isMavenVersion(b) ? compareMaven(a, b) : undefined;
    case 'nuget':
      return compareNuGet(a, b);
  }
}

export function isValidVersion(ecosystem: AdvisoryEcosystem, version: string): boolean {
  return compareVersions(ecosystem, version, version) === 0;
}

/** One OSV `ECOSYSTEM` range event. */
export interface RangeEvent {
  introduced?: string;
  fixed?: string;
  last_affected?: string;
}

/**
 * Whether `version` falls in an OSV range: events sorted by version, a version is affected after an
 * `introduced` (inclusive) until the next `fixed` (exclusive) or `last_affected` (inclusive).
 * `introduced: "0"` means every earlier version.
 */
export function inOsvRange(ecosystem: AdvisoryEcosystem, version: string, events: readonly RangeEvent[]): boolean {
  let affected = false;
  for (const event of events) {
    if (event.introduced !== undefined) {
      if (event.introduced === '0' || (compareVersions(ecosystem, version, event.introduced) ?? -1) >= 0) affected = true;
    } else if (event.fixed !== undefined) {
      if (affected && (compareVersions(ecosystem, version, event.fixed) ?? 1) < 0) return true;
      if ((compareVersions(ecosystem, version, event.fixed) ?? -1) >= 0) affected = false;
    } else if (event.last_affected !== undefined) {
      if (affected && (compareVersions(ecosystem, version, event.last_affected) ?? 1) <= 0) return true;
      if ((compareVersions(ecosystem, version, event.last_affected) ?? -1) > 0) affected = false;
    }
  }
  return affected;
}

/**
 * The lowest version a manifest range admits, when the range has a lower bound that is itself
 * admitted (`^0.3.0`, `>=4.30`, `~=1.4.2`, `[1.0,2.0)`, NuGet's bare `1.2.3` = "at least"); undefined
 * for exclusive or missing lower bounds (`>1.0`, `<2`), where the lowest version cannot be known offline.
 */
export function lowestAdmitted(ecosystem: AdvisoryEcosystem, range: string): string | undefined {
  const trimmed = range.trim();
  switch (ecosystem) {
    case 'npm':
      return npmLowest(trimmed);
    case 'pypi':
      return pypiLowest(trimmed);
    case 'maven':
    case 'nuget':
      return intervalLowest(ecosystem, trimmed);
  }
}

function npmLowest(range: string): string | undefined {
  // `semver.minVersion` answers 0.0.0 for ranges with no lower bound (`<2`, `*`): not a real version here.
  if (!/^[\^~=v\d]|^>=/.test(range)) return undefined;
  try {
    return semver.validRange(range, { loose: true }) ? (semver.minVersion(range, { loose: true })?.version ?? undefined) : undefined;
  } catch {
    return undefined;
  }
}

function pypiLowest(range: string): string | undefined {
  let specifiers: ReturnType<typeof parsePep440Specifier>;
  try {
    specifiers = parsePep440Specifier(range);
  } catch {
    return undefined;
  }
  if (!specifiers) return undefined;
  const bounds = specifiers
    .filter((spec) => ['>=', '~=', '==', '==='].includes(spec.operator) && !('prefix' in spec && spec.prefix))
    .map((spec) => spec.version);
  const lowest = bounds.sort((a, b) => pep440.compare(a, b)).at(-1);
  // The highest lower bound is the effective one; it must also satisfy the other specifiers.
  return lowest && pep440.satisfies(lowest, range) ? lowest : undefined;
}

/** Maven and NuGet interval notation: `[1.0,2.0)`, `[1.0]`, `[1.0,)`; a bare NuGet version means "at least". */
function intervalLowest(ecosystem: 'maven' | 'nuget', range: string): string | undefined {
  const interval = /^\[\s*([^,\]\s]+)\s*(?:,|\])/.exec(range);
  if (interval) return isValidVersion(ecosystem, interval[1]) ? interval[1] : undefined;
  if (ecosystem === 'nuget' && isValidVersion('nuget', range)) return range;
  return undefined;
}

// ---- NuGet: up to four numbers, then an optional SemVer 2 pre-release; build metadata ignored; case-insensitive.

interface NuGetVersion {
  numbers: number[];
  prerelease: string[];
}

function parseNuGet(version: string): NuGetVersion | undefined {
  const match = /^v?(\d+(?:\.\d+){0,3})(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(version.trim());
  if (!match) return undefined;
  const numbers = match[1].split('.').map(Number);
  while (numbers.length < 4) numbers.push(0);
  return { numbers, prerelease: match[2] ? match[2].toLowerCase().split('.') : [] };
}

function compareNuGet(a: string, b: string): number | undefined {
  const left = parseNuGet(a);
  const right = parseNuGet(b);
  if (!left || !right) return undefined;
  for (let index = 0; index < 4; index++) {
    if (left.numbers[index] !== right.numbers[index]) return Math.sign(left.numbers[index] - right.numbers[index]);
  }
  // A release sorts after its pre-releases.
  if (left.prerelease.length === 0 || right.prerelease.length === 0) return Math.sign(right.prerelease.length - left.prerelease.length);
  return comparePrereleaseLabels(left.prerelease, right.prerelease);
}

function comparePrereleaseLabels(left: string[], right: string[]): number {
  for (let index = 0; index < Math.min(left.length, right.length); index++) {
    const [x, y] = [left[index], right[index]];
    const numeric = /^\d+$/.test(x) && /^\d+$/.test(y);
    const order = numeric ? Math.sign(Number(x) - Number(y)) : /^\d+$/.test(x) ? -1 : /^\d+$/.test(y) ? 1 : x < y ? -1 : x > y ? 1 : 0;
    if (order !== 0) return order;
  }
  return Math.sign(left.length - right.length);
}

// ---- Maven: ComparableVersion. Items split at `.`, `-` and digit/letter changes; trailing zeros and
// empty qualifiers are dropped; known qualifiers order alpha < beta < milestone < rc < snapshot < "" < sp,
// unknown qualifiers come after them (alphabetically), and numbers after every qualifier.

const MAVEN_QUALIFIERS = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
const MAVEN_ALIASES: Record<string, string> = { a: 'alpha', b: 'beta', m: 'milestone', cr: 'rc', ga: '', final: '', release: '' };

function isMavenVersion(version: string): boolean {
  return /^[0-9][0-9A-Za-z.+_-]*$/.test(version.trim());
}

type MavenItem = number | string;

function mavenItems(version: string): MavenItem[] {
  const tokens = version.toLowerCase().match(/\d+|[a-z]+/g) ?? [];
  const items: MavenItem[] = tokens.map((token, index) => {
    if (/^\d+$/.test(token)) return Number(token);
    // `1.0-a1` is alpha 1, but `a` alone (not followed by a number) is an unknown qualifier.
    const followedByNumber = index + 1 < tokens.length && /^\d/.test(tokens[index + 1]);
    const alias = token.length === 1 && !followedByNumber ? undefined : MAVEN_ALIASES[token];
    return alias ?? token;
  });
  while (items.length > 0 && (items.at(-1) === 0 || items.at(-1) === '')) items.pop();
  return items;
}

function qualifierRank(qualifier: string): [number, string] {
  const known = MAVEN_QUALIFIERS.indexOf(qualifier);
  return known >= 0 ? [known, ''] : [MAVEN_QUALIFIERS.length, qualifier];
}

function compareMavenItem(a: MavenItem | undefined, b: MavenItem | undefined): number {
  // A missing item compares like 0 against a number and like "" (a release) against a qualifier.
  const left = a ?? (typeof b === 'number' ? 0 : '');
  const right = b ?? (typeof a === 'number' ? 0 : '');
  if (typeof left === 'number' && typeof right === 'number') return Math.sign(left - right);
  if (typeof left === 'number') return 1;
  if (typeof right === 'number') return -1;
  const [leftRank, leftName] = qualifierRank(left);
  const [rightRank, rightName] = qualifierRank(right);
  if (leftRank !== rightRank) return Math.sign(leftRank - rightRank);
  return leftName < rightName ? -1 : leftName > rightName ? 1 : 0;
}

function compareMaven(a: string, b: string): number {
  const left = mavenItems(a);
  const right = mavenItems(b);
  for (let index = 0; index < Math.max(left.length, right.length); index++) {
    const order = compareMavenItem(left[index], right[index]);
    if (order !== 0) return order;
  }
  return 0;
}
